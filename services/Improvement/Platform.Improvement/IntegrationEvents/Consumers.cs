using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Improvement.Data;
using Platform.Messaging;

namespace Platform.Improvement.IntegrationEvents;

// Improvement's own copy of teams and memberships, from the Networks events only (the networks themselves: NetworkFacts
// in Platform.Messaging.ReadModels). Each write is an upsert keyed by the event's own id, so a redelivery changes nothing.

[InboxName("ImprovementTeamFormedConsumer")]
public sealed class ImprovementTeamFormedConsumer(Database db, RosterStore roster) : InboxConsumer<ImprovementTeamFormed>(db)
{
    protected override Task HandleAsync(ImprovementTeamFormed m, UnitOfWork uow, CancellationToken ct) =>
        roster.UpsertTeamAsync(uow, m.TeamId, m.NetworkId, m.Name, ct);
}

// Networks sends joiners and leavers packed; one statement per pack, which may not touch a row twice (ON CONFLICT),
// so a period repeated in a pack counts once, its last fact.

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
