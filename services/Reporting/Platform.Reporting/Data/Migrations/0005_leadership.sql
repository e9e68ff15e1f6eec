-- Hub-leadership rubric sessions as closed (area means and participation only; never an individual rating).
create table rubric_sessions_closed (
    session_id          uuid primary key,
    tenant_id           uuid not null,
    network_id          uuid not null,
    network_year        int not null,
    rubric_id           text not null,
    rubric_version      int not null,
    area_means          jsonb not null,
    raters_invited      int not null,
    raters_participated int not null,
    closed_at           timestamptz not null,
    held_on             date not null
);
create index rubric_sessions_closed_network on rubric_sessions_closed (network_id, held_on);
select enable_tenant_isolation('rubric_sessions_closed');
-- A funder reads granted networks' rows; the API gives them only whether a session was held and how many areas rated 3+.
create policy funder_reads_granted on rubric_sessions_closed for select
    using (exists (select 1 from funder_grants g where g.network_id = rubric_sessions_closed.network_id and g.funder_tenant_id = current_tenant() and g.active));
