using Dapper;
using Platform.Data;

namespace Platform.Messaging;

/// <summary>
/// How long the outbox and inbox keep what they no longer need. A sent outbox row is kept a week, to look into; an inbox
/// row a month after its last delivery, far longer than a duplicate can arrive (the broker redelivers unacknowledged
/// messages at once, the relay republishes an unconfirmed row within its back-off of at most a minute).
/// </summary>
public static class MessageRetention
{
    public static readonly TimeSpan SentOutboxRows = TimeSpan.FromDays(7);
    public static readonly TimeSpan InboxRows = TimeSpan.FromDays(30);

    /// <summary>Deletes what has expired as of <paramref name="now"/>; returns how many outbox and inbox rows went.</summary>
    public static async Task<(int Outbox, int Inbox)> DeleteExpiredAsync(Database db, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        var outbox = await uow.Connection.ExecuteAsync(new CommandDefinition(
            "delete from outbox_messages where sent_at < @cutoff", new { cutoff = now - SentOutboxRows }, uow.Transaction, cancellationToken: ct));
        var inbox = await uow.Connection.ExecuteAsync(new CommandDefinition(
            "delete from inbox_messages where last_delivered_at < @cutoff", new { cutoff = now - InboxRows }, uow.Transaction, cancellationToken: ct));
        await uow.CommitAsync(ct);
        return (outbox, inbox);
    }
}
