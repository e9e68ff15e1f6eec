-- Row-level security for tenant-owned tables, defined once: the policy admits only rows of the tenant set
-- for the current transaction (set_config('app.tenant_id', ..., true)); with no tenant set, no rows.
-- FORCE applies it to the table owner too; the service's login role owns nothing and has no BYPASSRLS.
create or replace function enable_tenant_isolation(target regclass) returns void
language plpgsql as $$
begin
    execute format('alter table %s enable row level security', target);
    execute format('alter table %s force row level security', target);
    execute format('drop policy if exists tenant_isolation on %s', target);
    execute format($p$create policy tenant_isolation on %s
        using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
        with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, target);
end $$;
