-- A response's wave is checked by the application, not by a foreign key: every response row is written in the
-- transaction that resolved its invitation (whose wave_id keeps its foreign key), and waves are never deleted.
-- The foreign key's check took a KEY SHARE lock on the wave's one row for every submit; with many concurrent
-- submits to one wave that row's lockers became a MultiXact rewritten on each submit.
alter table survey_responses drop constraint survey_responses_wave_id_fkey;
