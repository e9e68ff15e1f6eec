alter table networks
    add column phase          text not null default 'Initiate',
    add column status         text not null default 'Active',
    add column district_scope text not null default 'None';

-- The structural figures of each network year, as last computed by Networks.
create table network_year_stability (
    tenant_id            uuid not null,
    network_id           uuid not null,
    year                 int not null,
    members              int not null,
    joiners              int not null,
    leavers              int not null,
    member_stability_pct numeric(5,1),
    average_tenure_years numeric(6,2),
    hub_stability        text not null,
    hub_stability_override text,
    hub_stability_override_reason text,
    computed_at          timestamptz not null,
    primary key (network_id, year)
);
select enable_tenant_isolation('network_year_stability');

-- Which funders a hub shares each network with.
create table funder_grants (
    tenant_id        uuid not null,
    network_id       uuid not null,
    funder_tenant_id uuid not null,
    active           boolean not null,
    changed_at       timestamptz not null,
    primary key (network_id, funder_tenant_id)
);
select enable_tenant_isolation('funder_grants');

-- Funders cross tenants here and only here, only to read, only for networks with an active grant to them.
-- The tenant set for a funder's transaction is the funder's own tenant id; these permissive policies add
-- the granted rows to what tenant_isolation already allows (hubs never match them: no grant names a hub).
create function current_tenant() returns uuid language sql stable as $$
    select nullif(current_setting('app.tenant_id', true), '')::uuid
$$;

create policy funder_sees_own_grants on funder_grants for select
    using (funder_tenant_id = current_tenant() and active);

create policy funder_reads_granted on networks for select
    using (exists (select 1 from funder_grants g where g.network_id = networks.network_id and g.funder_tenant_id = current_tenant() and g.active));

create policy funder_reads_granted on network_year_stability for select
    using (exists (select 1 from funder_grants g where g.network_id = network_year_stability.network_id and g.funder_tenant_id = current_tenant() and g.active));

create policy funder_reads_granted_hubs on tenants for select
    using (exists (select 1 from funder_grants g where g.tenant_id = tenants.tenant_id and g.funder_tenant_id = current_tenant() and g.active));
