-- What Assessments knows of networks and their hub staff: read models fed only by the Networks events.
create table networks (
    network_id       uuid primary key,
    tenant_id        uuid not null,
    name             text not null,
    year_start_month int not null default 8,
    year_start_day   int not null default 1,
    facts_as_of      timestamptz not null
);
select enable_tenant_isolation('networks');

-- One row per hub-staff assignment; a departure may arrive before its assignment, so assignment facts are nullable.
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

-- Rubric content: shipped with the service, published at startup, never changed. Not tenant data.
create table rubric_versions (
    rubric_id    text not null,
    version      int not null,
    name         text not null,
    content      jsonb not null,
    published_at timestamptz not null default now(),
    primary key (rubric_id, version)
);

create table rubric_sessions (
    id             uuid primary key,
    tenant_id      uuid not null,
    network_id     uuid not null,
    rubric_id      text not null,
    rubric_version int not null,
    title          text not null check (length(title) between 1 and 200),
    held_on        date not null,   -- the day the team met (may precede its entry here, e.g. last year's paper rubric)
    closes_on      date not null,
    attribution    text not null check (attribution in ('Attributed', 'Anonymous')),
    status         text not null check (status in ('Open', 'Closed')),
    created_at     timestamptz not null,
    closed_at      timestamptz,
    reflection     text check (length(reflection) <= 4000),   -- the team's written reflection, recorded at closing
    foreign key (rubric_id, rubric_version) references rubric_versions (rubric_id, version)
);
create index rubric_sessions_network on rubric_sessions (network_id, created_at);
select enable_tenant_isolation('rubric_sessions');

-- The raters invited: the network's hub staff when the session was created, with the address a signed-in rater is known by.
create table session_raters (
    session_id uuid not null references rubric_sessions (id),
    tenant_id  uuid not null,
    person_id  uuid not null,
    email      text not null,
    name       text not null,
    primary key (session_id, person_id)
);
create unique index session_raters_email on session_raters (session_id, lower(email));
select enable_tenant_isolation('session_raters');

create table rubric_ratings (
    session_id  uuid not null references rubric_sessions (id),
    tenant_id   uuid not null,
    rater_id    uuid not null,
    look_for_id text not null,
    level       int not null check (level between 1 and 4),
    strategy    text check (length(strategy) <= 2000),
    updated_at  timestamptz not null,
    primary key (session_id, rater_id, look_for_id)
);
select enable_tenant_isolation('rubric_ratings');

create table next_steps (
    id           uuid primary key,
    tenant_id    uuid not null,
    session_id   uuid not null references rubric_sessions (id),
    action       text not null check (length(action) between 1 and 1000),
    owner        text not null check (length(owner) between 1 and 200),
    due_on       date not null,
    area_id      text,
    created_at   timestamptz not null,
    completed_at timestamptz
);
create index next_steps_session on next_steps (session_id);
select enable_tenant_isolation('next_steps');

-- Leader-qualities self-assessments: private to the signed-in person (user_id is their login's subject).
create table self_assessments (
    tenant_id      uuid not null,
    user_id        text not null,
    rubric_id      text not null,
    rubric_version int not null,
    levels         jsonb not null,
    strategies     jsonb not null,
    started_at     timestamptz not null,
    updated_at     timestamptz not null,
    primary key (tenant_id, user_id, rubric_id, rubric_version),
    foreign key (rubric_id, rubric_version) references rubric_versions (rubric_id, version)
);
select enable_tenant_isolation('self_assessments');
