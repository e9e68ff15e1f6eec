-- The tenants Networks knows of, from Identity's TenantCreated events: names and kinds only, so a hub can pick a funder.
-- A directory, not tenant data: readable by every hub (only funders are ever listed).
create table tenant_directory (
    id        uuid primary key,
    name      text not null,
    kind      text not null,
    host_type text
);

-- A hub's grant of its network's aggregates to a funder; revoking keeps the row.
create table funder_grants (
    id               uuid primary key,
    tenant_id        uuid not null,
    network_id       uuid not null references networks (id),
    funder_tenant_id uuid not null,
    granted_at       timestamptz not null default now(),
    revoked_at       timestamptz
);
create unique index funder_grants_active on funder_grants (network_id, funder_tenant_id) where revoked_at is null;
select enable_tenant_isolation('funder_grants');
