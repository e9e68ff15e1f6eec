using Dapper;
using Npgsql;

namespace Platform.Data;

/// <summary>Where a query runs for a tenant: a <see cref="UnitOfWork"/>'s transaction, or its own on a <see cref="TenantConnection"/>.</summary>
public interface ITenantCommands
{
    NpgsqlConnection Connection { get; }

    /// <summary>The command for <paramref name="sql"/>, under the tenant.</summary>
    CommandDefinition Command(string sql, object? parameters = null, CancellationToken ct = default);
}

/// <summary>
/// A tenant's connection whose every command is a whole transaction: BEGIN, the tenant setting, the SQL and COMMIT
/// travel in one round trip (<see cref="Command"/>). For the hottest paths, which read in one command and then
/// write in a batch of <see cref="GroupCommit"/> that checks nothing changed in between (optimistic concurrency, see
/// <see cref="GuardedWrite"/>) instead of holding a lock across two round trips.
/// </summary>
/// <remarks>
/// A command not made by <see cref="Command"/> runs with no tenant set, so row-level security shows and accepts
/// nothing: a forgotten wrapper fails closed. When a statement fails, PostgreSQL skips the rest of the command, COMMIT
/// included; Npgsql rolls the open transaction back before the connection goes back to the pool. Made closed
/// (<see cref="Database.ForTenant"/>), so that a request waiting on something else, a <see cref="GroupCommit"/> batch
/// say, holds no pooled connection: Dapper opens it for each command and closes it after.
/// </remarks>
public sealed class TenantConnection(NpgsqlConnection connection, Guid tenantId) : ITenantCommands, IAsyncDisposable
{
    private readonly string _begin = $"begin;\nset local app.tenant_id = '{tenantId:D}';\n";

    public NpgsqlConnection Connection => connection;

    /// <summary>The tenant the row-level security policies see in a <see cref="Command"/>.</summary>
    public Guid TenantId => tenantId;

    /// <summary>
    /// The command for <paramref name="sql"/>, as one transaction of this tenant. BEGIN, SET and COMMIT return no result
    /// set, so readers see only the SQL's own results. The tenant is a Guid formatted here, never caller text, so the
    /// literal cannot carry SQL.
    /// </summary>
    public CommandDefinition Command(string sql, object? parameters = null, CancellationToken ct = default) =>
        new($"{_begin}{sql.TrimEnd().TrimEnd(';')};\ncommit", parameters, cancellationToken: ct);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

/// <summary>
/// A tenant's write as common table expressions (without the WITH), the last of them named <c>written</c>: a row for
/// what it wrote, none when its guard found the data changed since it was read. Callers add the statement that reads
/// <c>written</c> (<see cref="Then"/>; the outbox stores an event only when a row was written) and run it through
/// <see cref="GroupCommit"/>. A guard makes the write safe to run again: a second run finds the data changed.
/// </summary>
public sealed record GuardedWrite(Guid TenantId, string CommonTableExpressions, IReadOnlyDictionary<string, object?> Parameters)
{
    /// <summary>The write followed by <paramref name="statement"/>, which may read <c>written</c>: one statement.</summary>
    public string Then(string statement) => $"with {CommonTableExpressions}\n{statement}";
}
