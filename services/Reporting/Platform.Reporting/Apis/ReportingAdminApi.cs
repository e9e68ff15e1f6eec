using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Reporting.Application;
using Platform.Reporting.Domain;
using Platform.Reporting.IntegrationEvents;
using Platform.ServiceDefaults;

namespace Platform.Reporting.Apis;

public sealed record RebuildAccepted(Guid RebuildId);

/// <summary>Keeping Reporting's read models whole (audience: platform admins).</summary>
public static class ReportingAdminApi
{
    public static IEndpointRouteBuilder MapReportingAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reporting/admin").WithTags("Reporting").RequireAuthorization(Policies.PlatformAdmin);
        api.MapPost("/rebuild", Rebuild)
            .WithSummary("Ask every publisher to re-emit its facts; Reporting takes them in again idempotently (202: it happens in the background)")
            .Produces(StatusCodes.Status202Accepted);
        api.MapGet("/tenants/{tenantId:guid}/survey-consistency", CheckSurveyConsistency)
            .WithSummary("Per wave of a hub, the responses Reporting counts against those Surveys released to it (all released before `before`, by default a minute ago, must be there); a mismatch is logged as an error, and a rebuild repairs it")
            .Produces<SurveyConsistencyReport>();
        return app;
    }

    private static async Task<Accepted<RebuildAccepted>> Rebuild(ReportingRebuild rebuild, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, new RebuildAccepted(await rebuild.RequestAsync("requested by a platform admin", onlyIfNeverRequested: false, ct)));

    private static async Task<Ok<SurveyConsistencyReport>> CheckSurveyConsistency(Guid tenantId, DateTimeOffset? before, SurveyConsistencyCheck check,
        CancellationToken ct) =>
        TypedResults.Ok(await check.CheckAsync(tenantId, before, ct));
}
