-- Who took each step of a cycle (recorded it, or moved it to Do, Study or Done), kept only in this service: a month's
-- participation (ImprovementParticipation) is counted from it, and no person id ever leaves. Actor: the member's person
-- id, or "user:<subject>" for a hub team user (hub staff have no membership, so no person id).
create table cycle_steps (
    id         uuid primary key,
    tenant_id  uuid not null,
    network_id uuid not null,
    cycle_id   uuid not null references pdsa_cycles (id),
    step       text not null check (step in ('Plan', 'Do', 'Study', 'Done')),
    actor      text not null,
    at         timestamptz not null
);
create index cycle_steps_network on cycle_steps (network_id, at);
select enable_tenant_isolation('cycle_steps');

-- Each network's months whose ImprovementParticipation has been published: the monthly job publishes a month once
-- (insert ... on conflict do nothing), and a replay re-emits exactly these months.
create table participation_months (
    network_id   uuid not null,
    month        date not null,
    tenant_id    uuid not null,
    published_at timestamptz not null,
    primary key (network_id, month)
);
select enable_tenant_isolation('participation_months');

-- The monthly job finds, without a tenant, the networks whose month is not yet published: this function returns their
-- ids and nothing else. Inside it current_user is the owner and differs from session_user (the service's login, which
-- cannot meet these policies itself), as Surveys' release scan does.
create policy participation_scan on networks for select using (current_user <> session_user);
create policy participation_scan on participation_months for select using (current_user <> session_user);

create function networks_without_participation(for_month date)
returns table (tenant_id uuid, network_id uuid)
language sql stable security definer set search_path = public as $$
    select n.tenant_id, n.network_id from networks n
    where not exists (select 1 from participation_months p where p.network_id = n.network_id and p.month = for_month)
$$;
