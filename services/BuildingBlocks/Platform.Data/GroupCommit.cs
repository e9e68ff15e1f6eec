using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Data;

/// <summary>
/// Group commit for the hottest writes. The statements that concurrent requests hand in while a batch is being written
/// go together in the next batch: one transaction, one round trip, one COMMIT, each statement under its own tenant.
/// On a small machine a round trip and a commit cost PostgreSQL and the service more than a short statement itself
/// (context switches, the WAL flush), so under load many requests pay for one; when requests come one at a time, each
/// is a batch of one, as before. A caller's task completes only after its batch's COMMIT: durable before acknowledged.
/// </summary>
/// <remarks>
/// A statement that fails rolls its whole batch back; the batch's statements are then run again one by one, so that only
/// the failing one's caller sees the error. Statements must therefore be safe to run again after a rollback, as guarded
/// writes are (<see cref="GuardedWrite"/>). Callers' cancellation does not reach a batch: it holds others' writes too.
/// </remarks>
public sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>At most this many statements share a transaction, so one batch stays short however deep the queue.</summary>
    public const int MaxBatch = 64;

    private const string SetTenant = "select set_config('app.tenant_id', @tenant, true)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<GroupCommit> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public GroupCommit(NpgsqlDataSource dataSource, ILogger<GroupCommit> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (one statement) for <paramref name="tenantId"/> in the next batch and returns the rows
    /// it affected or, for a SELECT, returned. Parameter values go to Npgsql as they are.
    /// </summary>
    public Task<int> ExecuteAsync(Guid tenantId, string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var pending = new Pending(tenantId, sql, parameters);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommit));
        return pending.Rows.Task;
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            await WriteBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            var rows = await CommitAsync(batch);
            for (var i = 0; i < batch.Count; i++) batch[i].Rows.TrySetResult(rows[i]);
            return;
        }
        catch (Exception e) when (batch.Count > 1)
        {
            _logger.LogWarning(e, "A batch of {Count} writes failed and was rolled back; running them one by one", batch.Count);
        }
        catch (Exception e)
        {
            batch[0].Rows.TrySetException(e);
            return;
        }
        foreach (var pending in batch)
        {
            try
            {
                pending.Rows.TrySetResult((await CommitAsync([pending]))[0]);
            }
            catch (Exception e)
            {
                pending.Rows.TrySetException(e);
            }
        }
    }

    private async Task<int[]> CommitAsync(IReadOnlyList<Pending> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var commands = new NpgsqlBatch(connection);
        commands.BatchCommands.Add(new NpgsqlBatchCommand("begin"));
        var statements = new NpgsqlBatchCommand[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            commands.BatchCommands.Add(new NpgsqlBatchCommand(SetTenant) { Parameters = { new("tenant", batch[i].TenantId.ToString()) } });
            statements[i] = new NpgsqlBatchCommand(batch[i].Sql);
            foreach (var (name, value) in batch[i].Parameters)
                // As Dapper's handler does: Npgsql writes timestamptz only from UTC offsets.
                statements[i].Parameters.Add(new NpgsqlParameter(name, value switch { null => DBNull.Value, DateTimeOffset at => at.ToUniversalTime(), _ => value }));
            commands.BatchCommands.Add(statements[i]);
        }
        commands.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
        await commands.ExecuteNonQueryAsync();
        return statements.Select(s => checked((int)s.Rows)).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private sealed record Pending(Guid TenantId, string Sql, IReadOnlyDictionary<string, object?> Parameters)
    {
        public TaskCompletionSource<int> Rows { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
