using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;
using Platform.Networks.Data;
using Platform.ServiceDefaults;

namespace Platform.Networks.Apis;

public static class AuditApi
{
    /// <summary>The hub's audit log between from (inclusive) and to (exclusive); the last 30 days by default.</summary>
    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem>> List(
        DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, Database db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var end = to ?? clock.GetUtcNow().AddSeconds(1);
        var start = from ?? end.AddDays(-30);
        if (start >= end) return Invalid.Field("from", "from must be before to.");
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return TypedResults.Ok(await audit.ListAsync(uow, start, end, ct));
    }
}
