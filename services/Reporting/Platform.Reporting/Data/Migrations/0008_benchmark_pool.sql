-- Benchmarking: a hub that consented may compare its network with the median of every consenting network. Those rows
-- belong to other hubs, so they are readable only inside the SECURITY DEFINER function below (there, current_user is the
-- owner and differs from session_user, the service's login), which returns per-network scale means over at least the
-- minimum respondents, and no network id. The service's login cannot meet these policies itself.
create policy benchmark_pool on networks for select
    using (benchmarking_consent and current_user <> session_user);
create policy benchmark_pool on survey_scale_scores for select
    using (current_user <> session_user
        and exists (select 1 from networks n where n.network_id = survey_scale_scores.network_id and n.benchmarking_consent));

create function benchmark_network_means(p_year int, p_min_n int)
returns table (network_ordinal int, scale text, mean numeric, respondents int)
language sql stable security definer set search_path = public as $$
    with eligible as (
        -- Networks with enough respondents overall: the same floor as every other aggregate (never below 5).
        select s.network_id from survey_scale_scores s join networks n on n.network_id = s.network_id
        where s.network_year = p_year and n.benchmarking_consent
        group by s.network_id having count(*) >= greatest(p_min_n, 5)
    ), scales as (
        select dense_rank() over (order by e.network_id)::int as network_ordinal, kv.key as scale,
               round(avg(kv.value::numeric), 2) as mean, count(*)::int as respondents
        from eligible e
        join survey_scale_scores s on s.network_id = e.network_id and s.network_year = p_year
        cross join lateral jsonb_each_text(s.scale_scores) kv
        group by e.network_id, kv.key
    )
    select network_ordinal, scale, mean, respondents from scales where respondents >= greatest(p_min_n, 5)
$$;
