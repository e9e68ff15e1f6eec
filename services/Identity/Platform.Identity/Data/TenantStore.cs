using Dapper;
using Platform.Data;
using Platform.Identity.Domain;

namespace Platform.Identity.Data;

/// <summary>
/// The tenant registry. Not row-level secured: it is the list of tenants itself, read at sign-in
/// (before any tenant is known) and by platform admins.
/// </summary>
public sealed class TenantStore
{
    private const string Columns = "id, name, kind, host_type as HostType, created_at as CreatedAt";

    public Task InsertAsync(UnitOfWork uow, Tenant t, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            "insert into tenants (id, name, kind, host_type, created_at) values (@Id, @Name, @Kind, @HostType, @CreatedAt)",
            new { t.Id, t.Name, Kind = t.Kind.ToString(), HostType = t.HostType?.ToString(), t.CreatedAt },
            uow.Transaction, cancellationToken: ct));

    public Task<Tenant?> FindAsync(UnitOfWork uow, Guid id, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<Tenant>(new CommandDefinition(
            $"select {Columns} from tenants where id = @id", new { id }, uow.Transaction, cancellationToken: ct));

    public Task<Tenant?> FindByNameAsync(UnitOfWork uow, string name, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<Tenant>(new CommandDefinition(
            $"select {Columns} from tenants where lower(name) = lower(@name)", new { name }, uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<Tenant>> ListAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Tenant>(new CommandDefinition(
            $"select {Columns} from tenants order by name", transaction: uow.Transaction, cancellationToken: ct))).AsList();
}
