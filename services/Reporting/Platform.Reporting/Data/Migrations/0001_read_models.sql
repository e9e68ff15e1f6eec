-- Read models built only from integration events; rebuildable by replaying them.
create table tenants (
    tenant_id  uuid primary key,
    name       text not null,
    kind       text not null,
    host_type  text,
    created_at timestamptz not null
);
select enable_tenant_isolation('tenants');

create table networks (
    network_id    uuid primary key,
    tenant_id     uuid not null,
    name          text not null,
    aim           text not null,
    goal_type     text not null,
    launch_date   date not null,
    registered_at timestamptz not null
);
create index networks_tenant on networks (tenant_id, name);
select enable_tenant_isolation('networks');
