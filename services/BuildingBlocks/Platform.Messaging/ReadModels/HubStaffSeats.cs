using Dapper;
using Platform.Contracts.Networks;
using Platform.Data;

namespace Platform.Messaging.ReadModels;

/// <summary>A hub-staff seat held in a network: the person and their hub role (HubLead, ImprovementCoach, ...).</summary>
public sealed record HubStaffSeat(Guid PersonId, string HubRole);

/// <summary>
/// A service's own copy of the networks' hub-staff assignments, fed only by the Networks events, for the services that
/// let a hub-staff account act in the networks where it holds a seat. Each service keeps it in its own database, in a
/// table its own migrations create: <c>hub_staff (assignment_id uuid primary key, tenant_id uuid, network_id uuid,
/// person_id uuid, hub_role text, start_date date, end_date date)</c>, with tenant isolation. A departure may arrive
/// before its assignment, so the assignment's facts are nullable; an end date is the first day out.
/// </summary>
public sealed class HubStaffSeatsStore
{
    /// <summary>A seat began; a repeated event (or a replay) rewrites the same facts.</summary>
    public Task AssignedAsync(UnitOfWork uow, HubStaffAssigned m, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into hub_staff (assignment_id, tenant_id, network_id, person_id, hub_role, start_date)
            values (@AssignmentId, @tenant, @NetworkId, @PersonId, @HubRole, @StartDate)
            on conflict (assignment_id) do update set hub_role = excluded.hub_role, start_date = excluded.start_date
            """, new { m.AssignmentId, tenant = uow.TenantId, m.NetworkId, m.PersonId, m.HubRole, m.StartDate }, ct));

    /// <summary>A seat ended; a departure heard before its assignment is stored with its end only.</summary>
    public Task DepartedAsync(UnitOfWork uow, HubStaffDeparted m, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into hub_staff (assignment_id, tenant_id, network_id, person_id, end_date) values (@AssignmentId, @tenant, @NetworkId, @PersonId, @EndDate)
            on conflict (assignment_id) do update set end_date = excluded.end_date
            """, new { m.AssignmentId, tenant = uow.TenantId, m.NetworkId, m.PersonId, m.EndDate }, ct));

    /// <summary>The seats of the network held on <paramref name="day"/>.</summary>
    public async Task<IReadOnlyList<HubStaffSeat>> CurrentSeatsAsync(ITenantCommands db, Guid networkId, DateOnly day, CancellationToken ct) =>
        (await db.Connection.QueryAsync<HubStaffSeat>(db.Command("""
            select person_id as PersonId, hub_role as HubRole from hub_staff
            where network_id = @networkId and hub_role is not null and start_date <= @day and (end_date is null or end_date > @day)
            """, new { networkId, day }, ct))).AsList();
}

// The consumers keep the inbox names the services' own copies had, so their processed messages are still recognised.

/// <summary>A seat taken, into the service's <see cref="HubStaffSeatsStore"/>.</summary>
[InboxName("HubStaffAssignedConsumer")]
public sealed class HubStaffAssignedConsumer(Database db, HubStaffSeatsStore store) : InboxConsumer<HubStaffAssigned>(db)
{
    protected override Task HandleAsync(HubStaffAssigned m, UnitOfWork uow, CancellationToken ct) => store.AssignedAsync(uow, m, ct);
}

/// <summary>A seat ended, into the service's <see cref="HubStaffSeatsStore"/>.</summary>
[InboxName("HubStaffDepartedConsumer")]
public sealed class HubStaffDepartedConsumer(Database db, HubStaffSeatsStore store) : InboxConsumer<HubStaffDeparted>(db)
{
    protected override Task HandleAsync(HubStaffDeparted m, UnitOfWork uow, CancellationToken ct) => store.DepartedAsync(uow, m, ct);
}
