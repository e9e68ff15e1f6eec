-- A wave's release rule: its results are released when it closes, or earlier once its response rate reaches this
-- percentage (0: at once, in steps). Waves created before this rule keep what they did: 0.
alter table waves add column release_threshold int not null default 0 check (release_threshold between 0 and 100);
