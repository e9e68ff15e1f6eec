-- A schedule set without a zone of its own keeps the network's: when the network's time zone changes, its hour moves
-- with it (Surveys' NetworkTimeZoneConsumer). Schedules set before this follow the zone they were set with.
alter table reminder_schedules add column follows_network boolean not null default false;
