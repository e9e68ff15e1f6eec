using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Data;

/// <summary>
/// Group commit for the hottest paths. The statements that concurrent requests hand in while a batch is out go
/// together in the next batch: one transaction in one round trip, each request's statements under its own tenant.
/// On a small machine a round trip and a commit cost PostgreSQL and the service more than a short statement itself
/// (context switches, the WAL flush), so under load many requests pay for one; when requests come one at a time, each
/// is a batch of one. Writes and reads queue apart, so a read never waits for a WAL flush. A write's task completes
/// only after its batch's COMMIT: durable before acknowledged.
/// </summary>
/// <remarks>
/// A statement that fails rolls its whole batch back; the batch's requests are then run again one by one, so that
/// only the failing one's caller sees the error. Writes must therefore be safe to run again after a rollback, as
/// guarded writes are (<see cref="GuardedWrite"/>). That also settles the rare deadlock of two batches writing the same
/// two rows in opposite orders: PostgreSQL aborts one, whose requests then run alone. Callers' cancellation does not
/// reach a batch: it holds others' work.
/// </remarks>
public sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>At most this many requests share a transaction, so one batch stays short however deep the queue.</summary>
    public const int MaxBatch = 64;

    /// <summary>
    /// Batches out at once per lane, each on its own connection. Two, not one: a request then rarely waits for a whole
    /// batch ahead of it, and a batch held up by a lock does not hold up every request (measured in the survey benchmark:
    /// with one, a request waited 4 ms for reads and 10 ms for writes on average, most of its latency).
    /// </summary>
    private const int BatchesOut = 2;

    private readonly Lane _writes, _reads;

    public GroupCommit(NpgsqlDataSource dataSource, ILogger<GroupCommit> logger)
    {
        DapperTypeHandlers.Register(); // RowsAsync maps as Dapper does, DateOnly included
        _writes = new Lane(dataSource, logger, async (commands, batch) =>
        {
            await commands.ExecuteNonQueryAsync();
            foreach (var pending in batch) ((Write)pending).Complete();
        });
        _reads = new Lane(dataSource, logger, async (commands, batch) =>
        {
            await using var reader = await commands.ExecuteReaderAsync();
            foreach (var pending in batch)
            {
                await reader.NextResultAsync(); // past the tenant setting's result
                await ((IRead)pending).ReadAsync(reader);
            }
        });
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (one statement) for <paramref name="tenantId"/> in the next write batch and returns
    /// the rows it affected or, for a SELECT, returned. Parameter values go to Npgsql as they are.
    /// </summary>
    public Task<int> ExecuteAsync(Guid tenantId, string sql, IReadOnlyDictionary<string, object?> parameters) =>
        _writes.Enqueue(new Write(tenantId, sql, parameters)).Rows.Task;

    /// <summary>
    /// Runs <paramref name="statements"/> for <paramref name="tenantId"/> in the next read batch; <paramref name="read"/>
    /// reads their result sets in order, each with <see cref="RowsAsync{T}"/>.
    /// </summary>
    public Task<T> QueryAsync<T>(Guid tenantId, IReadOnlyList<string> statements, IReadOnlyDictionary<string, object?> parameters,
        Func<NpgsqlDataReader, Task<T>> read) =>
        _reads.Enqueue(new Read<T>(tenantId, statements, parameters, read)).Result.Task;

    /// <summary>The rows of the reader's current result set (mapped as Dapper maps them), then moves to the next.</summary>
    public static async Task<List<T>> RowsAsync<T>(NpgsqlDataReader reader)
    {
        var rows = new List<T>();
        var parse = reader.GetRowParser<T>();
        while (await reader.ReadAsync()) rows.Add(parse(reader));
        await reader.NextResultAsync();
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _reads.DisposeAsync();
    }

    /// <summary>One queue, and the loops that each send what has queued up as one batch while their previous one is out.</summary>
    private sealed class Lane : IAsyncDisposable
    {
        private readonly NpgsqlDataSource _dataSource;
        private readonly ILogger _logger;
        private readonly Func<NpgsqlBatch, IReadOnlyList<Pending>, Task> _run;
        private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
        private readonly Task _loops;

        public Lane(NpgsqlDataSource dataSource, ILogger logger, Func<NpgsqlBatch, IReadOnlyList<Pending>, Task> run)
        {
            (_dataSource, _logger, _run) = (dataSource, logger, run);
            // Not in the context of the request that happened to create this: its trace would parent every batch.
            using (ExecutionContext.SuppressFlow())
                _loops = Task.WhenAll(Enumerable.Range(0, BatchesOut).Select(_ => Task.Run(LoopAsync)).ToArray());
        }

        public TPending Enqueue<TPending>(TPending pending) where TPending : Pending =>
            _queue.Writer.TryWrite(pending) ? pending : throw new ObjectDisposedException(nameof(GroupCommit));

        private async Task LoopAsync()
        {
            var batch = new List<Pending>(MaxBatch);
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
                if (batch.Count == 0) continue; // the other loop took them
                await SendAsync(batch);
                batch.Clear();
            }
        }

        private async Task SendAsync(List<Pending> batch)
        {
            try
            {
                await RunAsync(batch);
                return;
            }
            catch (Exception e) when (batch.Count > 1)
            {
                _logger.LogWarning(e, "A batch of {Count} requests failed and was rolled back; running them one by one", batch.Count);
            }
            catch (Exception e)
            {
                batch[0].Fail(e);
                return;
            }
            foreach (var pending in batch)
            {
                try
                {
                    await RunAsync([pending]);
                }
                catch (Exception e)
                {
                    pending.Fail(e);
                }
            }
        }

        private async Task RunAsync(IReadOnlyList<Pending> batch)
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            await using var commands = new NpgsqlBatch(connection);
            commands.BatchCommands.Add(new NpgsqlBatchCommand("begin"));
            foreach (var pending in batch)
            {
                commands.BatchCommands.Add(new NpgsqlBatchCommand(UnitOfWork.SetTenant) { Parameters = { new("tenant", pending.TenantId.ToString()) } });
                foreach (var command in pending.NewCommands()) commands.BatchCommands.Add(command);
            }
            commands.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
            await _run(commands, batch);
        }

        public async ValueTask DisposeAsync()
        {
            _queue.Writer.TryComplete();
            await _loops;
        }
    }

    private abstract class Pending(Guid tenantId, IReadOnlyList<string> statements, IReadOnlyDictionary<string, object?> parameters)
    {
        public Guid TenantId => tenantId;

        /// <summary>The commands of the latest run (a failed batch's requests run again, each on new commands).</summary>
        protected NpgsqlBatchCommand[] Commands { get; private set; } = [];

        public IEnumerable<NpgsqlBatchCommand> NewCommands() => Commands = statements.Select(statement =>
        {
            var command = new NpgsqlBatchCommand(statement);
            foreach (var (name, value) in parameters)
                // As Dapper's handler does: Npgsql writes timestamptz only from UTC offsets.
                command.Parameters.Add(new NpgsqlParameter(name, value switch { null => DBNull.Value, DateTimeOffset at => at.ToUniversalTime(), _ => value }));
            return command;
        }).ToArray();

        public abstract void Fail(Exception e);
    }

    private sealed class Write(Guid tenantId, string sql, IReadOnlyDictionary<string, object?> parameters) : Pending(tenantId, [sql], parameters)
    {
        public TaskCompletionSource<int> Rows { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete() => Rows.TrySetResult(checked((int)Commands[0].Rows));

        public override void Fail(Exception e) => Rows.TrySetException(e);
    }

    private interface IRead
    {
        Task ReadAsync(NpgsqlDataReader reader);
    }

    private sealed class Read<T>(Guid tenantId, IReadOnlyList<string> statements, IReadOnlyDictionary<string, object?> parameters,
        Func<NpgsqlDataReader, Task<T>> read) : Pending(tenantId, statements, parameters), IRead
    {
        public TaskCompletionSource<T> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task ReadAsync(NpgsqlDataReader reader) => Result.TrySetResult(await read(reader));

        public override void Fail(Exception e) => Result.TrySetException(e);
    }
}
