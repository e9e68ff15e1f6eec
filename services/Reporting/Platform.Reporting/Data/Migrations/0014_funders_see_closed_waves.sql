-- A funder sees a network year's survey results only once a wave of it has closed (issue 25): before, the results move
-- in released steps the network's own hub follows, and a funder has no need of them. The hub's own policy is unchanged.
do $$
declare t text;
begin
    foreach t in array array['survey_scale_scores', 'scale_sums', 'group_respondents']
    loop
        execute format('drop policy funder_reads_granted on %I', t);
        execute format('create policy funder_reads_granted on %I for select using (network_id in ('
            'select g.network_id from funder_grants g where g.funder_tenant_id = current_tenant() and g.active) '
            'and (network_id, network_year) in (select c.network_id, c.network_year from survey_waves_closed c))', t);
    end loop;
end
$$;
