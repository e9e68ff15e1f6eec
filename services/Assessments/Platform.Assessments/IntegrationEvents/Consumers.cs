using Platform.Assessments.Data;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Messaging;

namespace Platform.Assessments.IntegrationEvents;

// Assessments' own copy of networks' hub staff, from the Networks events only (the networks themselves: NetworkFacts in
// Platform.Messaging.ReadModels).

[InboxName("HubStaffAssignedConsumer")]
public sealed class HubStaffAssignedConsumer(Database db, AssessmentStore store) : InboxConsumer<HubStaffAssigned>(db)
{
    protected override Task HandleAsync(HubStaffAssigned m, UnitOfWork uow, CancellationToken ct) =>
        store.StaffAssignedAsync(uow, m.AssignmentId, m.NetworkId, m.PersonId, m.HubRole, m.StartDate, ct);
}

[InboxName("HubStaffDepartedConsumer")]
public sealed class HubStaffDepartedConsumer(Database db, AssessmentStore store) : InboxConsumer<HubStaffDeparted>(db)
{
    protected override Task HandleAsync(HubStaffDeparted m, UnitOfWork uow, CancellationToken ct) =>
        store.StaffDepartedAsync(uow, m.AssignmentId, m.NetworkId, m.PersonId, m.EndDate, ct);
}
