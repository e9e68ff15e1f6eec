using System.Data.Common;
using Dapper;
using Npgsql;

namespace Platform.Data;

/// <summary>
/// One connection and one transaction. For tenant work the tenant is set with
/// <c>set_config('app.tenant_id', ..., true)</c>: transaction-local, so a pooled connection
/// can never carry one tenant's setting into another request.
/// </summary>
public sealed class UnitOfWork : ITenantCommands, IAsyncDisposable
{
    private bool _completed;
    private List<Action>? _onCommitted;

    internal UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid? tenantId)
    {
        Connection = connection;
        Transaction = transaction;
        TenantId = tenantId;
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }

    /// <summary>The tenant the row-level security policies see; null for system work (no tenant rows visible).</summary>
    public Guid? TenantId { get; private set; }

    /// <summary>
    /// Points row-level security at another tenant for the statements that follow, in the same transaction: for batch
    /// consumers that take in several tenants' events with one commit. Every statement still sees one tenant only.
    /// </summary>
    public async Task SwitchTenantAsync(Guid tenantId, CancellationToken ct = default)
    {
        await SetTenantAsync(Connection, Transaction, tenantId, ct);
        TenantId = tenantId;
    }

    /// <summary>The command for <paramref name="sql"/>, in this unit of work's transaction.</summary>
    public CommandDefinition Command(string sql, object? parameters = null, CancellationToken ct = default) =>
        new(sql, parameters, Transaction, cancellationToken: ct);

    /// <summary>Sets the tenant for the rest of the transaction; its parameter <c>@tenant</c> is the tenant id as text.</summary>
    internal const string SetTenant = "select set_config('app.tenant_id', @tenant, true)";

    internal static Task SetTenantAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(SetTenant, new { tenant = tenantId.ToString() }, transaction, cancellationToken: ct));

    public async Task CommitAsync(CancellationToken ct = default)
    {
        await Transaction.CommitAsync(ct);
        _completed = true;
        _onCommitted?.ForEach(a => a());
    }

    /// <summary>Runs after a successful commit (e.g. to wake the outbox relay); never runs on rollback.</summary>
    public void OnCommitted(Action action) => (_onCommitted ??= []).Add(action);

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            try { await Transaction.RollbackAsync(); }
            catch (Exception e) when (e is DbException or InvalidOperationException) { /* connection already broken */ }
        }
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
