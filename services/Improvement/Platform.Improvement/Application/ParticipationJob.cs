using Platform.ServiceDefaults;
using Platform.Contracts.Improvement;
using Platform.Data;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.Messaging;

namespace Platform.Improvement.Application;

/// <summary>
/// Publishes each network's <see cref="ImprovementParticipation"/> for the month that has just ended, once: the month is
/// claimed in participation_months in the same transaction as the outbox row, so a second look (or instance) finds it
/// taken. Time is the injected <see cref="TimeProvider"/>, so tests can move it.
/// </summary>
public sealed class ParticipationJob(Database db, ParticipationStore store, Outbox outbox, TimeProvider clock, IConfiguration config, ILogger<ParticipationJob> logger)
    : PeriodicJob(config, "Improvement:ParticipationCheckInterval", TimeSpan.FromSeconds(10), clock, logger)
{
    protected override string Doing => "Publishing improvement participation";

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var month = Participation.JustEndedMonth(now);
        IReadOnlyList<(Guid TenantId, Guid NetworkId)> due;
        await using (var system = await db.BeginSystemAsync(ct))
            due = await store.UnpublishedAsync(system, month, ct);
        foreach (var (tenant, network) in due)
        {
            await using var uow = await db.BeginAsync(tenant, ct);
            if (!await store.ClaimAsync(uow, network, month, now, ct)) continue;
            await outbox.EnqueueAsync(uow, await EventAsync(uow, store, tenant, network, month, now, ct), ct);
            await uow.CommitAsync(ct);
        }
    }

    /// <summary>The month's participation as an event: the same from the job and from a replay.</summary>
    public static async Task<ImprovementParticipation> EventAsync(UnitOfWork uow, ParticipationStore store, Guid tenant, Guid network, DateOnly month,
        DateTimeOffset at, CancellationToken ct)
    {
        var figures = Participation.Of(await store.StepsAsync(uow, network, month, ct));
        return new ImprovementParticipation(tenant, network, month, figures.ActivePeople, figures.ShareOfCyclesByTopTwoPeople, at);
    }
}
