-- Inbox rows expire a month after their last delivery (MessageRetention). BRIN: rows arrive in time order, so a tiny
-- index finds the old ones without adding a B-tree to maintain on every consumed message.
create index inbox_messages_last_delivered on inbox_messages using brin (last_delivered_at);
