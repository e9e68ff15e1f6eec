using Platform.Data;
using Platform.HealthModel;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults;

namespace Platform.Reporting.Application;

/// <summary>
/// A funder's portfolio: the networks its grants let it see (row-level security decides), aggregates only. The health
/// rows of a year are computed once per read-model version (<see cref="PortfolioCache"/>) and serve the table, the
/// cluster counts and the trend.
/// </summary>
public sealed class PortfolioQueries(Database db, ReportingStore store, SurveyResultsStore results, LeadershipStore leadership,
    WarningFactsStore warnings, ImprovementStore improvement, PortfolioCache cache, TimeProvider clock)
{
    /// <summary>The structural table for a year, by default the latest with figures.</summary>
    public async Task<(int Year, IReadOnlyList<StructureRow> Rows)> StructureAsync(Guid funder, int? year, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(funder, ct);
        var y = year ?? await store.LatestYearAsync(uow, ct) ?? clock.Today().Year;
        return (y, await store.StructureAsync(uow, y, null, ct));
    }

    /// <summary>The network years with survey results (cheap: no portfolio is computed).</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(Guid funder, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(funder, ct);
        return await results.YearsAsync(uow, ct);
    }

    public Task<IReadOnlyList<PortfolioHealthRow>> HealthAsync(Guid funder, int year, CancellationToken ct)
    {
        var today = clock.Today();
        return cache.GetAsync(funder, year, today, () => ComputeHealthAsync(funder, year, today, ct));
    }

    public async Task<ClusterCounts> ClustersAsync(Guid funder, int year, CancellationToken ct) =>
        PortfolioHealth.Counts(year, await HealthAsync(funder, year, ct), ClusterRule.Current);

    /// <summary>Per network year with survey results: cluster counts and the median domain scores.</summary>
    public async Task<IReadOnlyList<PortfolioYear>> TrendAsync(Guid funder, CancellationToken ct)
    {
        var trend = new List<PortfolioYear>();
        foreach (var year in await YearsAsync(funder, ct)) trend.Add(PortfolioHealth.TrendPoint(year, await HealthAsync(funder, year, ct)));
        return trend;
    }

    public async Task<IReadOnlyList<FunderLeadershipRow>> LeadershipAsync(Guid funder, int year, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(funder, ct);
        // Networks first: a grant committed between the two reads then only adds sessions of networks not listed,
        // never lists a network without its sessions.
        var networks = await store.ListNetworksAsync(uow, ct);
        var sessions = (await leadership.SessionsAsync(uow, null, year, ct)).ToLookup(s => s.NetworkId);
        return networks.Select(n => FunderLeadershipRow.Of(n.NetworkId, year, sessions[n.NetworkId].ToList())).ToList();
    }

    /// <summary>
    /// Per granted network, its improvement work in network year <paramref name="year"/> (by default each network's current
    /// year), counts and rates only: never a cycle's text, a team or a person. Served from the portfolio cache while no read
    /// model changed (a grant, a revocation or new work is a change).
    /// </summary>
    public Task<IReadOnlyList<FunderImprovementRow>> ImprovementAsync(Guid funder, int? year, CancellationToken ct)
    {
        var today = clock.Today();
        return cache.ImprovementAsync(funder, year, today, () => ComputeImprovementAsync(funder, year, today, ct));
    }

    private async Task<IReadOnlyList<FunderImprovementRow>> ComputeImprovementAsync(Guid funder, int? year, DateOnly today, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(funder, ct);
        // Networks first (see LeadershipAsync); the work is read through today and each network counts up to its own as-of day.
        var calendars = await store.CalendarsAsync(uow, ct);
        var work = await improvement.WorkAsync(uow, null, today, ct);
        return calendars.Select(n => FunderImprovementRow.Of(n.NetworkId,
            ImprovementActivity.Of(n.Calendar, year ?? n.Calendar.YearOf(today), today, work.GetValueOrDefault(n.NetworkId) ?? ImprovementWork.None))).ToList();
    }

    private async Task<IReadOnlyList<PortfolioHealthRow>> ComputeHealthAsync(Guid funder, int year, DateOnly today, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(funder, ct);
        // The networks first (see LeadershipAsync): later reads can only see more, never less.
        var structure = await store.StructureAsync(uow, year, null, ct);
        var scores = await results.OverallByNetworkAsync(uow, year, ct);
        var facts = await warnings.FactsAsync(uow, year, null, today, ct);
        // A grant revoked between these reads drops the network from the answer rather than half-reporting it.
        return PortfolioHealth.Rows(year, structure.Where(s => facts.ContainsKey(s.NetworkId)).Select(s => new PortfolioHealth.NetworkInput(s, scores.GetValueOrDefault(s.NetworkId) ?? NetworkYearScores.None.All,
            facts[s.NetworkId].ResponseRate, NetworkWarnings.Of(facts[s.NetworkId], WarningRules.Current))).ToList(),
            Suppression.MinimumN, ClusterRule.Current);
    }
}
