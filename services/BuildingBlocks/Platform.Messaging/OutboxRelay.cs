using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Data;
using Platform.ServiceDefaults;

namespace Platform.Messaging;

/// <summary>
/// Publishes pending outbox rows: claims a batch with FOR UPDATE SKIP LOCKED (so several replicas share the work),
/// publishes each with MessageId = row id (consumers deduplicate on it), marks them sent once the broker confirmed them,
/// and backs off per row while the broker is unreachable. A crash between publish and mark means a redelivery, never a loss.
/// </summary>
public sealed class OutboxRelay(Database db, IBus bus, OutboxSignal signal, IEnumerable<OutboxPacking> packings, TimeProvider clock,
    ILogger<OutboxRelay> logger, RelayFaults faults)
    : BackgroundService
{
    private readonly Dictionary<string, OutboxPacking> _packings = packings.ToDictionary(p => p.EventType.FullName!);

    /// <summary>Rows claimed per pass; also the most events one pack can hold.</summary>
    public const int BatchSize = 200;
    /// <summary>
    /// Run before <see cref="ClaimPending"/> in its transaction: walk the pending index in id order (migration 0004).
    /// A plain index scan marks the entries of rows sent by earlier passes dead as it passes them; a bitmap scan, which
    /// the planner may prefer, never does, and each pass then re-reads every row sent since the last vacuum.
    /// </summary>
    public const string ClaimPlan = "set local enable_bitmapscan = off";

    /// <summary>The oldest pending rows that are due, locked for this pass; rows another relay holds are skipped.</summary>
    public const string ClaimPending = """
        select id, tenant_id as TenantId, message_type as MessageType, payload::text as Payload, trace_parent as TraceParent, attempts
        from outbox_messages
        where sent_at is null and next_attempt_at <= now()
        order by id
        limit @BatchSize
        for update skip locked
        """;

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BusyLinger = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastCleanup = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stoppingToken);
                if (clock.GetUtcNow() - lastCleanup > TimeSpan.FromMinutes(10))
                {
                    lastCleanup = clock.GetUtcNow();
                    await MessageRetention.DeleteExpiredAsync(db, lastCleanup, stoppingToken);
                }
                if (published == BatchSize) continue;
                // While events keep coming, let a few more commits land before the next pass: fewer, fuller passes and packs
                // (each pass and each pack has a fixed cost here and at every consumer). After a quiet spell, go at once.
                if (await signal.WaitAsync(PollInterval, stoppingToken) && published > 0)
                    await Task.Delay(BusyLinger, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Outbox relay pass failed; retrying");
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    internal async Task<int> PublishBatchAsync(CancellationToken ct)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        // The plan setting goes with the claim, in one round trip; it returns no rows, so the reader sees the claim's.
        var pending = (await uow.Connection.QueryAsync<PendingMessage>(new CommandDefinition(
            $"{ClaimPlan};\n{ClaimPending}", new { BatchSize }, uow.Transaction, cancellationToken: ct))).AsList();
        if (pending.Count == 0) return 0;

        // One message per row, except rows of a packed type: one message per type and tenant. A message's outcome is its rows'.
        var messages = pending.Where(m => !_packings.ContainsKey(m.MessageType)).Select(m => (IReadOnlyList<PendingMessage>)[m])
            .Concat(pending.Where(m => _packings.ContainsKey(m.MessageType)).GroupBy(m => (m.MessageType, m.TenantId)).Select(g => (IReadOnlyList<PendingMessage>)g.ToList()))
            .ToList();
        var outcomes = messages.Zip(await Task.WhenAll(messages.Select(rows => PublishAsync(rows, ct)))).ToList();

        var sent = outcomes.Where(o => o.Second is null).SelectMany(o => o.First).Select(m => m.Id).ToArray();
        await uow.Connection.ExecuteAsync(new CommandDefinition(
            "update outbox_messages set sent_at = clock_timestamp(), attempts = attempts + 1, last_error = null where id = any(@sent)",
            new { sent }, uow.Transaction, cancellationToken: ct));
        foreach (var (rows, error) in outcomes.Where(o => o.Second is not null))
        {
            await uow.Connection.ExecuteAsync(new CommandDefinition(
                """
                update outbox_messages
                set attempts = attempts + 1, last_error = @error,
                    next_attempt_at = now() + make_interval(secs => least(60, power(2, attempts)))
                where id = any(@ids)
                """, new { ids = rows.Select(r => r.Id).ToArray(), error }, uow.Transaction, cancellationToken: ct));
        }
        await uow.CommitAsync(ct);
        if (sent.Length < pending.Count)
            logger.LogWarning("Outbox relay: {Failed} of {Count} events not published; will retry", pending.Count - sent.Length, pending.Count);
        return sent.Length;
    }

    /// <summary>Publishes one row as its event, or the rows of a packed type as one pack.</summary>
    /// <returns>null when published, else the error.</returns>
    private async Task<string?> PublishAsync(IReadOnlyList<PendingMessage> rows, CancellationToken ct)
    {
        // Continue the trace of the request that wrote the (first) event, so one trace runs from the API call to the consumer.
        var first = rows[0];
        ActivityContext.TryParse(first.TraceParent, null, out var parent);
        using var activity = PlatformTelemetry.Source.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", first.Id);
        try
        {
            object body;
            if (_packings.TryGetValue(first.MessageType, out var packing))
            {
                activity?.SetTag("messaging.batch.message_count", rows.Count);
                body = packing.Pack(rows.Select(r => (IIntegrationEvent)JsonSerializer.Deserialize(r.Payload, packing.EventType, Outbox.Json)!).ToList());
            }
            else
            {
                body = JsonSerializer.Deserialize(first.Payload, typeof(IIntegrationEvent).Assembly.GetType(first.MessageType, throwOnError: true)!, Outbox.Json)!;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(PublishTimeout);
            var messageId = MessageId(rows);
            await bus.Publish(body, body.GetType(), ctx => ctx.MessageId = messageId, timeout.Token);
            // Test-only (the fault-injection suite): the same message again, as the broker redelivers after a lost ack.
            if (faults.DeliverEveryMessageTwice)
                await bus.Publish(body, body.GetType(), ctx => ctx.MessageId = messageId, timeout.Token);
            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            return e.GetType().Name + ": " + e.Message;
        }
    }

    /// <summary>
    /// A message's id names its content: one row's id, or for a pack an id derived from all its rows' ids. A pack retried
    /// after a timeout usually holds more rows than the first try, which the broker may still have delivered; the two must
    /// not share an id, because MassTransit's batch consumer keeps only the first message of each id in a batch (docs/adr/0007).
    /// </summary>
    internal static Guid MessageId(IReadOnlyList<PendingMessage> rows)
    {
        if (rows.Count == 1) return rows[0].Id;
        var ids = new byte[rows.Count * 16];
        for (var i = 0; i < rows.Count; i++) rows[i].Id.TryWriteBytes(ids.AsSpan(i * 16));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(ids, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8 (custom), variant 10
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    internal sealed record PendingMessage(Guid Id, Guid TenantId, string MessageType, string Payload, string? TraceParent, int Attempts);
}
