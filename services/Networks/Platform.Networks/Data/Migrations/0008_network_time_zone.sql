-- The time zone a network's day runs in (an IANA id): survey reminders go out at the hub's hour in it. Networks
-- registered before it was asked for are on US Eastern time until the hub says otherwise.
alter table networks add column time_zone text not null default 'America/New_York';
