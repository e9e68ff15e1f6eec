-- Measures, their data points and chart settings. A measure belongs to the network, or to one of its improvement
-- teams (whose members may then upload its points); its chart kind and direction decide how its chart is read.
create table measures (
    id              uuid primary key,
    tenant_id       uuid not null,
    network_id      uuid not null,
    team_id         uuid,
    name            text not null check (length(name) between 1 and 200),
    kind            text not null check (kind in ('Outcome', 'Process', 'Balancing')),
    chart           text not null check (chart in ('Run', 'I', 'P', 'U', 'C')),
    definition      text not null check (length(definition) between 1 and 4000),
    direction       text not null check (direction in ('Up', 'Down')),
    multiplier      double precision not null default 1 check (multiplier > 0),
    target          double precision,
    change_idea_ids uuid[] not null default '{}',
    -- The stored chart defaults (PUT .../chart-settings): the first part's baseline length and where new parts begin.
    freeze_points   int check (freeze_points >= 1),
    splits          date[] not null default '{}',
    -- The signals of the chart as last computed with the stored defaults (Anhøj rules): the list's "latest signal"
    -- without reading every series, and what a new upload is compared with to publish only new signals.
    signals         jsonb not null default '[]',
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index measures_network on measures (network_id, created_at);
create index measures_change_ideas on measures using gin (change_idea_ids);
select enable_tenant_isolation('measures');

-- One data point per period; an upload replaces the whole series in one transaction.
create table measure_points (
    measure_id  uuid not null references measures (id) on delete cascade,
    period      date not null,
    tenant_id   uuid not null,
    numerator   double precision not null,
    denominator double precision,
    excluded    boolean not null default false,
    note        text check (length(note) <= 500),
    primary key (measure_id, period)
);
select enable_tenant_isolation('measure_points');
