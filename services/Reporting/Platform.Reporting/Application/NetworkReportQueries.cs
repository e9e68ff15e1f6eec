using Platform.Data;
using Platform.HealthModel;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults;

namespace Platform.Reporting.Application;

/// <summary>
/// A hub's reports of one of its networks, each read in one transaction of the hub's tenant (row-level security decides
/// what it may see). A report of a network the tenant may not see is null (the endpoints answer 404).
/// </summary>
public sealed class NetworkReportQueries(Database db, ReportingStore store, SurveyResultsStore results, LeadershipStore leadership,
    WarningFactsStore warnings, ImprovementStore improvement, TimeProvider clock)
{
    public async Task<IReadOnlyList<NetworkSummary>> NetworksAsync(Guid tenant, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(tenant, ct);
        return await store.ListNetworksAsync(uow, ct);
    }

    /// <summary>The network's structural row for a year (by default the latest with figures); empty when it may not be seen.</summary>
    public async Task<IReadOnlyList<StructureRow>> StructureAsync(Guid tenant, Guid networkId, int? year, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(tenant, ct);
        return await store.StructureAsync(uow, year ?? await store.LatestYearAsync(uow, ct) ?? clock.Today().Year, networkId, ct);
    }

    /// <summary>The network's survey results in every network year (for one year's scales and for the trend).</summary>
    public async Task<IReadOnlyDictionary<int, NetworkYearScores>?> SurveyYearsAsync(Guid tenant, Guid networkId, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(tenant, ct);
        if (await store.NetworkAsync(uow, networkId, ct) is null) return null;
        return await results.NetworkYearsAsync(uow, networkId, ct);
    }

    public async Task<LeadershipProfile?> LeadershipAsync(Guid tenant, Guid networkId, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(tenant, ct);
        if (await store.NetworkAsync(uow, networkId, ct) is null) return null;
        return LeadershipProfile.Of(await leadership.SessionsAsync(uow, networkId, null, ct));
    }

    public async Task<HealthProfile?> HealthAsync(Guid tenant, Guid networkId, int year, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(tenant, ct);
        if (await store.NetworkAsync(uow, networkId, ct) is null) return null;
        return (await ProfileAsync(uow, networkId, year, ct)).Profile;
    }

    /// <summary>The network's warnings for a network year, by default the one today falls in.</summary>
    public async Task<NetworkWarnings.Report?> WarningsAsync(Guid tenant, Guid networkId, int? year, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(tenant, ct);
        if (await warnings.CalendarAsync(uow, networkId, ct) is not { } calendar) return null;
        var today = clock.Today();
        var y = year ?? calendar.YearOf(today);
        var facts = (await warnings.FactsAsync(uow, y, networkId, today, ct))[networkId];
        return new NetworkWarnings.Report(y, facts.AsOf, WarningRules.Current.Version, NetworkWarnings.Of(facts, WarningRules.Current));
    }

    /// <summary>The network's improvement work in a network year (by default the one today falls in), as of its end or today.</summary>
    public async Task<ImprovementActivityReport?> ImprovementAsync(Guid tenant, Guid networkId, int? year, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(tenant, ct);
        if (await warnings.CalendarAsync(uow, networkId, ct) is not { } calendar) return null;
        var today = clock.Today();
        var y = year ?? calendar.YearOf(today);
        return await ActivityAsync(uow, networkId, calendar, y, ct);
    }

    /// <summary>What members said of their improvement routines beside what the network did in a network year (the health page's section).</summary>
    public async Task<ImprovementBesideSurvey?> ImprovementBesideSurveyAsync(Guid tenant, Guid networkId, int year, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(tenant, ct);
        if (await warnings.CalendarAsync(uow, networkId, ct) is not { } calendar) return null;
        var (profile, _) = await ProfileAsync(uow, networkId, year, ct);
        return ImprovementBesideSurvey.Of(profile, await ActivityAsync(uow, networkId, calendar, year, ct));
    }

    /// <summary>The formative feedback report: the health profile and its trend, stability, leadership, warnings and the benchmark.</summary>
    public async Task<FeedbackReport?> FeedbackReportAsync(Guid tenant, Guid networkId, int year, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(tenant, ct);
        if (await store.NetworkAsync(uow, networkId, ct) is not { } network) return null;
        if (await warnings.CalendarAsync(uow, networkId, ct) is not { } calendar) return null;
        var (profile, years) = await ProfileAsync(uow, networkId, year, ct);
        var trend = HealthTrend.Of(years.ToDictionary(y => y.Key, y => y.Value.All), Suppression.MinimumN);
        var facts = (await warnings.FactsAsync(uow, year, networkId, clock.Today(), ct))[networkId];
        var benchmark = Benchmark.Of(network.BenchmarkingConsent,
            network.BenchmarkingConsent ? await results.BenchmarkMeansAsync(uow, year, Suppression.MinimumN, ct) : [], BenchmarkRule.MinimumNetworks);
        return FeedbackReport.Build(network, profile, trend, await store.StructureHistoryAsync(uow, networkId, ct),
            LeadershipProfile.Of(await leadership.SessionsAsync(uow, networkId, null, ct)), facts, NetworkWarnings.Of(facts, WarningRules.Current), benchmark,
            ImprovementBesideSurvey.Of(profile, await ActivityAsync(uow, networkId, calendar, year, ct)));
    }

    /// <summary>The network's improvement work in a year, counted as of the year's end or today (the improvement view, the health page and the report share it).</summary>
    private async Task<ImprovementActivityReport> ActivityAsync(UnitOfWork uow, Guid networkId, NetworkYearCalendar calendar, int year, CancellationToken ct)
    {
        var today = clock.Today();
        var work = await improvement.WorkAsync(uow, networkId, calendar.AsOf(year, today), ct);
        return ImprovementActivity.Of(calendar, year, today, work.GetValueOrDefault(networkId) ?? ImprovementWork.None);
    }

    /// <summary>A network's profile for a year and its results in every year (for the trend): the health view and the feedback report share it.</summary>
    private async Task<(HealthProfile Profile, IReadOnlyDictionary<int, NetworkYearScores> Years)> ProfileAsync(UnitOfWork uow, Guid networkId, int year,
        CancellationToken ct)
    {
        var years = await results.NetworkYearsAsync(uow, networkId, ct);
        var rates = await results.ResponseRatesAsync(uow, year, networkId, ct);
        return (HealthProfile.Of(year, years.GetValueOrDefault(year) ?? NetworkYearScores.None, years.GetValueOrDefault(year - 1)?.All,
            rates.TryGetValue(networkId, out var rate) ? rate : null, Suppression.MinimumN), years);
    }
}
