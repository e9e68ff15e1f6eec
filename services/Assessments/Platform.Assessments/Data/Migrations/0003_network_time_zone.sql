-- The network's time zone in the shared NetworkFacts read model (an IANA id; events without one mean US Eastern, as
-- Networks defaults it). Networks' next event or replay of each network brings its own.
alter table networks add column time_zone text not null default 'America/New_York';
