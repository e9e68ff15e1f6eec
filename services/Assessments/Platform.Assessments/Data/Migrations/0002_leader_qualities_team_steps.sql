-- The hub team's leader-qualities view moves only in released steps (issue 25): the latest step per rubric version, with
-- whose self-assessments it holds (user id -> the updated_at of the version taken in) and the mean level per quality.
-- No one's own levels are kept here.
create table self_assessment_team_steps (
    tenant_id      uuid not null,
    rubric_id      text not null,
    rubric_version int not null,
    released_at    timestamptz not null,
    contributors   jsonb not null,
    quality_means  jsonb not null,
    primary key (tenant_id, rubric_id, rubric_version),
    foreign key (rubric_id, rubric_version) references rubric_versions (rubric_id, version)
);
select enable_tenant_isolation('self_assessment_team_steps');
