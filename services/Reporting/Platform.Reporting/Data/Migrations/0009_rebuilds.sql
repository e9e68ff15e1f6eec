-- Every rebuild Reporting asked its publishers for (platform-wide: no tenant data, so no row-level security).
-- An empty table means a new or dropped database: Reporting then asks for every fact again at start-up.
create table rebuild_requests (
    rebuild_id   uuid primary key,
    requested_at timestamptz not null,
    reason       text not null
);
