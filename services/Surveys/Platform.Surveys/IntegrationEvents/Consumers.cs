using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Messaging;
using Platform.Messaging.ReadModels;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.IntegrationEvents;

// Surveys' own copy of teams and members, from the Networks events only (the networks themselves: NetworkFacts in
// Platform.Messaging.ReadModels).

[InboxName("ImprovementTeamFormedConsumer")]
public sealed class ImprovementTeamFormedConsumer(Database db, RosterStore roster) : InboxConsumer<ImprovementTeamFormed>(db)
{
    protected override Task HandleAsync(ImprovementTeamFormed m, UnitOfWork uow, CancellationToken ct) =>
        roster.UpsertTeamAsync(uow, m.TeamId, m.NetworkId, m.Name, m.OrganizationId, m.SchoolName, ct);
}

// Networks sends joiners and leavers packed (a roster's periods, or the single ones its relay found pending together).
// One statement per pack; it may not touch a row twice (ON CONFLICT), so a period repeated in a pack counts once, its last fact.

[InboxName("MembersJoinedConsumer")]
public sealed class MembersJoinedConsumer(Database db, RosterStore roster) : InboxConsumer<MembersJoined>(db)
{
    protected override Task HandleAsync(MembersJoined m, UnitOfWork uow, CancellationToken ct) =>
        roster.MembersJoinedAsync(uow, m.Members.GroupBy(j => j.MembershipId).Select(g => g.Last()).ToList(), ct);
}

[InboxName("MembersLeftConsumer")]
public sealed class MembersLeftConsumer(Database db, RosterStore roster) : InboxConsumer<MembersLeft>(db)
{
    protected override Task HandleAsync(MembersLeft m, UnitOfWork uow, CancellationToken ct) =>
        roster.MembersLeftAsync(uow, m.Members.GroupBy(l => l.MembershipId).Select(g => g.Last()).ToList(), ct);
}

// Single events: Networks no longer sends them alone, but messages sent before it packed them may still be queued.

[InboxName("MemberJoinedConsumer")]
public sealed class MemberJoinedConsumer(Database db, RosterStore roster) : InboxConsumer<MemberJoined>(db)
{
    protected override Task HandleAsync(MemberJoined m, UnitOfWork uow, CancellationToken ct) => roster.MembersJoinedAsync(uow, [m], ct);
}

[InboxName("MemberLeftConsumer")]
public sealed class MemberLeftConsumer(Database db, RosterStore roster) : InboxConsumer<MemberLeft>(db)
{
    protected override Task HandleAsync(MemberLeft m, UnitOfWork uow, CancellationToken ct) => roster.MembersLeftAsync(uow, [m], ct);
}

/// <summary>
/// A network's new time zone moves the hour of the reminder schedules that keep the network's zone (set without one of
/// their own), on its waves that are not closed; their next reminder is timed again. An event older than the facts
/// Surveys holds says nothing new (events may arrive out of order, and the facts' own consumer may have run first).
/// </summary>
[InboxName("NetworkTimeZoneConsumer")]
public sealed class NetworkTimeZoneConsumer(Database db, NetworkFactsStore networks, WaveStore waves, ReminderStore reminders)
    : InboxConsumer<NetworkUpdated>(db)
{
    protected override async Task HandleAsync(NetworkUpdated m, UnitOfWork uow, CancellationToken ct)
    {
        if (m.TimeZone is not { } zone || await networks.FactsAsOfAsync(uow, m.NetworkId, ct) > m.OccurredAt) return;
        foreach (var waveId in await reminders.FollowingNetworkAsync(uow, m.NetworkId, zone, ct))
        {
            if (await waves.WaveAsync(uow, waveId, forUpdate: true, ct) is not { } wave
                || await reminders.ScheduleAsync(uow, waveId, claim: false, ct) is not { } scheduled) continue;
            var schedule = scheduled.Schedule with { TimeZone = zone };
            await reminders.SaveScheduleAsync(uow, waveId, schedule, Reminders.NextDue(schedule, wave, await reminders.SentAsync(uow, waveId, ct)), followsNetwork: true, ct);
        }
    }
}
