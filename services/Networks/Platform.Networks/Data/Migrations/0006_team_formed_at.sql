-- When a team was formed, so a replay of the tenant's facts (a rebuild of Reporting) can tell it again with its own
-- date. Teams formed before this migration take the migration's time.
alter table improvement_teams add column formed_at timestamptz not null default now();
