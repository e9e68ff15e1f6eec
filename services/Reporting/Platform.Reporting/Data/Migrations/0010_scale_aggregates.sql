-- Survey results kept as running sums per network year and group (everyone, by role, by team): reports read a few rows
-- per network instead of every response; each group also keeps when its latest response came (for the warnings).
create table scale_sums (
    tenant_id     uuid not null,
    network_id    uuid not null,
    network_year  int not null,
    grouping      text not null check (grouping in ('all', 'role', 'team')),
    group_key     text not null,
    scale         text not null,
    n             int not null,
    sum           numeric not null,
    sum_of_squares numeric not null,
    favorable     int not null,
    primary key (network_id, network_year, grouping, group_key, scale)
);
select enable_tenant_isolation('scale_sums');
create policy funder_reads_granted on scale_sums for select
    using (exists (select 1 from funder_grants g where g.network_id = scale_sums.network_id and g.funder_tenant_id = current_tenant() and g.active));

create table group_respondents (
    tenant_id    uuid not null,
    network_id   uuid not null,
    network_year int not null,
    grouping     text not null check (grouping in ('all', 'role', 'team')),
    group_key    text not null,
    respondents  int not null,
    last_submitted_at timestamptz not null,
    primary key (network_id, network_year, grouping, group_key)
);
select enable_tenant_isolation('group_respondents');
create policy funder_reads_granted on group_respondents for select
    using (exists (select 1 from funder_grants g where g.network_id = group_respondents.network_id and g.funder_tenant_id = current_tenant() and g.active));

-- Benchmarking reads the pool's overall sums (see 0008): same rule, now over the sums.
create policy benchmark_pool on scale_sums for select
    using (current_user <> session_user and grouping = 'all'
        and exists (select 1 from networks n where n.network_id = scale_sums.network_id and n.benchmarking_consent));
create policy benchmark_pool on group_respondents for select
    using (current_user <> session_user and grouping = 'all'
        and exists (select 1 from networks n where n.network_id = group_respondents.network_id and n.benchmarking_consent));

create or replace function benchmark_network_means(p_year int, p_min_n int)
returns table (network_ordinal int, scale text, mean numeric, respondents int)
language sql stable security definer set search_path = public as $$
    select dense_rank() over (order by s.network_id)::int, s.scale, round(s.sum / s.n, 2), s.n
    from scale_sums s
    join group_respondents r on r.network_id = s.network_id and r.network_year = s.network_year and r.grouping = 'all'
    join networks n on n.network_id = s.network_id and n.benchmarking_consent
    where s.network_year = p_year and s.grouping = 'all'
      and r.respondents >= greatest(p_min_n, 5) and s.n >= greatest(p_min_n, 5)
$$;

-- A response row now only makes each response count once: its scores live in the sums.
drop index survey_scale_scores_latest;
alter table survey_scale_scores drop column scale_scores, drop column role, drop column team_id;

-- The existing rows cannot be summed here (row-level security hides them from the migration), so they are cleared and
-- Reporting asks the publishers for every fact again at start-up (an empty rebuild_requests means "rebuild").
-- TRUNCATE is not subject to row-level security.
truncate survey_scale_scores, rebuild_requests;
