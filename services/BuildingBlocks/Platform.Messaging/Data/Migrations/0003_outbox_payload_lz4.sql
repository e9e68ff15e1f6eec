-- Packed events (a roster's joiners, a wave's responses) make payloads of hundreds of kilobytes, which PostgreSQL
-- compresses before storing them out of line. lz4 does that several times faster than the default pglz, and an outbox
-- row lives only until the relay has sent it, so speed matters more than the last few percent of size.
alter table outbox_messages alter column payload set compression lz4;
