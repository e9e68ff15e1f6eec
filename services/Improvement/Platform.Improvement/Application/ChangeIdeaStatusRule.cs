using Platform.Data;
using Platform.Improvement.Data;
using Platform.Improvement.IntegrationEvents;
using Platform.Messaging;

namespace Platform.Improvement.Application;

/// <summary>
/// The one way a change idea is written back: the row, and when its status moved, <c>ChangeIdeaStatusChanged</c> (from
/// -> to) through the outbox in the same transaction. Editing an idea and a cycle review's decisions both go through it.
/// </summary>
public static class ChangeIdeaStatusRule
{
    public static async Task SaveAsync(UnitOfWork uow, ChangeIdeaStore store, Outbox outbox, Guid tenantId, ChangeIdea before, ChangeIdea after, CancellationToken ct)
    {
        await store.UpdateAsync(uow, after, ct);
        if (after.Status != before.Status) await outbox.EnqueueAsync(uow, ImprovementEvents.StatusChanged(tenantId, after, before.Status), ct);
    }
}
