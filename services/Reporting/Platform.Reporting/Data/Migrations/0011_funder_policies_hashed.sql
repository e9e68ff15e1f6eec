-- The funder policies asked "is this row's network granted to me?" once per row (a correlated index probe). Written as
-- membership in the set of granted networks, PostgreSQL computes that set once per query and probes a hash: a portfolio
-- of a thousand networks is read in milliseconds instead of hundreds of them. Same rule, same rows.
create index survey_waves_closed_network on survey_waves_closed (network_id, network_year);

drop policy funder_reads_granted on networks;
create policy funder_reads_granted on networks for select
    using (network_id in (select g.network_id from funder_grants g where g.funder_tenant_id = current_tenant() and g.active));
drop policy funder_reads_granted on network_year_stability;
create policy funder_reads_granted on network_year_stability for select
    using (network_id in (select g.network_id from funder_grants g where g.funder_tenant_id = current_tenant() and g.active));
drop policy funder_reads_granted on rubric_sessions_closed;
create policy funder_reads_granted on rubric_sessions_closed for select
    using (network_id in (select g.network_id from funder_grants g where g.funder_tenant_id = current_tenant() and g.active));
drop policy funder_reads_granted on survey_scale_scores;
create policy funder_reads_granted on survey_scale_scores for select
    using (network_id in (select g.network_id from funder_grants g where g.funder_tenant_id = current_tenant() and g.active));
drop policy funder_reads_granted on survey_waves_closed;
create policy funder_reads_granted on survey_waves_closed for select
    using (network_id in (select g.network_id from funder_grants g where g.funder_tenant_id = current_tenant() and g.active));
drop policy funder_reads_granted on hub_seats;
create policy funder_reads_granted on hub_seats for select
    using (network_id in (select g.network_id from funder_grants g where g.funder_tenant_id = current_tenant() and g.active));
drop policy funder_reads_granted on scale_sums;
create policy funder_reads_granted on scale_sums for select
    using (network_id in (select g.network_id from funder_grants g where g.funder_tenant_id = current_tenant() and g.active));
drop policy funder_reads_granted on group_respondents;
create policy funder_reads_granted on group_respondents for select
    using (network_id in (select g.network_id from funder_grants g where g.funder_tenant_id = current_tenant() and g.active));
