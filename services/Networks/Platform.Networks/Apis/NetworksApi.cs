using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Messaging;
using Platform.Networks.Data;
using Platform.Networks.Domain;
using Platform.ServiceDefaults;

namespace Platform.Networks.Apis;

public sealed record RegisterNetworkRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, StringLength(2000, MinimumLength = 1)] string Aim,
    GoalType GoalType,
    DateOnly LaunchDate);

public static class NetworksApi
{
    public static IEndpointRouteBuilder MapNetworksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/networks").WithTags("Networks").RequireAuthorization(Policies.HubTeam);

        api.MapPost("/", RegisterNetwork).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Register a new improvement network in the caller's hub")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/", ListNetworks).WithSummary("The caller's hub's networks");
        api.MapGet("/{id:guid}", GetNetwork).WithSummary("One network").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Created<Network>> RegisterNetwork(
        RegisterNetworkRequest request, ClaimsPrincipal user, Database db, NetworkStore store, Outbox outbox,
        TimeProvider clock, CancellationToken ct)
    {
        var tenantId = user.TenantId();
        var network = new Network(Guid.CreateVersion7(), request.Name.Trim(), request.Aim.Trim(), request.GoalType,
            request.LaunchDate, NetworkPhase.Initiate, NetworkStatus.Active, clock.GetUtcNow());

        await using var uow = await db.BeginAsync(tenantId, ct);
        await store.InsertAsync(uow, network, ct);
        await outbox.EnqueueAsync(uow, new NetworkRegistered(tenantId, network.Id, network.Name, network.Aim,
            network.GoalType.ToString(), network.LaunchDate, network.CreatedAt), ct);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/networks/{network.Id}", network);
    }

    private static async Task<Ok<IReadOnlyList<Network>>> ListNetworks(ClaimsPrincipal user, Database db, NetworkStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return TypedResults.Ok(await store.ListAsync(uow, ct));
    }

    private static async Task<Results<Ok<Network>, NotFound>> GetNetwork(Guid id, ClaimsPrincipal user, Database db, NetworkStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return await store.FindAsync(uow, id, ct) is { } network ? TypedResults.Ok(network) : TypedResults.NotFound();
    }
}
