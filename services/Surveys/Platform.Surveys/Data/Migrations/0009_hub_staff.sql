-- Surveys' copy of the networks' hub-staff seats (Platform.Messaging.ReadModels.HubStaffSeatsStore), fed by the
-- Networks events: members' comments are read by the hub admins and by the hub staff who hold a seat in the wave's
-- network. A departure may arrive before its assignment, so the assignment's facts are nullable; an end date is the
-- first day out. Seats taken before this table existed arrive with the next replay of the tenant's facts.
create table hub_staff (
    assignment_id uuid primary key,
    tenant_id     uuid not null,
    network_id    uuid not null,
    person_id     uuid not null,
    hub_role      text,
    start_date    date,
    end_date      date
);
create index hub_staff_network on hub_staff (network_id);
select enable_tenant_isolation('hub_staff');
