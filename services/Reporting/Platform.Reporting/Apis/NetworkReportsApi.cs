using System.Security.Claims;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.HealthModel;
using Platform.Reporting.Application;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults;

namespace Platform.Reporting.Apis;

public sealed record SurveyResults(int NetworkYear, int Respondents, IReadOnlyList<ScaleResult> Scales, IReadOnlyList<GroupResult>? Groups);

/// <summary>A hub team's reports of its own networks (audience: the hub).</summary>
public static class NetworkReportsApi
{
    public static IEndpointRouteBuilder MapNetworkReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reporting/networks").WithTags("Reporting").RequireAuthorization(Policies.HubTeam);
        api.MapGet("", ListNetworks)
            .WithSummary("The caller's hub's networks, as Reporting knows them from events");
        api.MapGet("/{id:guid}/structure", NetworkStructure)
            .WithSummary("The structural-table row of one of the hub's networks for a network year, by default the latest computed (CSV with Accept: text/csv)")
            .Produces<StructureRow>().Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/survey", SurveyScales)
            .WithSummary("The network's survey scale scores for a network year, optionally by=Role|Team (groups under the minimum are suppressed)")
            .Produces<SurveyResults>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/leadership", Leadership)
            .WithSummary("The hub-leadership area profile of the latest closed rubric session, and the change from the previous one")
            .Produces<LeadershipProfile>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/health", NetworkHealth)
            .WithSummary("The network's health profile for a network year: nine scales, weakest domain, response rate, change from the previous year, by role and team (suppressed under 5)")
            .Produces<HealthProfile>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/health/trend", NetworkHealthTrend)
            .WithSummary("Per scale, the network's mean in each network year with enough responses")
            .Produces<IReadOnlyList<ScaleTrend>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/health/improvement", ImprovementBesideSurveySection)
            .WithSummary("The survey's continuous-improvement domain beside the network's improvement work in the same network year (cycles, teams active, measures improving), and whether the two agree, in words")
            .Produces<ImprovementBesideSurvey>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/warnings", Warnings)
            .WithSummary("Early warnings for a network year (default: the current one), each with the rule that fired and its evidence")
            .Produces<NetworkWarnings.Report>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/improvement", Improvement)
            .WithSummary("The network's improvement work in a network year (default: the current one): per month cycles started and completed and coaching touchpoints; teams active in the last 60 days; share of completed cycles with predictions; decisions; measures improving; theory revisions; cycle reviews")
            .Produces<ImprovementActivityReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/feedback-report", FeedbackReportPage)
            .WithSummary("The formative feedback report for a network year as one self-contained, printable HTML page (charts as inline SVG)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<NetworkSummary>>> ListNetworks(ClaimsPrincipal user, NetworkReportQueries reports, CancellationToken ct) =>
        TypedResults.Ok(await reports.NetworksAsync(user.TenantId(), ct));

    private static async Task<IResult> NetworkStructure(Guid id, int? year, HttpRequest request, ClaimsPrincipal user, NetworkReportQueries reports,
        CancellationToken ct) =>
        await reports.StructureAsync(user.TenantId(), id, year, ct) is { Count: > 0 } rows ? Tables.Respond(request, rows, $"structure-{id}.csv") : TypedResults.NotFound();

    private static async Task<IResult> SurveyScales(Guid id, int year, SurveyGrouping? by, ClaimsPrincipal user, NetworkReportQueries reports, CancellationToken ct)
    {
        if (await reports.SurveyYearsAsync(user.TenantId(), id, ct) is not { } years) return TypedResults.NotFound();
        var scores = years.GetValueOrDefault(year) ?? NetworkYearScores.None;
        var minimum = Suppression.MinimumN;
        return TypedResults.Ok(new SurveyResults(year, scores.All.Respondents, ScaleReport.Overall(scores.All, minimum), by switch
        {
            SurveyGrouping.Role => ScaleReport.ByGroup(scores.ByRole, minimum),
            SurveyGrouping.Team => ScaleReport.ByGroup(scores.ByTeam, minimum),
            _ => null,
        }));
    }

    private static async Task<IResult> Leadership(Guid id, ClaimsPrincipal user, NetworkReportQueries reports, CancellationToken ct) =>
        await reports.LeadershipAsync(user.TenantId(), id, ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    private static async Task<IResult> NetworkHealth(Guid id, int year, ClaimsPrincipal user, NetworkReportQueries reports, CancellationToken ct) =>
        await reports.HealthAsync(user.TenantId(), id, year, ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    private static async Task<IResult> NetworkHealthTrend(Guid id, ClaimsPrincipal user, NetworkReportQueries reports, CancellationToken ct) =>
        await reports.SurveyYearsAsync(user.TenantId(), id, ct) is { } years
            ? TypedResults.Ok(HealthTrend.Of(years.ToDictionary(y => y.Key, y => y.Value.All), Suppression.MinimumN))
            : TypedResults.NotFound();

    private static async Task<IResult> Warnings(Guid id, int? year, ClaimsPrincipal user, NetworkReportQueries reports, CancellationToken ct) =>
        await reports.WarningsAsync(user.TenantId(), id, year, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();

    private static async Task<IResult> Improvement(Guid id, int? year, ClaimsPrincipal user, NetworkReportQueries reports, CancellationToken ct)
    {
        if (year is { } y && !ImprovementActivity.IsValidYear(y)) return Invalid.Field("year", ImprovementActivity.YearRule);
        return await reports.ImprovementAsync(user.TenantId(), id, year, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();
    }

    private static async Task<IResult> ImprovementBesideSurveySection(Guid id, int year, ClaimsPrincipal user, NetworkReportQueries reports, CancellationToken ct)
    {
        if (!ImprovementActivity.IsValidYear(year)) return Invalid.Field("year", ImprovementActivity.YearRule);
        return await reports.ImprovementBesideSurveyAsync(user.TenantId(), id, year, ct) is { } section ? TypedResults.Ok(section) : TypedResults.NotFound();
    }

    private static async Task<IResult> FeedbackReportPage(Guid id, int year, ClaimsPrincipal user, NetworkReportQueries reports, CancellationToken ct)
    {
        // The report counts the year's improvement work, which needs a year the calendar can date.
        if (!ImprovementActivity.IsValidYear(year)) return Invalid.Field("year", ImprovementActivity.YearRule);
        return await reports.FeedbackReportAsync(user.TenantId(), id, year, ct) is { } report
            ? new RazorComponentResult<Reports.FeedbackReportPage>(new { Report = report, Charts = Reports.FeedbackCharts.For(report), MinimumN = Suppression.MinimumN })
            : TypedResults.NotFound();
    }
}
