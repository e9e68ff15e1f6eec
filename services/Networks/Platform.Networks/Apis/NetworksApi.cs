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
    DateOnly LaunchDate,
    [property: MaxLength(Network.MaxFocusAreas)] string[]? FocusAreas = null,
    bool BenchmarkingConsent = false,
    string? TimeZone = null);

public sealed record UpdateNetworkRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, StringLength(2000, MinimumLength = 1)] string Aim,
    GoalType GoalType,
    DateOnly LaunchDate,
    NetworkPhase Phase,
    NetworkStatus Status,
    [property: Range(1, 12)] int YearStartMonth = 8,
    [property: Range(1, 31)] int YearStartDay = 1,
    [property: MaxLength(Network.MaxFocusAreas)] string[]? FocusAreas = null,
    bool BenchmarkingConsent = false,
    string? TimeZone = null);

/// <summary>A network with what is derived from its members: its district scope.</summary>
public sealed record NetworkDetails(
    Guid Id, string Name, string Aim, GoalType GoalType, DateOnly LaunchDate, NetworkPhase Phase, NetworkStatus Status,
    int YearStartMonth, int YearStartDay, DistrictScope DistrictScope, string? HubHostType, DateTimeOffset CreatedAt,
    IReadOnlyList<string> FocusAreas, bool BenchmarkingConsent, string TimeZone)
{
    public static NetworkDetails Of(Network n, DistrictScope scope, string? hubHostType) =>
        new(n.Id, n.Name, n.Aim, n.GoalType, n.LaunchDate, n.Phase, n.Status, n.YearStartMonth, n.YearStartDay, scope, hubHostType, n.CreatedAt,
            n.FocusAreas ?? [], n.BenchmarkingConsent, n.TimeZone);
}

public static class NetworksApi
{
    private const string UnknownTimeZone = "Name the network's time zone as an IANA id, for example America/Chicago.";

    public static IEndpointRouteBuilder MapNetworksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/networks").WithTags("Networks").RequireAuthorization(Policies.HubTeam);

        api.MapPost("/", RegisterNetwork).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Register a new improvement network in the caller's hub")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/", ListNetworks).WithSummary("The caller's hub's networks");
        api.MapGet("/{id:guid}", GetNetwork).WithSummary("One network, with its derived district scope").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{id:guid}", UpdateNetwork).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Edit a network's facts").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapOrganizationsApi();
        api.MapMembersApi();
        api.MapHubStaffApi();
        api.MapStabilityApi();
        api.MapGrantsApi();
        api.MapRosterApi();
        api.MapInvitationsApi();
        api.MapGet("/audit", AuditApi.List).RequireAuthorization(Policies.HubAdmin).WithSummary("The hub's admin writes between from and to");
        app.MapFundersApi();
        app.MapContactsApi();
        app.MapInvitationLinks();
        return app;
    }

    private static async Task<Results<Created<NetworkDetails>, ValidationProblem>> RegisterNetwork(
        RegisterNetworkRequest request, ClaimsPrincipal user, Database db, NetworkStore store, Outbox outbox, AuditLog audit,
        GrantStore grants, TimeProvider clock, CancellationToken ct)
    {
        var tenantId = user.TenantId();
        if (Network.FocusAreasProblem(request.FocusAreas) is { } problem) return Invalid.Field("focusAreas", problem);
        var timeZone = request.TimeZone is null ? NetworkTimeZone.Default : NetworkTimeZone.Known(request.TimeZone);
        if (timeZone is null) return Invalid.Field("timeZone", UnknownTimeZone);
        var network = new Network(Guid.CreateVersion7(), request.Name.Trim(), request.Aim.Trim(), request.GoalType,
            request.LaunchDate, NetworkPhase.Initiate, NetworkStatus.Active, clock.GetUtcNow(),
            FocusAreas: Network.CleanFocusAreas(request.FocusAreas), BenchmarkingConsent: request.BenchmarkingConsent, TimeZone: timeZone);

        await using var uow = await db.BeginAsync(tenantId, ct);
        await store.InsertAsync(uow, network, ct);
        await outbox.EnqueueAsync(uow, new NetworkRegistered(tenantId, network.Id, network.Name, network.Aim,
            network.GoalType.ToString(), network.LaunchDate, network.CreatedAt, network.YearStartMonth, network.YearStartDay,
            network.FocusAreas, network.BenchmarkingConsent, network.TimeZone), ct);
        await audit.RecordAsync(uow, user.UserId() ?? "unknown", "network.registered", network.Id, new { network.Name }, ct);
        var hostType = await grants.HostTypeAsync(uow, tenantId, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/networks/{network.Id}", NetworkDetails.Of(network, DistrictScope.None, hostType));
    }

    private static async Task<Ok<IReadOnlyList<Network>>> ListNetworks(ClaimsPrincipal user, Database db, NetworkStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return TypedResults.Ok(await store.ListAsync(uow, ct));
    }

    private static async Task<Results<Ok<NetworkDetails>, NotFound>> GetNetwork(
        Guid id, ClaimsPrincipal user, Database db, NetworkStore store, MembershipStore members, GrantStore grants, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.FindAsync(uow, id, ct) is not { } network) return TypedResults.NotFound();
        return TypedResults.Ok(NetworkDetails.Of(network, NetworkScope.Of(await members.OrganizationsAsync(uow, id, ct)),
            await grants.HostTypeAsync(uow, user.TenantId(), ct)));
    }

    private static async Task<Results<Ok<NetworkDetails>, ValidationProblem, NotFound>> UpdateNetwork(
        Guid id, UpdateNetworkRequest request, ClaimsPrincipal user, NetworkWrites writes, NetworkStore store, GrantStore grants,
        CancellationToken ct)
    {
        if (!NetworkYearCalendar.IsValid(request.YearStartMonth, request.YearStartDay))
            return Invalid.Field("yearStartDay", "The network year must start on a real day of the year.");
        if (Network.FocusAreasProblem(request.FocusAreas) is { } problem) return Invalid.Field("focusAreas", problem);
        var timeZone = request.TimeZone is null ? null : NetworkTimeZone.Known(request.TimeZone);
        if (request.TimeZone is not null && timeZone is null) return Invalid.Field("timeZone", UnknownTimeZone);
        await using var w = await writes.BeginAsync(user, id, ct);
        if (w is null) return TypedResults.NotFound();
        var updated = w.Network with
        {
            Name = request.Name.Trim(), Aim = request.Aim.Trim(), GoalType = request.GoalType, LaunchDate = request.LaunchDate,
            Phase = request.Phase, Status = request.Status, YearStartMonth = request.YearStartMonth, YearStartDay = request.YearStartDay,
            FocusAreas = Network.CleanFocusAreas(request.FocusAreas), BenchmarkingConsent = request.BenchmarkingConsent,
            TimeZone = timeZone ?? w.Network.TimeZone,
        };
        await store.UpdateAsync(w.Uow, updated, ct);
        w.Replace(updated);
        var scope = await w.PublishNetworkUpdatedAsync(ct);
        var hostType = await grants.HostTypeAsync(w.Uow, user.TenantId(), ct);
        // Launch date and year start move every figure: republish the snapshots.
        await w.CommitAsync("network.updated", id, request, stabilityChanged: true, ct);
        return TypedResults.Ok(NetworkDetails.Of(updated, scope, hostType));
    }
}
