-- Survey results as the Surveys events deliver them: respondent scale scores with no person, and closed waves' counts.
create table survey_scale_scores (
    response_id  uuid primary key,
    tenant_id    uuid not null,
    wave_id      uuid not null,
    network_id   uuid not null,
    network_year int not null,
    role         text,
    team_id      uuid,
    scale_scores jsonb not null,
    submitted_at timestamptz not null
);
create index survey_scale_scores_network on survey_scale_scores (network_id, network_year);
select enable_tenant_isolation('survey_scale_scores');

create table survey_waves_closed (
    wave_id      uuid primary key,
    tenant_id    uuid not null,
    network_id   uuid not null,
    network_year int not null,
    invited      int not null,
    submitted    int not null,
    closed_at    timestamptz not null
);
select enable_tenant_isolation('survey_waves_closed');
