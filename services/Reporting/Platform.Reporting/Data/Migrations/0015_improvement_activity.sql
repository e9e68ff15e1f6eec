-- Improvement's work as its events describe it (domain.md section 8): ids, dates and counts only, never cycle text, a
-- name or a person. Every table is keyed by the facts' natural ids, so a redelivery or a rebuild's replay changes nothing.

-- The network's improvement teams, from ImprovementTeamFormed and from the work itself (a team that ran a cycle or was
-- coached exists even when its formation is not replayed); first_seen_on dates it for past years.
create table improvement_teams (
    team_id       uuid primary key,
    tenant_id     uuid not null,
    network_id    uuid not null,
    first_seen_on date not null
);
create index improvement_teams_network on improvement_teams (network_id);

-- PDSA cycles: a started cycle, completed once finished (Started and Completed may arrive in either order).
create table improvement_cycles (
    cycle_id        uuid primary key,
    tenant_id       uuid not null,
    network_id      uuid not null,
    team_id         uuid not null,
    change_idea_id  uuid,
    had_predictions boolean not null,
    started_on      date not null,
    completed_on    date,
    decision        text
);
create index improvement_cycles_network on improvement_cycles (network_id, started_on);

-- Every version of a network's theory of improvement.
create table theory_versions (
    network_id      uuid not null,
    version         int not null,
    tenant_id       uuid not null,
    revised_on      date not null,
    aim_has_measure boolean not null,
    primary key (network_id, version)
);

-- Signals a measure's chart showed, one per kind and first period.
create table measure_signals (
    measure_id                  uuid not null,
    kind                        text not null,
    period                      date not null,
    tenant_id                   uuid not null,
    network_id                  uuid not null,
    in_direction_of_improvement boolean not null,
    primary key (measure_id, kind, period)
);
create index measure_signals_network on measure_signals (network_id);

-- Each measure's latest period with data (the latest message wins).
create table measure_data (
    measure_id    uuid primary key,
    tenant_id     uuid not null,
    network_id    uuid not null,
    latest_period date,
    points        int not null,
    changed_at    timestamptz not null
);
create index measure_data_network on measure_data (network_id);

create table coaching_touchpoints (
    touchpoint_id uuid primary key,
    tenant_id     uuid not null,
    network_id    uuid not null,
    team_id       uuid not null,
    held_on       date not null
);
create index coaching_touchpoints_network on coaching_touchpoints (network_id, held_on);

create table cycle_reviews (
    review_id       uuid primary key,
    tenant_id       uuid not null,
    network_id      uuid not null,
    held_on         date not null,
    cycles_reviewed int not null,
    decisions       int not null
);
create index cycle_reviews_network on cycle_reviews (network_id, held_on);

-- Monthly participation as Improvement counted it (no person id).
create table improvement_participation (
    network_id        uuid not null,
    month             date not null,
    tenant_id         uuid not null,
    active_people     int not null,
    share_by_top_two  double precision not null,
    primary key (network_id, month)
);

-- Each change idea's current status (the latest change wins).
create table change_idea_statuses (
    change_idea_id uuid primary key,
    tenant_id      uuid not null,
    network_id     uuid not null,
    status         text not null,
    changed_on     date not null,
    changed_at     timestamptz not null
);
create index change_idea_statuses_network on change_idea_statuses (network_id);

-- The hub's tenant reads its own rows; a funder reads granted networks' rows (the API gives it counts only), as 0011;
-- every change is announced like the other read models'.
do $$
declare t text;
begin
    foreach t in array array['improvement_teams', 'improvement_cycles', 'theory_versions', 'measure_signals', 'measure_data',
                             'coaching_touchpoints', 'cycle_reviews', 'improvement_participation', 'change_idea_statuses']
    loop
        perform enable_tenant_isolation(t::regclass);
        -- The portfolio's cached warnings depend on these rows too (0013).
        execute format('create trigger read_model_changed after insert or update or delete or truncate on %I
                        for each statement execute function notify_read_model_changed()', t);
        execute format('create policy funder_reads_granted on %I for select using (network_id in ('
            'select g.network_id from funder_grants g where g.funder_tenant_id = current_tenant() and g.active))', t);
    end loop;
end
$$;
