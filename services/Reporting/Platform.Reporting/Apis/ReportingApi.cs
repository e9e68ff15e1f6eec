using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults;

namespace Platform.Reporting.Apis;

public static class ReportingApi
{
    public static IEndpointRouteBuilder MapReportingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reporting").WithTags("Reporting");
        api.MapGet("/networks", ListNetworks).RequireAuthorization(Policies.HubTeam)
            .WithSummary("The caller's hub's networks, as Reporting knows them from events");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<NetworkSummary>>> ListNetworks(ClaimsPrincipal user, Database db, ReportingStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return TypedResults.Ok(await store.ListNetworksAsync(uow, ct));
    }
}
