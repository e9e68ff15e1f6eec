using System.Diagnostics;
using System.Text.Json;
using Dapper;
using NpgsqlTypes;
using Platform.Contracts;
using Platform.Data;

namespace Platform.Messaging;

/// <summary>
/// Writes integration events into the outbox table inside the caller's unit of work, so an event exists
/// exactly when the business change it describes was committed. The relay publishes it afterwards.
/// </summary>
public sealed class Outbox(OutboxSignal signal, IEnumerable<OutboxPacking> packings)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<Type, OutboxPacking> _packings = packings.ToDictionary(p => p.EventType);

    /// <summary>Stores one event (parameters from <see cref="RowOf"/>); a caller may append a WHERE that decides whether.</summary>
    private const string InsertEvent = """
        insert into outbox_messages (id, tenant_id, message_type, payload, trace_parent)
        select @outbox_id, @outbox_tenant, @outbox_type, @outbox_payload::jsonb, @outbox_trace_parent::text
        """;

    public async Task EnqueueAsync(UnitOfWork uow, IIntegrationEvent @event, CancellationToken ct = default)
    {
        await uow.Connection.ExecuteAsync(new CommandDefinition(InsertEvent, RowOf(@event), uow.Transaction, cancellationToken: ct));
        uow.OnCommitted(signal.Notify);
    }

    /// <summary>
    /// Runs the caller's guarded write and stores its event in the same statement, in a <see cref="GroupCommit"/> batch:
    /// the event exists exactly when the write wrote. The write's parameters must not start with <c>outbox_</c>.
    /// Returns whether it wrote (false: its guard failed, nothing changed).
    /// </summary>
    public async Task<bool> ExecuteWithEventAsync(GroupCommit commits, GuardedWrite write, IIntegrationEvent @event)
    {
        var parameters = new Dictionary<string, object?>(write.Parameters);
        foreach (var (name, value) in RowOf(@event)) parameters.Add(name, value);
        if (await commits.ExecuteAsync(write.TenantId, write.Then($"{InsertEvent}\nwhere exists (select from written)"), parameters) == 0) return false;
        signal.Notify();
        return true;
    }

    private static Dictionary<string, object?> RowOf(IIntegrationEvent @event)
    {
        var type = @event.GetType();
        return new()
        {
            ["outbox_id"] = Guid.CreateVersion7(),
            ["outbox_tenant"] = @event.TenantId,
            ["outbox_type"] = type.FullName,
            ["outbox_payload"] = JsonSerializer.Serialize(@event, type, Json),
            ["outbox_trace_parent"] = Activity.Current?.Id,
        };
    }

    /// <summary>
    /// Many events in one binary COPY (a roster import can produce thousands). COPY is allowed here because the
    /// outbox is infrastructure without row-level security; it is several times faster than a multi-row insert.
    /// Events of a packed type are written already packed (per type and tenant, as many as the relay packs in a pass),
    /// so a burst costs a few rows, not one per event.
    /// </summary>
    public async Task EnqueueManyAsync(UnitOfWork uow, IReadOnlyList<IIntegrationEvent> events, CancellationToken ct = default)
    {
        events = events.Where(e => !_packings.ContainsKey(e.GetType()))
            .Concat(events.Where(e => _packings.ContainsKey(e.GetType())).GroupBy(e => (Type: e.GetType(), e.TenantId))
                .SelectMany(g => g.Chunk(OutboxRelay.BatchSize).Select(pack => _packings[g.Key.Type].Pack(pack))))
            .ToList();
        if (events.Count == 0) return;
        var traceParent = Activity.Current?.Id;
        await using (var copy = await uow.Connection.BeginBinaryImportAsync(
            "copy outbox_messages (id, tenant_id, message_type, payload, trace_parent) from stdin (format binary)", ct))
        {
            foreach (var e in events)
            {
                var type = e.GetType();
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(e.TenantId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(type.FullName!, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(JsonSerializer.Serialize(e, type, Json), NpgsqlDbType.Jsonb, ct);
                if (traceParent is null) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(traceParent, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        uow.OnCommitted(signal.Notify);
    }
}

/// <summary>Wakes the relay right after a commit, so events go out without waiting for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private int _signalled;

    /// <summary>
    /// Releases the relay once per wake-up. A burst of commits signals an already signalled relay many times; those
    /// calls return at once (releasing a full semaphore would throw, and the exceptions cost real CPU per commit).
    /// </summary>
    public void Notify()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0) _semaphore.Release();
    }

    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var woken = await _semaphore.WaitAsync(timeout, ct);
        // Cleared before the relay's next pass: a commit signalled before this point is read by that pass.
        if (woken) Volatile.Write(ref _signalled, 0);
        return woken;
    }
}
