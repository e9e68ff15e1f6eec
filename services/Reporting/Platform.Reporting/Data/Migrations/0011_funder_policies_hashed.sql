-- The funder policies asked "is this row's network granted to me?" once per row (a correlated index probe). Written as
-- membership in the set of granted networks, PostgreSQL computes that set once per query and probes a hash: a portfolio
-- of a thousand networks is read several times faster. Same rule, same rows.
create index survey_waves_closed_network on survey_waves_closed (network_id, network_year);

do $$
declare t text;
begin
    foreach t in array array['networks', 'network_year_stability', 'rubric_sessions_closed', 'survey_scale_scores',
                             'survey_waves_closed', 'hub_seats', 'scale_sums', 'group_respondents']
    loop
        execute format('drop policy funder_reads_granted on %I', t);
        execute format('create policy funder_reads_granted on %I for select using (network_id in ('
            'select g.network_id from funder_grants g where g.funder_tenant_id = current_tenant() and g.active))', t);
    end loop;
end
$$;
