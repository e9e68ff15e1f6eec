using Dapper;
using Npgsql;

namespace Platform.Data;

/// <summary>The service's own database, reached as its login role (owns nothing, no BYPASSRLS).</summary>
public sealed class Database
{
    private readonly NpgsqlDataSource dataSource;

    public Database(NpgsqlDataSource dataSource)
    {
        this.dataSource = dataSource;
        DapperTypeHandlers.Register();
    }

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Starts a unit of work in which row-level security shows only <paramref name="tenantId"/>'s rows.</summary>
    public Task<UnitOfWork> BeginAsync(Guid tenantId, CancellationToken ct = default) => BeginCoreAsync(tenantId, ct);

    /// <summary>
    /// A connection for <paramref name="tenantId"/> on which each command is its own transaction, sent in one round
    /// trip (<see cref="TenantConnection.Command"/>): for the hottest paths. It is not opened here: Dapper opens it for
    /// each command and closes it after, so it holds a pooled connection only while a command runs.
    /// </summary>
    public TenantConnection ForTenant(Guid tenantId) => new(dataSource.CreateConnection(), tenantId);

    /// <summary>Starts a unit of work with no tenant: tenant-owned tables show no rows. For infrastructure tables (outbox, inbox).</summary>
    public Task<UnitOfWork> BeginSystemAsync(CancellationToken ct = default) => BeginCoreAsync(null, ct);

    private async Task<UnitOfWork> BeginCoreAsync(Guid? tenantId, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            // Npgsql sends BEGIN with the next command, here the tenant setting.
            var transaction = await connection.BeginTransactionAsync(ct);
            if (tenantId is { } tenant) await UnitOfWork.SetTenantAsync(connection, transaction, tenant, ct);
            return new UnitOfWork(connection, transaction, tenantId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
