using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Messaging;
using Platform.Surveys.Data;

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
