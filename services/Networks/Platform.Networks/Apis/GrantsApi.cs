using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Networks.Data;
using Platform.ServiceDefaults;

namespace Platform.Networks.Apis;

public sealed record GrantRequest(Guid FunderTenantId);

/// <summary>A hub shares a network's aggregates with a funder, and can take it back.</summary>
public static class GrantsApi
{
    public static RouteGroupBuilder MapGrantsApi(this RouteGroupBuilder network)
    {
        network.MapPost("/{id:guid}/grants", Grant).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Share the network's aggregates with a funder (idempotent)").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        network.MapDelete("/{id:guid}/grants/{funderTenantId:guid}", Revoke).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Stop sharing the network with a funder").ProducesProblem(StatusCodes.Status404NotFound);
        network.MapGet("/{id:guid}/grants", List).WithSummary("The funders this network is shared with").ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    /// <summary>GET /api/funders: the funders a hub can grant to (names only).</summary>
    public static IEndpointRouteBuilder MapFundersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/funders", async (ClaimsPrincipal user, Database db, GrantStore grants, CancellationToken ct) =>
        {
            await using var uow = await db.BeginAsync(user.TenantId(), ct);
            return TypedResults.Ok(await grants.FundersAsync(uow, ct));
        }).RequireAuthorization(Policies.HubAdmin).WithTags("Networks").WithSummary("Funder tenants a hub can share networks with");
        return app;
    }

    private static async Task<Results<Created<FunderGrant>, Ok<FunderGrant>, ValidationProblem, NotFound>> Grant(
        Guid id, GrantRequest request, ClaimsPrincipal user, NetworkWrites writes, GrantStore grants, TimeProvider clock, CancellationToken ct)
    {
        await using var w = await writes.BeginAsync(user, id, ct);
        if (w is null) return TypedResults.NotFound();
        if ((await grants.FundersAsync(w.Uow, ct)).All(f => f.Id != request.FunderTenantId))
            return Invalid.Field("funderTenantId", "No funder tenant has that id.");
        if ((await grants.ActiveAsync(w.Uow, id, ct)).SingleOrDefault(g => g.FunderTenantId == request.FunderTenantId) is { } existing)
            return TypedResults.Ok(existing);

        await grants.InsertAsync(w.Uow, id, request.FunderTenantId, ct);
        await w.Events.EnqueueAsync(w.Uow, new NetworkSharedWithFunder(w.Uow.TenantId!.Value, id, request.FunderTenantId, clock.GetUtcNow()), ct);
        var grant = (await grants.ActiveAsync(w.Uow, id, ct)).Single(g => g.FunderTenantId == request.FunderTenantId);
        await w.CommitAsync("grant.added", id, new { request.FunderTenantId }, stabilityChanged: true, ct); // the funder's copy starts complete
        return TypedResults.Created($"/api/networks/{id}/grants/{request.FunderTenantId}", grant);
    }

    private static async Task<Results<NoContent, NotFound>> Revoke(
        Guid id, Guid funderTenantId, ClaimsPrincipal user, NetworkWrites writes, GrantStore grants, TimeProvider clock, CancellationToken ct)
    {
        await using var w = await writes.BeginAsync(user, id, ct);
        if (w is null || !await grants.RevokeAsync(w.Uow, id, funderTenantId, ct)) return TypedResults.NotFound();
        await w.Events.EnqueueAsync(w.Uow, new NetworkShareRevoked(w.Uow.TenantId!.Value, id, funderTenantId, clock.GetUtcNow()), ct);
        await w.CommitAsync("grant.revoked", id, new { funderTenantId }, false, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<FunderGrant>>, NotFound>> List(
        Guid id, ClaimsPrincipal user, Database db, NetworkStore networks, GrantStore grants, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await networks.FindAsync(uow, id, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await grants.ActiveAsync(uow, id, ct));
    }
}
