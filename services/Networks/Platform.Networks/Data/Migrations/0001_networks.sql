create table networks (
    id          uuid primary key,
    tenant_id   uuid not null,
    name        text not null check (length(name) between 1 and 200),
    aim         text not null check (length(aim) between 1 and 2000),
    goal_type   text not null check (goal_type in ('EarlyWarning', 'PostSecondaryMatch', 'Instructional', 'Other')),
    launch_date date not null,
    phase       text not null default 'Initiate' check (phase in ('Initiate', 'Develop', 'SustainSpreadScale')),
    status      text not null default 'Active' check (status in ('Active', 'Closed')),
    created_at  timestamptz not null default now()
);
create index networks_tenant on networks (tenant_id, name);
select enable_tenant_isolation('networks');
