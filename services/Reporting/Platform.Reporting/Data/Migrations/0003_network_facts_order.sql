-- Events arrive in any order: keep the newest facts about a network, whichever event brought them.
alter table networks add column facts_as_of timestamptz;
update networks set facts_as_of = registered_at;
alter table networks alter column facts_as_of set not null;
