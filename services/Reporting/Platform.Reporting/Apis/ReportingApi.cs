using Platform.Reporting.Application;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Components.Endpoints;
using Platform.Data;
using Platform.HealthModel;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.Reporting.IntegrationEvents;
using Platform.ServiceDefaults;

namespace Platform.Reporting.Apis;

public sealed record SurveyResults(int NetworkYear, int Respondents, IReadOnlyList<ScaleResult> Scales, IReadOnlyList<GroupResult>? Groups);

public sealed record RebuildAccepted(Guid RebuildId);

public static class ReportingApi
{
    public static IEndpointRouteBuilder MapReportingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reporting").WithTags("Reporting");
        api.MapGet("/networks", ListNetworks).RequireAuthorization(Policies.HubTeam)
            .WithSummary("The caller's hub's networks, as Reporting knows them from events");
        api.MapGet("/networks/{id:guid}/structure", NetworkStructure).RequireAuthorization(Policies.HubTeam)
            .WithSummary("The structural-table row of one of the hub's networks for a network year, by default the latest computed (CSV with Accept: text/csv)")
            .Produces<StructureRow>().Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/portfolio/structure", PortfolioStructure).RequireAuthorization(Policies.Funder)
            .WithSummary("The funder's structural table: one row per network shared with it (CSV with Accept: text/csv)")
            .Produces<IReadOnlyList<StructureRow>>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/networks/{id:guid}/survey", SurveyScales).RequireAuthorization(Policies.HubTeam)
            .WithSummary("The network's survey scale scores for a network year, optionally by=Role|Team (groups under the minimum are suppressed)")
            .Produces<SurveyResults>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/networks/{id:guid}/leadership", Leadership).RequireAuthorization(Policies.HubTeam)
            .WithSummary("The hub-leadership area profile of the latest closed rubric session, and the change from the previous one")
            .Produces<LeadershipProfile>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/networks/{id:guid}/health", NetworkHealth).RequireAuthorization(Policies.HubTeam)
            .WithSummary("The network's health profile for a network year: nine scales, weakest domain, response rate, change from the previous year, by role and team (suppressed under 5)")
            .Produces<HealthProfile>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/networks/{id:guid}/health/trend", NetworkHealthTrend).RequireAuthorization(Policies.HubTeam)
            .WithSummary("Per scale, the network's mean in each network year with enough responses")
            .Produces<IReadOnlyList<ScaleTrend>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/networks/{id:guid}/warnings", Warnings).RequireAuthorization(Policies.HubTeam)
            .WithSummary("Early warnings for a network year (default: the current one), each with the rule that fired and its evidence")
            .Produces<NetworkWarnings.Report>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/networks/{id:guid}/feedback-report", FeedbackReportPage).RequireAuthorization(Policies.HubTeam)
            .WithSummary("The formative feedback report for a network year as one self-contained, printable HTML page (charts as inline SVG)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/portfolio/health", PortfolioHealthTable).RequireAuthorization(Policies.Funder)
            .WithSummary("Per granted network: cluster and explanation, the six domain scores and z-scores, weakest domain, response rate, structural columns, warnings (CSV with Accept: text/csv)")
            .Produces<IReadOnlyList<PortfolioHealthRow>>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/portfolio/clusters", PortfolioClusters).RequireAuthorization(Policies.Funder)
            .WithSummary("How many granted networks fall in each health cluster, and the rule version used (CSV with Accept: text/csv)")
            .Produces<ClusterCounts>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/portfolio/years", PortfolioYears).RequireAuthorization(Policies.Funder)
            .WithSummary("The network years with survey results among the granted networks, oldest first (cheap: no portfolio is computed)")
            .Produces<IReadOnlyList<int>>();
        api.MapGet("/portfolio/trend", PortfolioTrend).RequireAuthorization(Policies.Funder)
            .WithSummary("Per network year with survey results: cluster counts and the median of each domain score over granted networks (CSV with Accept: text/csv)")
            .Produces<IReadOnlyList<PortfolioYear>>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/portfolio/leadership", PortfolioLeadership).RequireAuthorization(Policies.Funder)
            .WithSummary("Per granted network: whether a rubric session was held in the network year, and how many areas rated 3 or above")
            .Produces<IReadOnlyList<FunderLeadershipRow>>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        app.MapPost("/api/reporting/admin/rebuild", Rebuild).RequireAuthorization(Policies.PlatformAdmin).WithTags("Reporting")
            .WithSummary("Ask every publisher to re-emit its facts; Reporting takes them in again idempotently (202: it happens in the background)")
            .Produces(StatusCodes.Status202Accepted);
        app.MapGet("/api/reporting/admin/tenants/{tenantId:guid}/survey-consistency", CheckSurveyConsistency).RequireAuthorization(Policies.PlatformAdmin)
            .WithTags("Reporting")
            .WithSummary("Per wave of a hub, the responses Reporting counts against those Surveys released to it (all released before `before`, by default a minute ago, must be there); a mismatch is logged as an error, and a rebuild repairs it")
            .Produces<SurveyConsistencyReport>();
        return app;
    }

    /// <summary>Responses released less than this ago may still be on their way to Reporting: by default the check does not require them.</summary>
    private static readonly TimeSpan InFlight = TimeSpan.FromMinutes(1);

    private static async Task<Ok<SurveyConsistencyReport>> CheckSurveyConsistency(Guid tenantId, DateTimeOffset? before, Database db,
        SurveyResultsStore results, SurveysClient surveys, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var cutoff = before ?? clock.GetUtcNow() - InFlight;
        var released = await surveys.ReleasedCountsAsync(tenantId, cutoff, ct);
        IReadOnlyDictionary<Guid, int> counted;
        await using (var uow = await db.BeginAsync(tenantId, ct))
            counted = await results.CountedByWaveAsync(uow, ct);
        var report = SurveyConsistency.Compare(tenantId, cutoff, released, counted);
        var logger = logs.CreateLogger(typeof(SurveyConsistency).FullName!);
        foreach (var m in report.Mismatches)
            logger.LogError("Survey wave {WaveId} of tenant {TenantId}: Surveys released {ReleasedBefore} responses before {Before:O} and {Released} in all, Reporting counts {Counted}; `./dev rebuild-reports` (POST /api/reporting/admin/rebuild) repairs it",
                m.WaveId, tenantId, m.ReleasedBefore, cutoff, m.Released, m.CountedInReporting);
        return TypedResults.Ok(report);
    }

    private static async Task<Accepted<RebuildAccepted>> Rebuild(ReportingRebuild rebuild, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, new RebuildAccepted(await rebuild.RequestAsync("requested by a platform admin", onlyIfNeverRequested: false, ct)));

    private static async Task<IResult> Leadership(Guid id, ClaimsPrincipal user, Database db, ReportingStore store, LeadershipStore leadership, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.NetworkAsync(uow, id, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok(LeadershipProfile.Of(await leadership.SessionsAsync(uow, id, null, ct)));
    }

    private static async Task<IResult> NetworkHealth(Guid id, int year, ClaimsPrincipal user, Database db, ReportingStore store,
        SurveyResultsStore results, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.NetworkAsync(uow, id, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok((await ProfileAsync(uow, id, year, results, Suppression.MinimumN, ct)).Profile);
    }

    /// <summary>A network's profile for a year and its results in every year (for the trend): the health view and the feedback report share it.</summary>
    private static async Task<(HealthProfile Profile, IReadOnlyDictionary<int, NetworkYearScores> Years)> ProfileAsync(UnitOfWork uow, Guid id, int year,
        SurveyResultsStore results, int minimum, CancellationToken ct)
    {
        var years = await results.NetworkYearsAsync(uow, id, ct);
        var rates = await results.ResponseRatesAsync(uow, year, id, ct);
        return (HealthProfile.Of(year, years.GetValueOrDefault(year) ?? NetworkYearScores.None, years.GetValueOrDefault(year - 1)?.All,
            rates.TryGetValue(id, out var rate) ? rate : null, minimum), years);
    }

    private static async Task<IResult> NetworkHealthTrend(Guid id, ClaimsPrincipal user, Database db, ReportingStore store,
        SurveyResultsStore results, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.NetworkAsync(uow, id, ct) is null) return TypedResults.NotFound();
        var years = await results.NetworkYearsAsync(uow, id, ct);
        return TypedResults.Ok(HealthTrend.Of(years.ToDictionary(y => y.Key, y => y.Value.All), Suppression.MinimumN));
    }

    private static Task<IReadOnlyList<PortfolioHealthRow>> PortfolioRowsAsync(int year, ClaimsPrincipal user, Database db, ReportingStore store,
        SurveyResultsStore results, WarningFactsStore warnings, PortfolioCache cache, CancellationToken ct) =>
        cache.GetAsync(user.TenantId(), year, warnings.Today, () => ComputePortfolioRowsAsync(year, user, db, store, results, warnings, ct));

    private static async Task<IReadOnlyList<PortfolioHealthRow>> ComputePortfolioRowsAsync(int year, ClaimsPrincipal user, Database db, ReportingStore store,
        SurveyResultsStore results, WarningFactsStore warnings, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        // The networks first (see PortfolioLeadership): later reads can only see more, never less.
        var structure = await store.StructureAsync(uow, year, null, ct);
        var scores = await results.OverallByNetworkAsync(uow, year, ct);
        var facts = await warnings.FactsAsync(uow, year, null, ct);
        // A grant revoked between these reads drops the network from the answer rather than half-reporting it.
        return PortfolioHealth.Rows(year, structure.Where(s => facts.ContainsKey(s.NetworkId)).Select(s => new PortfolioHealth.NetworkInput(s, scores.GetValueOrDefault(s.NetworkId) ?? NetworkYearScores.None.All,
            facts[s.NetworkId].ResponseRate, NetworkWarnings.Of(facts[s.NetworkId], WarningRules.Current))).ToList(),
            Suppression.MinimumN, ClusterRule.Current);
    }

    private static async Task<IResult> FeedbackReportPage(Guid id, int year, ClaimsPrincipal user, Database db, ReportingStore store,
        SurveyResultsStore results, LeadershipStore leadership, WarningFactsStore warnings, CancellationToken ct)
    {
        var minimum = Suppression.MinimumN;
        FeedbackReport report;
        await using (var uow = await db.BeginAsync(user.TenantId(), ct))
        {
            if (await store.NetworkAsync(uow, id, ct) is not { } network) return TypedResults.NotFound();
            var (profile, years) = await ProfileAsync(uow, id, year, results, minimum, ct);
            var trend = HealthTrend.Of(years.ToDictionary(y => y.Key, y => y.Value.All), minimum);
            var facts = (await warnings.FactsAsync(uow, year, id, ct))[id];
            var benchmark = Benchmark.Of(network.BenchmarkingConsent,
                network.BenchmarkingConsent ? await results.BenchmarkMeansAsync(uow, year, minimum, ct) : [], ClusterRule.Current.MinNetworks);
            report = FeedbackReport.Build(network, profile, trend, await store.StructureHistoryAsync(uow, id, ct),
                LeadershipProfile.Of(await leadership.SessionsAsync(uow, id, null, ct)), facts, NetworkWarnings.Of(facts, WarningRules.Current), benchmark);
        }
        return new RazorComponentResult<Reports.FeedbackReportPage>(new { Report = report, Charts = Reports.FeedbackCharts.For(report), MinimumN = minimum });
    }

    private static async Task<IResult> Warnings(Guid id, int? year, ClaimsPrincipal user, Database db, WarningFactsStore warnings, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await warnings.CalendarAsync(uow, id, ct) is not { } calendar) return TypedResults.NotFound();
        var y = year ?? calendar.YearOf(warnings.Today);
        var facts = (await warnings.FactsAsync(uow, y, id, ct))[id];
        return TypedResults.Ok(new NetworkWarnings.Report(y, facts.AsOf, WarningRules.Current.Version, NetworkWarnings.Of(facts, WarningRules.Current)));
    }

    private static async Task<IResult> PortfolioHealthTable(int year, HttpRequest request, ClaimsPrincipal user, Database db, ReportingStore store,
        SurveyResultsStore results, WarningFactsStore warnings, PortfolioCache cache, CancellationToken ct) =>
        Tables.Respond(request, await PortfolioRowsAsync(year, user, db, store, results, warnings, cache, ct), $"portfolio-health-{year}.csv");

    private static async Task<Ok<IReadOnlyList<int>>> PortfolioYears(ClaimsPrincipal user, Database db, SurveyResultsStore results, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return TypedResults.Ok(await results.YearsAsync(uow, ct));
    }

    private static async Task<IResult> PortfolioTrend(HttpRequest request, ClaimsPrincipal user, Database db, ReportingStore store,
        SurveyResultsStore results, WarningFactsStore warnings, PortfolioCache cache, CancellationToken ct)
    {
        IReadOnlyList<int> years;
        await using (var uow = await db.BeginAsync(user.TenantId(), ct)) years = await results.YearsAsync(uow, ct);
        var trend = new List<PortfolioYear>();
        foreach (var year in years) trend.Add(PortfolioHealth.TrendPoint(year, await PortfolioRowsAsync(year, user, db, store, results, warnings, cache, ct)));
        return Tables.WantsCsv(request) ? Tables.Respond(request, [.. trend.Select(t => t.Row())], "portfolio-trend.csv") : TypedResults.Ok(trend);
    }

    private static async Task<IResult> PortfolioClusters(int year, HttpRequest request, ClaimsPrincipal user, Database db, ReportingStore store,
        SurveyResultsStore results, WarningFactsStore warnings, PortfolioCache cache, CancellationToken ct)
    {
        var counts = PortfolioHealth.Counts(year, await PortfolioRowsAsync(year, user, db, store, results, warnings, cache, ct), ClusterRule.Current);
        return Tables.WantsCsv(request) ? Tables.Respond(request, counts.Rows(), $"portfolio-clusters-{year}.csv") : TypedResults.Ok(counts);
    }

    private static async Task<IResult> PortfolioLeadership(int year, HttpRequest request, ClaimsPrincipal user, Database db, ReportingStore store,
        LeadershipStore leadership, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        // Networks first: a grant committed between the two reads then only adds sessions of networks not listed,
        // never lists a network without its sessions.
        var networks = await store.ListNetworksAsync(uow, ct);
        var sessions = (await leadership.SessionsAsync(uow, null, year, ct)).ToLookup(s => s.NetworkId);
        var rows = networks.Select(n => FunderLeadershipRow.Of(n.NetworkId, year, sessions[n.NetworkId].ToList())).ToList();
        return Tables.Respond(request, rows, $"portfolio-leadership-{year}.csv");
    }

    private static async Task<IResult> SurveyScales(Guid id, int year, SurveyGrouping? by, ClaimsPrincipal user, Database db, ReportingStore store,
        SurveyResultsStore results, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.NetworkAsync(uow, id, ct) is null) return TypedResults.NotFound();
        var scores = (await results.NetworkYearsAsync(uow, id, ct)).GetValueOrDefault(year) ?? NetworkYearScores.None;
        var minimum = Suppression.MinimumN;
        return TypedResults.Ok(new SurveyResults(year, scores.All.Respondents, ScaleReport.Overall(scores.All, minimum), by switch
        {
            SurveyGrouping.Role => ScaleReport.ByGroup(scores.ByRole, minimum),
            SurveyGrouping.Team => ScaleReport.ByGroup(scores.ByTeam, minimum),
            _ => null,
        }));
    }

    private static async Task<Ok<IReadOnlyList<NetworkSummary>>> ListNetworks(ClaimsPrincipal user, Database db, ReportingStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return TypedResults.Ok(await store.ListNetworksAsync(uow, ct));
    }

    private static async Task<IResult> NetworkStructure(Guid id, int? year, HttpRequest request, ClaimsPrincipal user, Database db,
        ReportingStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var rows = await store.StructureAsync(uow, year ?? await store.LatestYearAsync(uow, ct), id, ct);
        return rows.Count == 0 ? TypedResults.NotFound() : Tables.Respond(request, rows, $"structure-{id}.csv");
    }

    private static async Task<IResult> PortfolioStructure(int? year, HttpRequest request, ClaimsPrincipal user, Database db,
        ReportingStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var y = year ?? await store.LatestYearAsync(uow, ct);
        return Tables.Respond(request, await store.StructureAsync(uow, y, null, ct), $"portfolio-structure-{y}.csv");
    }
}
