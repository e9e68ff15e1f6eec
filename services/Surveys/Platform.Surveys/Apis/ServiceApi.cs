using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Surveys;
using Platform.Data;
using Platform.Surveys.Data;

namespace Platform.Surveys.Apis;

/// <summary>
/// Calls from other services (client credentials), never routed by the gateway: Reporting's consistency check asks
/// how many responses each of a hub's waves holds. Counts only, never a response.
/// </summary>
public static class ServiceApi
{
    public const string ReportingServicePolicy = "ReportingService";

    public static IEndpointRouteBuilder MapServiceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/service/tenants/{tenantId:guid}/survey-waves/released-counts", ReleasedCounts)
            .RequireAuthorization(ReportingServicePolicy).WithTags("Service")
            .WithSummary("Per wave of a hub, the responses released to Reporting: before a time, and in all (reporting-service only)");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<WaveReleasedCount>>> ReleasedCounts(Guid tenantId, DateTimeOffset before, Database db,
        ResponseStore responses, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(tenantId, ct);
        return TypedResults.Ok(await responses.ReleasedCountsAsync(uow, before, ct));
    }
}
