-- Transactional outbox: written in the same transaction as the business rows, published by the relay.
-- Infrastructure, not tenant data: the relay reads across tenants, so no row-level security here;
-- payloads carry ids and facts only.
create table outbox_messages (
    id              uuid primary key,
    tenant_id       uuid not null,
    message_type    text not null,
    payload         jsonb not null,
    trace_parent    text,
    created_at      timestamptz not null default now(),
    attempts        int not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    sent_at         timestamptz
);
create index outbox_messages_pending on outbox_messages (next_attempt_at, id) where sent_at is null;

-- Inbox: one row per (consumer, message) recorded with the consumer's effect, so a redelivery is a no-op.
create table inbox_messages (
    consumer          text not null,
    message_id        uuid not null,
    trace_id          text,
    processed_at      timestamptz not null default now(),
    deliveries        int not null default 1,   -- redeliveries are counted, never applied
    last_delivered_at timestamptz not null default now(),
    primary key (consumer, message_id)
);
