-- What Improvement knows of networks, teams and memberships: read models fed only by the Networks events (ids and
-- facts, never addresses). The networks table is the shared NetworkFacts shape (Platform.Messaging.ReadModels).
create table networks (
    network_id       uuid primary key,
    tenant_id        uuid not null,
    name             text not null,
    year_start_month int not null default 8,
    year_start_day   int not null default 1,
    facts_as_of      timestamptz not null
);
select enable_tenant_isolation('networks');

create table teams (
    team_id    uuid primary key,
    tenant_id  uuid not null,
    network_id uuid not null,
    name       text not null
);
create index teams_network on teams (network_id);
select enable_tenant_isolation('teams');

-- One row per membership period; a MemberLeft may arrive before its MemberJoined, so join facts are nullable.
create table memberships (
    membership_id uuid primary key,
    tenant_id     uuid not null,
    network_id    uuid not null,
    person_id     uuid not null,
    role          text,
    team_id       uuid,
    start_date    date,
    end_date      date
);
create index memberships_network on memberships (network_id, person_id);
select enable_tenant_isolation('memberships');

-- The theory of improvement (driver diagram): every version kept whole and never changed; the tree is one document
-- (aim, primary drivers, secondary drivers, change-idea ids), read and written whole.
create table theory_versions (
    network_id uuid not null,
    version    int not null check (version >= 1),
    tenant_id  uuid not null,
    diagram    jsonb not null,
    reason     text not null check (length(reason) between 1 and 1000),
    author     text not null,
    created_at timestamptz not null,
    primary key (network_id, version)
);
select enable_tenant_isolation('theory_versions');

create table change_ideas (
    id          uuid primary key,
    tenant_id   uuid not null,
    network_id  uuid not null,
    title       text not null check (length(title) between 1 and 200),
    description text check (length(description) <= 4000),
    status      text not null check (status in ('Idea', 'Testing', 'Adopted', 'Adapted', 'Abandoned', 'Spreading')),
    driver_keys text[] not null default '{}',
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index change_ideas_network on change_ideas (network_id, created_at);
select enable_tenant_isolation('change_ideas');

-- A PDSA cycle: one test of a change by one improvement team. Questions (with predictions), the plan, observations
-- and findings are small documents of the cycle; a Done cycle is never updated again (the API refuses with 409).
create table pdsa_cycles (
    id                 uuid primary key,
    tenant_id          uuid not null,
    network_id         uuid not null,
    team_id            uuid not null,
    change_idea_id     uuid references change_ideas (id),
    builds_on_cycle_id uuid references pdsa_cycles (id),
    title              text not null check (length(title) between 1 and 200),
    objective          text not null check (length(objective) between 1 and 2000),
    questions          jsonb not null,
    plan               jsonb not null,
    observations       jsonb not null default '[]',
    findings           jsonb,
    status             text not null check (status in ('Plan', 'Do', 'Study', 'Done')),
    decision           text check (decision in ('Adopt', 'Adapt', 'Abandon', 'TestAgain')),
    next_step          text check (length(next_step) <= 2000),
    created_at         timestamptz not null,
    started_on         date,
    completed_on       date
);
create index pdsa_cycles_network on pdsa_cycles (network_id, created_at);
create index pdsa_cycles_change_idea on pdsa_cycles (change_idea_id) where change_idea_id is not null;
create index pdsa_cycles_builds_on on pdsa_cycles (builds_on_cycle_id) where builds_on_cycle_id is not null;
select enable_tenant_isolation('pdsa_cycles');

create table cycle_comments (
    id         uuid primary key,
    tenant_id  uuid not null,
    cycle_id   uuid not null references pdsa_cycles (id),
    author     text not null,
    text       text not null check (length(text) between 1 and 2000),
    created_at timestamptz not null
);
create index cycle_comments_cycle on cycle_comments (cycle_id, created_at);
select enable_tenant_isolation('cycle_comments');
