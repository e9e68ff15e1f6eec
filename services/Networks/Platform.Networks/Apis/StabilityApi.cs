using Platform.Networks.Application;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;
using Platform.Networks.Data;
using Platform.Networks.Domain;
using Platform.ServiceDefaults;

namespace Platform.Networks.Apis;

/// <summary>Value null clears the override.</summary>
public sealed record HubStabilityOverrideRequest(HubStabilityClass? Value, [property: StringLength(2000)] string? Reason);

public static class StabilityApi
{
    public static RouteGroupBuilder MapStabilityApi(this RouteGroupBuilder network)
    {
        network.MapGet("/{id:guid}/stability", ForYear).WithSummary("Member and hub stability of one network year (default: the current one)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        network.MapGet("/{id:guid}/stability/history", History).WithSummary("One row per network year since launch")
            .ProducesProblem(StatusCodes.Status404NotFound);
        network.MapPut("/{id:guid}/hub-stability-override", Override).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Override the computed hub stability class, with a written reason (null value clears it)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    private static async Task<Results<Ok<StabilityReport>, NotFound>> ForYear(
        Guid id, int? year, ClaimsPrincipal user, Database db, NetworkStore networks, StabilityReports reports, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await networks.FindAsync(uow, id, ct) is not { } network) return TypedResults.NotFound();
        return TypedResults.Ok(await reports.ForYearAsync(uow, network, year, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<StabilityReport>>, NotFound>> History(
        Guid id, ClaimsPrincipal user, Database db, NetworkStore networks, StabilityReports reports, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await networks.FindAsync(uow, id, ct) is not { } network) return TypedResults.NotFound();
        return TypedResults.Ok(await reports.HistoryAsync(uow, network, ct));
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound>> Override(
        Guid id, HubStabilityOverrideRequest request, ClaimsPrincipal user, NetworkWrites writes, NetworkStore networks, CancellationToken ct)
    {
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (request.Value is not null && reason is null) return Invalid.Field("reason", "An override needs a written reason.");
        await using var w = await writes.BeginAsync(user, id, ct);
        if (w is null) return TypedResults.NotFound();
        var updated = w.Network with { HubStabilityOverride = request.Value, HubStabilityOverrideReason = request.Value is null ? null : reason };
        await networks.UpdateAsync(w.Uow, updated, ct);
        w.Replace(updated);
        await w.CommitAsync(request.Value is null ? "hubstability.override.cleared" : "hubstability.overridden", id, request, true, ct);
        return TypedResults.NoContent();
    }
}
