using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Messaging;
using Platform.Surveys.Data;

namespace Platform.Surveys.IntegrationEvents;

// Surveys' own copy of networks, teams and members, from the Networks events only.

public sealed class NetworkRegisteredConsumer(Database db, SurveyStore store) : InboxConsumer<NetworkRegistered>(db)
{
    protected override Task HandleAsync(NetworkRegistered m, UnitOfWork uow, CancellationToken ct) =>
        store.UpsertNetworkAsync(uow, m.NetworkId, m.Name, m.YearStartMonth, m.YearStartDay, m.OccurredAt, ct);
}

public sealed class NetworkUpdatedConsumer(Database db, SurveyStore store) : InboxConsumer<NetworkUpdated>(db)
{
    protected override Task HandleAsync(NetworkUpdated m, UnitOfWork uow, CancellationToken ct) =>
        store.UpsertNetworkAsync(uow, m.NetworkId, m.Name, m.YearStartMonth, m.YearStartDay, m.OccurredAt, ct);
}

public sealed class ImprovementTeamFormedConsumer(Database db, SurveyStore store) : InboxConsumer<ImprovementTeamFormed>(db)
{
    protected override Task HandleAsync(ImprovementTeamFormed m, UnitOfWork uow, CancellationToken ct) =>
        store.UpsertTeamAsync(uow, m.TeamId, m.NetworkId, m.Name, m.OrganizationId, m.SchoolName, ct);
}

public sealed class MemberJoinedConsumer(Database db, SurveyStore store) : InboxConsumer<MemberJoined>(db)
{
    protected override Task HandleAsync(MemberJoined m, UnitOfWork uow, CancellationToken ct) =>
        store.MemberJoinedAsync(uow, m.MembershipId, m.NetworkId, m.PersonId, m.Role, m.TeamId, m.OrganizationId, m.StartDate, ct);
}

public sealed class MemberLeftConsumer(Database db, SurveyStore store) : InboxConsumer<MemberLeft>(db)
{
    protected override Task HandleAsync(MemberLeft m, UnitOfWork uow, CancellationToken ct) =>
        store.MemberLeftAsync(uow, m.MembershipId, m.NetworkId, m.PersonId, m.EndDate, ct);
}
