-- Stepped release (issue 25, Platform.HealthModel.SteppedRelease): a submitted response leaves Surveys for Reporting only
-- when its step is released, so no two reads of any result differ by fewer than the minimum of responses.
-- released_at is when its step went out; waves.last_released_at is the wave's latest step (at most one a day).
alter table survey_responses add column released_at timestamptz;
alter table waves add column last_released_at timestamptz;

-- Responses submitted before this migration already went to Reporting one by one: they count as released. Row-level
-- security hides every row from a migration (no tenant is set), so it is lifted for these two statements only.
alter table survey_responses no force row level security;
update survey_responses set released_at = submitted_at where submitted_at is not null;
alter table survey_responses force row level security;

create index survey_responses_unreleased on survey_responses (wave_id) where submitted_at is not null and released_at is null;

-- The release job finds the waves with responses waiting without a tenant: this function returns their ids and nothing
-- else. Inside it current_user is the owner and differs from session_user, the service's login, which cannot meet this
-- policy itself.
create policy release_scan on survey_responses for select
    using (current_user <> session_user and submitted_at is not null and released_at is null);

create function waves_with_unreleased_responses()
returns table (tenant_id uuid, wave_id uuid)
language sql stable security definer set search_path = public as $$
    select distinct tenant_id, wave_id from survey_responses where submitted_at is not null and released_at is null
$$;
