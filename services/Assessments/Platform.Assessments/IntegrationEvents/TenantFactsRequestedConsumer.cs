using Platform.Assessments.Application;
using Platform.Contracts.Identity;
using Platform.Data;
using Platform.Messaging;
using Platform.Messaging.ReadModels;
using Platform.Assessments.Data;

namespace Platform.Assessments.IntegrationEvents;

/// <summary>Re-emits, for one tenant, every closed rubric session's area means and participation (for a rebuild of Reporting).</summary>
[InboxName("TenantFactsRequestedConsumer")]
public sealed class TenantFactsRequestedConsumer(Database db, AssessmentStore store, NetworkFactsStore networks, RubricCatalog catalog, Outbox outbox)
    : InboxConsumer<TenantFactsRequested>(db)
{
    protected override async Task HandleAsync(TenantFactsRequested message, UnitOfWork uow, CancellationToken ct)
    {
        foreach (var session in await store.SessionsAsync(uow, null, ct))
            if (session is { Status: SessionStatus.Closed, ClosedAt: { } closedAt })
                await outbox.EnqueueAsync(uow, await SessionEvents.ClosedAsync(uow, store, networks, catalog, message.TenantId, session, closedAt, ct), ct);
    }
}
