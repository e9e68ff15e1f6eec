-- Every committed change to a read model is announced on one channel (NOTIFY is delivered at commit, once per
-- transaction however many rows changed), so cached portfolio answers can be dropped as soon as they may be stale.
create function notify_read_model_changed() returns trigger
language plpgsql as $$
begin
    perform pg_notify('reporting_read_model', '');
    return null;
end $$;

do $$
declare
    t text;
begin
    foreach t in array array['tenants', 'networks', 'network_year_stability', 'funder_grants', 'survey_scale_scores',
                             'survey_waves_closed', 'rubric_sessions_closed', 'hub_seats', 'scale_sums', 'group_respondents']
    loop
        execute format('create trigger read_model_changed after insert or update or delete or truncate on %I
                        for each statement execute function notify_read_model_changed()', t);
    end loop;
end $$;
