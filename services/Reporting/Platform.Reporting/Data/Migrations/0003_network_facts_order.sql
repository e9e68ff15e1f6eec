-- Events arrive in any order: keep the newest facts about a network, whichever event brought them.
-- (A backfill by UPDATE would see no rows here: FORCE row-level security applies to the owner running migrations,
-- so existing rows start at -infinity and the next event for them wins.)
alter table networks add column facts_as_of timestamptz not null default '-infinity';
