using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Reporting.Application;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults;

namespace Platform.Reporting.Apis;

/// <summary>A funder's portfolio: the networks shared with it, aggregates only (audience: the funder).</summary>
public static class PortfolioApi
{
    public static IEndpointRouteBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reporting/portfolio").WithTags("Reporting").RequireAuthorization(Policies.Funder);
        api.MapGet("/structure", PortfolioStructure)
            .WithSummary("The funder's structural table: one row per network shared with it (CSV with Accept: text/csv)")
            .Produces<IReadOnlyList<StructureRow>>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/health", PortfolioHealthTable)
            .WithSummary("Per granted network: cluster and explanation, the six domain scores, z-scores and bands, weakest domain, response rate, structural columns, warnings (CSV with Accept: text/csv)")
            .Produces<IReadOnlyList<PortfolioHealthRow>>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/clusters", PortfolioClusters)
            .WithSummary("How many granted networks fall in each health cluster, and the rule version and z-score bands used (CSV with Accept: text/csv)")
            .Produces<ClusterCounts>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/years", PortfolioYears)
            .WithSummary("The network years with survey results among the granted networks, oldest first (cheap: no portfolio is computed)")
            .Produces<IReadOnlyList<int>>();
        api.MapGet("/trend", PortfolioTrend)
            .WithSummary("Per network year with survey results: cluster counts and the median of each domain score over granted networks (CSV with Accept: text/csv)")
            .Produces<IReadOnlyList<PortfolioYear>>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/leadership", PortfolioLeadership)
            .WithSummary("Per granted network: whether a rubric session was held in the network year, and how many areas rated 3 or above")
            .Produces<IReadOnlyList<FunderLeadershipRow>>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/improvement", PortfolioImprovement)
            .WithSummary("Per granted network: cycles completed per team, share of teams active in the last 60 days, measures improving, theory revised in the last 12 months, coaching touchpoints per team (counts only; CSV with Accept: text/csv)")
            .Produces<IReadOnlyList<FunderImprovementRow>>().Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> PortfolioStructure(int? year, HttpRequest request, ClaimsPrincipal user, PortfolioQueries portfolio, CancellationToken ct)
    {
        var (y, rows) = await portfolio.StructureAsync(user.TenantId(), year, ct);
        return Tables.Respond(request, rows, $"portfolio-structure-{y}.csv");
    }

    private static async Task<IResult> PortfolioHealthTable(int year, HttpRequest request, ClaimsPrincipal user, PortfolioQueries portfolio, CancellationToken ct) =>
        Tables.Respond(request, await portfolio.HealthAsync(user.TenantId(), year, ct), $"portfolio-health-{year}.csv");

    private static async Task<IResult> PortfolioClusters(int year, HttpRequest request, ClaimsPrincipal user, PortfolioQueries portfolio, CancellationToken ct)
    {
        var counts = await portfolio.ClustersAsync(user.TenantId(), year, ct);
        return Tables.WantsCsv(request) ? Tables.Respond(request, counts.Rows(), $"portfolio-clusters-{year}.csv") : TypedResults.Ok(counts);
    }

    private static async Task<Ok<IReadOnlyList<int>>> PortfolioYears(ClaimsPrincipal user, PortfolioQueries portfolio, CancellationToken ct) =>
        TypedResults.Ok(await portfolio.YearsAsync(user.TenantId(), ct));

    private static async Task<IResult> PortfolioTrend(HttpRequest request, ClaimsPrincipal user, PortfolioQueries portfolio, CancellationToken ct)
    {
        var trend = await portfolio.TrendAsync(user.TenantId(), ct);
        return Tables.WantsCsv(request) ? Tables.Respond(request, [.. trend.Select(t => t.Row())], "portfolio-trend.csv") : TypedResults.Ok(trend);
    }

    private static async Task<IResult> PortfolioLeadership(int year, HttpRequest request, ClaimsPrincipal user, PortfolioQueries portfolio, CancellationToken ct) =>
        Tables.Respond(request, await portfolio.LeadershipAsync(user.TenantId(), year, ct), $"portfolio-leadership-{year}.csv");

    private static async Task<IResult> PortfolioImprovement(int? year, HttpRequest request, ClaimsPrincipal user, PortfolioQueries portfolio, CancellationToken ct)
    {
        if (year is { } y && !ImprovementActivity.IsValidYear(y)) return Invalid.Field("year", ImprovementActivity.YearRule);
        return Tables.Respond(request, await portfolio.ImprovementAsync(user.TenantId(), year, ct), $"portfolio-improvement{(year is { } v ? $"-{v}" : "")}.csv");
    }
}
