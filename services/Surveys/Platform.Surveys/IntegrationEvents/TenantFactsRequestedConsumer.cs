using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Data;
using Platform.Messaging;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.IntegrationEvents;

/// <summary>
/// Re-emits, for one tenant, what Reporting builds its survey results from: every submitted response (same id, same
/// groups as when it was submitted) and every closed wave's counts.
/// </summary>
[InboxName("TenantFactsRequestedConsumer")]
public sealed class TenantFactsRequestedConsumer(Database db, WaveStore waveStore, ResponseStore responses, InvitationStore invitations, Outbox outbox) : InboxConsumer<TenantFactsRequested>(db)
{
    protected override async Task HandleAsync(TenantFactsRequested message, UnitOfWork uow, CancellationToken ct)
    {
        var waves = (await waveStore.WavesAsync(uow, null, ct)).ToDictionary(w => w.Id);
        var events = new List<IIntegrationEvent>();
        foreach (var r in await responses.ReleasedResponsesAsync(uow, ct))
        {
            var wave = waves[r.WaveId];
            events.Add(ResponseEvents.Submitted(message.TenantId, wave, r, await invitations.InvitedGroupsAsync(uow, wave.Id, ct)));
        }
        foreach (var wave in waves.Values.Where(w => w is { Status: WaveStatus.Closed, ClosedAt: not null }))
            events.Add(WaveEvents.Closed(message.TenantId, wave, await invitations.InvitationsAsync(uow, wave.Id, false, ct), wave.ClosedAt!.Value));
        await outbox.EnqueueManyAsync(uow, events, ct); // one COPY, however many responses the tenant has
    }
}
