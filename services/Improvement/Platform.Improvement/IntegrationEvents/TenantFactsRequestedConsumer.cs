using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Contracts.Improvement;
using Platform.Improvement.Application;
using Platform.Data;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.Messaging;

namespace Platform.Improvement.IntegrationEvents;

/// <summary>
/// Re-emits, for one tenant, Improvement's current facts (for a rebuild of Reporting): each network's latest theory
/// version, each change idea's status, each started cycle and each completed one, each measure's current signals, and
/// each month's participation published so far, each measure's series (MeasureDataRecorded), each coaching touchpoint and
/// each cycle review; the same events the writes and the monthly job sent.
/// </summary>
[InboxName("TenantFactsRequestedConsumer")]
public sealed class TenantFactsRequestedConsumer(Database db, TheoryStore theories, ChangeIdeaStore ideas, CycleStore cycles, MeasureStore measures,
    ParticipationStore participation, CoachingStore coaching, CycleReviewStore reviews, Outbox outbox)
    : InboxConsumer<TenantFactsRequested>(db)
{
    protected override async Task HandleAsync(TenantFactsRequested message, UnitOfWork uow, CancellationToken ct)
    {
        var events = new List<IIntegrationEvent>();
        events.AddRange((await theories.LatestOfEveryNetworkAsync(uow, ct)).Select(v => ImprovementEvents.Revised(message.TenantId, v)));
        events.AddRange((await ideas.ListAsync(uow, null, ct)).Select(i => ImprovementEvents.StatusChanged(message.TenantId, i, null)));
        foreach (var c in await cycles.ListAsync(uow, null, null, null, null, ct))
        {
            // A replayed fact keeps its own date: the cycle's start (or completion) day, not the replay's.
            if (c.StartedOn is { } started) events.Add(ImprovementEvents.Started(message.TenantId, c, new DateTimeOffset(started.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
            if (c is { Status: CycleStatus.Done, CompletedOn: { } done })
                events.Add(ImprovementEvents.Completed(message.TenantId, c, new DateTimeOffset(done.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        }
        // The signals each measure's chart shows now (as stored with its settings), dated by the measure's last change.
        foreach (var m in await measures.EveryAsync(uow, ct))
            events.AddRange(m.Signals.DistinctBy(s => (s.Kind, s.FirstPeriod)).Select(s => new MeasureSignalDetected(message.TenantId, m.NetworkId, m.Id,
                s.Kind.ToString(), s.FirstPeriod, s.InDirectionOfImprovement ?? false, m.UpdatedAt)));
        // Each measure's series as it stands (a measure with no points says so: null latest period, 0 points), dated by its last change.
        var series = await measures.SeriesOfEveryAsync(uow, ct);
        foreach (var m in await measures.EveryAsync(uow, ct))
            events.Add(ImprovementEvents.DataRecorded(message.TenantId, m.NetworkId, m.Id, series.GetValueOrDefault(m.Id) ?? new SeriesFacts(null, 0), m.UpdatedAt));
        events.AddRange((await coaching.EveryAsync(uow, ct)).Select(t => ImprovementEvents.TouchpointLogged(message.TenantId, t)));
        events.AddRange((await reviews.EveryAsync(uow, ct)).Select(r => ImprovementEvents.ReviewHeld(message.TenantId, r)));
        foreach (var (network, month, at) in await participation.PublishedAsync(uow, ct))
            events.Add(await ParticipationJob.EventAsync(uow, participation, message.TenantId, network, month, at, ct));
        if (events.Count > 0) await outbox.EnqueueManyAsync(uow, events, ct);
    }
}
