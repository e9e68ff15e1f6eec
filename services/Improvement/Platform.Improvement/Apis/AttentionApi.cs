using System.Security.Claims;
using Platform.Data;
using Platform.Improvement.Application;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.ServiceDefaults;

namespace Platform.Improvement.Apis;

public sealed record OverdueCycle(Guid Id, Guid NetworkId, string NetworkName, Guid TeamId, string? TeamName, string Title, string Objective,
    CycleStatus Status, DateOnly StartedOn, int DaysSinceStart);

public sealed record StaleMeasure(Guid Id, Guid NetworkId, string NetworkName, Guid? TeamId, string? TeamName, string Name, MeasureFrequency? Frequency,
    DateOnly? LatestPeriod);

/// <summary>What of the hub's improvement work needs attention this week, on <see cref="AsOf"/>.</summary>
public sealed record ImprovementAttention(DateOnly AsOf, int OverdueAfterDays, IReadOnlyList<OverdueCycle> OverdueCycles, IReadOnlyList<StaleMeasure> StaleMeasures);

/// <summary>
/// The hub home's improvement lines for every network of the hub in one answer (hub team only): cycles overdue in Do or
/// Study and measures with no data for their last complete period (<see cref="Attention"/>'s rules). Ids, names and
/// dates only: no observations, findings or comments.
/// </summary>
public static class AttentionApi
{
    public static IEndpointRouteBuilder MapAttentionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/improvement/attention", Get).WithTags("Attention").RequireAuthorization(Access.Policy)
            .WithSummary("Overdue cycles and measures with no data for the last period, across the hub's networks");
        return app;
    }

    private static async Task<IResult> Get(ClaimsPrincipal user, Database db, AttentionQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.HubAdmin) && !user.IsInRole(Roles.HubStaff)) return Access.HubTeamOnly();
        var today = clock.Today();
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var cycles = await queries.ActiveCyclesAsync(uow, ct);
        var measures = await queries.MeasuresAsync(uow, ct);
        return TypedResults.Ok(new ImprovementAttention(today, Attention.OverdueAfterDays,
            cycles.Where(c => Attention.IsOverdue(c.Status, c.StartedOn, today))
                .Select(c => new OverdueCycle(c.Id, c.NetworkId, c.NetworkName, c.TeamId, c.TeamName, c.Title, c.Objective, c.Status, c.StartedOn,
                    today.DayNumber - c.StartedOn.DayNumber)).ToList(),
            measures.Where(m => Attention.HasNoDataForLastPeriod(m.RecentPeriods, today))
                .Select(m => new StaleMeasure(m.Id, m.NetworkId, m.NetworkName, m.TeamId, m.TeamName, m.Name,
                    m.RecentPeriods.Count == 0 ? null : Attention.FrequencyOf(m.RecentPeriods), m.RecentPeriods.Count == 0 ? null : m.RecentPeriods.Max())).ToList()));
    }
}
