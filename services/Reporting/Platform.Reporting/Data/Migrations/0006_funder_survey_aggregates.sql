-- Funders aggregate granted networks' survey results (portfolio health and clusters). They read the rows only inside
-- Reporting's transaction; the API returns aggregates over at least the minimum number of respondents, never a row.
create policy funder_reads_granted on survey_scale_scores for select
    using (exists (select 1 from funder_grants g where g.network_id = survey_scale_scores.network_id and g.funder_tenant_id = current_tenant() and g.active));
create policy funder_reads_granted on survey_waves_closed for select
    using (exists (select 1 from funder_grants g where g.network_id = survey_waves_closed.network_id and g.funder_tenant_id = current_tenant() and g.active));
