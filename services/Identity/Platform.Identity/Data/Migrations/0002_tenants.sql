create table tenants (
    id         uuid primary key,
    name       text not null check (length(name) between 1 and 200),
    kind       text not null check (kind in ('Platform', 'Hub', 'Funder')),
    host_type  text check (host_type in ('IHE', 'NGO', 'District', 'Other')),
    created_at timestamptz not null default now(),
    check ((kind = 'Hub') = (host_type is not null))
);
create unique index tenants_name on tenants (lower(name));

alter table "AspNetUsers" add constraint users_tenant foreign key ("TenantId") references tenants (id);
