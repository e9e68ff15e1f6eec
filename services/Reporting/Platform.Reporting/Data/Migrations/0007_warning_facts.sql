-- Facts the early warnings (domain.md section 7) and the feedback report need.
alter table networks
    add column focus_areas          text[] not null default '{}',
    add column benchmarking_consent boolean not null default false,
    add column year_start_month     int not null default 8,
    add column year_start_day       int not null default 1;

-- Hub seats as the Networks events describe them (no person: only whether the seat is core, and when it was held).
create table hub_seats (
    assignment_id uuid primary key,
    tenant_id     uuid not null,
    network_id    uuid not null,
    core          boolean not null,
    start_date    date not null,
    end_date      date,
    changed_at    timestamptz not null
);
create index hub_seats_network on hub_seats (network_id);
select enable_tenant_isolation('hub_seats');
create policy funder_reads_granted on hub_seats for select
    using (exists (select 1 from funder_grants g where g.network_id = hub_seats.network_id and g.funder_tenant_id = current_tenant() and g.active));

-- "When did this network last hear from its members?" is an index lookup, not a scan of its responses.
create index survey_scale_scores_latest on survey_scale_scores (network_id, submitted_at);
