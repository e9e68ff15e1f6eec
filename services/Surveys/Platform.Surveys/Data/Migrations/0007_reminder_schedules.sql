-- Reminders (issue 24): a wave's optional schedule, and every reminder the wave sent, on schedule or by hand. A
-- reminder is claimed by inserting its number: two replicas (or a replica and a hub admin) can never send the same one.
create table reminder_schedules (
    wave_id        uuid primary key references waves (id),
    tenant_id      uuid not null,
    max_reminders  int not null check (max_reminders between 1 and 10),
    min_days_apart int not null check (min_days_apart between 1 and 60),
    hour_of_day    int not null check (hour_of_day between 0 and 23),
    time_zone      text not null,
    next_due_at    timestamptz -- Surveys.Domain.Reminders.NextDue; null when none is left
);
create index reminder_schedules_due on reminder_schedules (next_due_at) where next_due_at is not null;
select enable_tenant_isolation('reminder_schedules');

create table wave_reminders (
    wave_id   uuid not null references waves (id),
    tenant_id uuid not null,
    number    int not null check (number >= 1),
    sent_at   timestamptz not null,
    by_hand   boolean not null,
    primary key (wave_id, number)
);
select enable_tenant_isolation('wave_reminders');

-- The reminder job finds due schedules without a tenant, as the release job finds waiting responses (0004): only
-- through this function, which returns ids and nothing else.
create policy reminder_scan on reminder_schedules for select
    using (current_user <> session_user and next_due_at is not null);

create function due_reminder_schedules(p_now timestamptz)
returns table (tenant_id uuid, wave_id uuid)
language sql stable security definer set search_path = public as $$
    select tenant_id, wave_id from reminder_schedules where next_due_at <= p_now
$$;
