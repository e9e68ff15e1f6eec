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
    public Task<UnitOfWork> BeginAsync(Guid tenantId, CancellationToken ct = default) => BeginCoreAsync(tenantId, tenantInFirstCommand: false, ct);

    /// <summary>
    /// Starts a unit of work for <paramref name="tenantId"/> whose tenant is set by its first command, written with
    /// <see cref="UnitOfWork.TenantFirst"/>: one round trip fewer, for the hottest paths. Until that command runs,
    /// row-level security shows no rows and accepts none, so a forgotten prefix fails closed.
    /// </summary>
    public Task<UnitOfWork> BeginWithTenantInFirstCommandAsync(Guid tenantId, CancellationToken ct = default) =>
        BeginCoreAsync(tenantId, tenantInFirstCommand: true, ct);

    /// <summary>Starts a unit of work with no tenant: tenant-owned tables show no rows. For infrastructure tables (outbox, inbox).</summary>
    public Task<UnitOfWork> BeginSystemAsync(CancellationToken ct = default) => BeginCoreAsync(null, tenantInFirstCommand: false, ct);

    private async Task<UnitOfWork> BeginCoreAsync(Guid? tenantId, bool tenantInFirstCommand, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            // Npgsql sends BEGIN with the next command: a unit whose tenant rides on its first command costs no round trip here.
            var transaction = await connection.BeginTransactionAsync(ct);
            if (tenantId is { } tenant && !tenantInFirstCommand) await UnitOfWork.SetTenantAsync(connection, transaction, tenant, ct);
            return new UnitOfWork(connection, transaction, tenantId, tenantPending: tenantId is not null && tenantInFirstCommand);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
