using Dapper;
using Platform.Data;
using Platform.Improvement.Domain;

namespace Platform.Improvement.Data;

/// <summary>A cycle in Do or Study: what the hub home shows of it (no cycle text beyond its title and objective).</summary>
public sealed record ActiveCycle(Guid Id, Guid NetworkId, string NetworkName, Guid TeamId, string? TeamName, string Title, string Objective, CycleStatus Status, DateOnly StartedOn);

/// <summary>A measure with its latest few periods (enough to tell its frequency and whether the last period has a point).</summary>
public sealed record RecentMeasure(Guid Id, Guid NetworkId, string NetworkName, Guid? TeamId, string? TeamName, string Name, IReadOnlyList<DateOnly> RecentPeriods);

/// <summary>
/// The hub-wide reads of the hub home: every network of the tenant in one statement each (RLS keeps them to the hub).
/// The rules of what is overdue or stale are <see cref="Attention"/>'s; these only narrow to the candidates.
/// </summary>
public sealed class AttentionQueries
{
    private sealed record CycleRow(Guid Id, Guid NetworkId, string NetworkName, Guid TeamId, string? TeamName, string Title, string Objective, string Status, string StartedOn);

    // Periods as one comma-separated text: Dapper cannot hand a text[] column to a record's constructor.
    private sealed record MeasureRow(Guid Id, Guid NetworkId, string NetworkName, Guid? TeamId, string? TeamName, string Name, string Periods);

    public async Task<IReadOnlyList<ActiveCycle>> ActiveCyclesAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<CycleRow>(uow.Command("""
            select c.id, c.network_id as NetworkId, n.name as NetworkName, c.team_id as TeamId, t.name as TeamName, c.title, c.objective, c.status,
                   c.started_on::text as StartedOn
            from pdsa_cycles c join networks n on n.network_id = c.network_id left join teams t on t.team_id = c.team_id
            where c.status in ('Do', 'Study') and c.started_on is not null
            order by n.name, c.started_on, c.id
            """, null, ct)))
        .Select(r => new ActiveCycle(r.Id, r.NetworkId, r.NetworkName, r.TeamId, r.TeamName, r.Title, r.Objective, Enum.Parse<CycleStatus>(r.Status), DateOnly.Parse(r.StartedOn))).ToList();

    /// <summary>Every measure of the hub with its three latest periods (newest first; one index range read each).</summary>
    public async Task<IReadOnlyList<RecentMeasure>> MeasuresAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<MeasureRow>(uow.Command("""
            select m.id, m.network_id as NetworkId, n.name as NetworkName, m.team_id as TeamId, t.name as TeamName, m.name,
                   array_to_string(array(select p.period::text from measure_points p where p.measure_id = m.id order by p.period desc limit 3), ',') as Periods
            from measures m join networks n on n.network_id = m.network_id left join teams t on t.team_id = m.team_id
            order by n.name, m.created_at, m.id
            """, null, ct)))
        .Select(r => new RecentMeasure(r.Id, r.NetworkId, r.NetworkName, r.TeamId, r.TeamName, r.Name, r.Periods.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(DateOnly.Parse).ToList())).ToList();
}
