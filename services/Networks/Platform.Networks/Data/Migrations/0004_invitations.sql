-- Onboarding by email: a personal, expiring link. Only the token's SHA-256 is stored; the token itself is mailed.
create table invitations (
    id          uuid primary key,
    tenant_id   uuid not null,
    network_id  uuid not null references networks (id),
    email       text not null check (length(email) between 3 and 254),
    role        text not null check (role in ('TeamMember', 'TeamLead', 'DistrictLead', 'Other')),
    team_id     uuid references improvement_teams (id),
    token_hash  bytea not null unique,
    expires_at  timestamptz not null,
    created_at  timestamptz not null default now(),
    mailed_at   timestamptz,
    accepted_at timestamptz,
    person_id   uuid references people (id)
);
create index invitations_network on invitations (network_id, created_at);
select enable_tenant_isolation('invitations');
