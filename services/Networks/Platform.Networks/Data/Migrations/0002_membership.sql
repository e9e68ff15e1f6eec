-- Networks: the network year's start day, and the hub-stability override a hub admin may set (with its reason).
alter table networks
    add column year_start_month int not null default 8 check (year_start_month between 1 and 12),
    add column year_start_day   int not null default 1 check (year_start_day between 1 and 31),
    add column hub_stability_override text check (hub_stability_override in ('Stable', 'EarlyTurnoverThenStable', 'SomeTurnover', 'HighTurnover')),
    add column hub_stability_override_reason text,
    add column updated_at timestamptz not null default now(),
    add constraint override_has_reason check ((hub_stability_override is null) = (hub_stability_override_reason is null));

-- Member organizations: schools (naming their district) and districts taking part in a network.
create table member_organizations (
    id          uuid primary key,
    tenant_id   uuid not null,
    network_id  uuid not null references networks (id),
    kind        text not null check (kind in ('School', 'District')),
    name        text not null check (length(name) between 1 and 200),
    district    text check (length(district) <= 200),
    joined_on   date not null,
    left_on     date,
    check (kind = 'District' or district is not null),
    check (left_on is null or left_on > joined_on)
);
create unique index member_organizations_name on member_organizations (network_id, kind, lower(name));
select enable_tenant_isolation('member_organizations');

-- Improvement teams: the team inside one member school.
create table improvement_teams (
    id              uuid primary key,
    tenant_id       uuid not null,
    network_id      uuid not null references networks (id),
    organization_id uuid not null references member_organizations (id),
    name            text not null check (length(name) between 1 and 200)
);
create unique index improvement_teams_name on improvement_teams (organization_id, lower(name));
select enable_tenant_isolation('improvement_teams');

-- People: educators and hub staff; one row per email within a hub.
create table people (
    id          uuid primary key,
    tenant_id   uuid not null,
    email       text not null check (length(email) between 3 and 254),
    given_name  text not null check (length(given_name) between 1 and 100),
    family_name text not null check (length(family_name) between 1 and 100),
    created_at  timestamptz not null default now()
);
create unique index people_email on people (tenant_id, lower(email));
select enable_tenant_isolation('people');

-- Memberships: a person in a network over [start_date, end_date); leaving and rejoining keeps every period.
create table memberships (
    id          uuid primary key,
    tenant_id   uuid not null,
    network_id  uuid not null references networks (id),
    person_id   uuid not null references people (id),
    role        text not null check (role in ('TeamMember', 'TeamLead', 'DistrictLead', 'Other')),
    team_id     uuid references improvement_teams (id),
    start_date  date not null,
    end_date    date,
    end_reason  text check (length(end_reason) <= 500),
    check (end_date is null or end_date >= start_date)
);
create index memberships_network on memberships (network_id, person_id);
-- At most one open period per person and network.
create unique index memberships_open on memberships (network_id, person_id) where end_date is null;
select enable_tenant_isolation('memberships');

-- Hub staff: seats on the hub team over periods. Not members.
create table hub_staff_assignments (
    id          uuid primary key,
    tenant_id   uuid not null,
    network_id  uuid not null references networks (id),
    person_id   uuid not null references people (id),
    hub_role    text not null check (hub_role in ('HubLead', 'ImprovementLead', 'ImprovementCoach', 'DataLead', 'Operations', 'Other')),
    core        boolean not null,
    start_date  date not null,
    end_date    date,
    end_reason  text check (end_reason in ('Departure', 'RoleChange', 'Planned')),
    check ((end_date is null) = (end_reason is null)),
    check (end_date is null or end_date >= start_date)
);
create index hub_staff_network on hub_staff_assignments (network_id);
select enable_tenant_isolation('hub_staff_assignments');

-- Audit log: every admin write, who and when.
create table audit_log (
    id         uuid primary key,
    tenant_id  uuid not null,
    actor      text not null,
    action     text not null,
    target_id  uuid,
    details    jsonb,
    at         timestamptz not null default now()
);
create index audit_log_at on audit_log (tenant_id, at);
select enable_tenant_isolation('audit_log');
