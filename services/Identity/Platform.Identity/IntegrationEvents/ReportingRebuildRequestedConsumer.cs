using MassTransit;
using Platform.Contracts.Identity;
using Platform.Contracts.Reporting;
using Platform.Data;
using Platform.Identity.Data;
using Platform.Messaging;

namespace Platform.Identity.IntegrationEvents;

/// <summary>
/// Identity knows every tenant: it re-emits each one's TenantCreated and asks the other publishers, tenant by tenant,
/// for their facts. Harmless when redelivered: every consumer downstream applies these idempotently.
/// </summary>
public sealed class ReportingRebuildRequestedConsumer(Database db, TenantStore tenants, Outbox outbox, TimeProvider clock)
    : IConsumer<ReportingRebuildRequested>
{
    public async Task Consume(ConsumeContext<ReportingRebuildRequested> context)
    {
        var ct = context.CancellationToken;
        await using var uow = await db.BeginSystemAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var t in await tenants.ListAsync(uow, ct))
        {
            await outbox.EnqueueAsync(uow, new TenantCreated(t.Id, t.Name, t.KindClaim, t.HostType?.ToString(), t.CreatedAt), ct);
            await outbox.EnqueueAsync(uow, new TenantFactsRequested(t.Id, context.Message.RebuildId, now), ct);
        }
        await uow.CommitAsync(ct);
    }
}
