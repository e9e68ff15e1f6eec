-- What Surveys knows of networks, teams and members: read models fed only by the Networks events (ids and facts,
-- never addresses), so opening a wave never reaches into another service's database.
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
    team_id         uuid primary key,
    tenant_id       uuid not null,
    network_id      uuid not null,
    name            text not null,
    organization_id uuid not null,
    school_name     text not null
);
select enable_tenant_isolation('teams');

-- One row per membership period; a MemberLeft may arrive before its MemberJoined, so join facts are nullable.
create table members (
    membership_id   uuid primary key,
    tenant_id       uuid not null,
    network_id      uuid not null,
    person_id       uuid not null,
    role            text,
    team_id         uuid,
    organization_id uuid,
    start_date      date,
    end_date        date
);
create index members_network on members (network_id);
select enable_tenant_isolation('members');

-- Instruments: immutable published versions. Built-in ones (tenant_id null) are readable by every hub and written
-- only by the service itself at startup; a hub's own instruments are its tenant's rows.
create table instrument_versions (
    instrument_id text not null,
    version       int not null check (version >= 1),
    tenant_id     uuid,
    name          text not null,
    content       jsonb not null,
    published_at  timestamptz not null default now(),
    primary key (instrument_id, version)
);
alter table instrument_versions enable row level security;
alter table instrument_versions force row level security;
create policy instrument_read on instrument_versions for select
    using (tenant_id is null or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy instrument_write on instrument_versions for insert
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                or (tenant_id is null and current_setting('app.system', true) = 'on'));

create table waves (
    id                 uuid primary key,
    tenant_id          uuid not null,
    network_id         uuid not null,
    instrument_id      text not null,
    instrument_version int not null,
    network_year       int not null,
    opens_on           date not null,
    closes_on          date not null,
    status             text not null check (status in ('Draft', 'Open', 'Closed')),
    created_at         timestamptz not null,
    opened_at          timestamptz,
    closed_at          timestamptz,
    foreign key (instrument_id, instrument_version) references instrument_versions (instrument_id, version),
    check (closes_on >= opens_on)
);
create index waves_network on waves (network_id, network_year);
select enable_tenant_isolation('waves');

-- Invitations know who was invited (to mail them and count response rates) but not what they answered:
-- only a submitted flag. The token is stored as a hash.
create table survey_invitations (
    id              uuid primary key,
    tenant_id       uuid not null,
    wave_id         uuid not null references waves (id),
    person_id       uuid not null,
    token_hash      bytea not null unique,
    role            text not null,
    team_id         uuid,
    organization_id uuid,
    started         boolean not null default false,
    submitted       boolean not null default false,
    mailed_count    int not null default 0,
    last_mailed_at  timestamptz,
    unique (wave_id, person_id)
);
select enable_tenant_isolation('survey_invitations');

-- Responses carry no person and no invitation id: the key is an HMAC of the personal token, so only the holder of
-- the link can find their draft again, and the database alone cannot pair a response with an invitation.
-- Group attributes (role, team, school) are copied for subgroup reports, which suppression protects.
create table survey_responses (
    response_key    bytea primary key,
    tenant_id       uuid not null,
    wave_id         uuid not null references waves (id),
    role            text not null,
    team_id         uuid,
    organization_id uuid,
    answers         jsonb not null,
    scale_scores    jsonb,
    saved_at        timestamptz not null,
    submitted_at    timestamptz
);
create index survey_responses_wave on survey_responses (wave_id) where submitted_at is not null;
select enable_tenant_isolation('survey_responses');
