using Dapper;
using Platform.Data;

namespace Platform.Networks.Data;

public sealed record Funder(Guid Id, string Name);

public sealed record FunderGrant(Guid Id, Guid NetworkId, Guid FunderTenantId, string FunderName, DateTimeOffset GrantedAt);

public sealed class GrantStore
{
    public Task UpsertTenantAsync(UnitOfWork uow, Guid id, string name, string kind, string? hostType, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into tenant_directory (id, name, kind, host_type) values (@id, @name, @kind, @hostType)
            on conflict (id) do update set name = excluded.name, kind = excluded.kind, host_type = excluded.host_type
            """, new { id, name, kind, hostType }, uow.Transaction, cancellationToken: ct));

    /// <summary>The hub's host type (IHE, NGO, District, Other), as Identity announced it.</summary>
    public Task<string?> HostTypeAsync(UnitOfWork uow, Guid hub, CancellationToken ct) =>
        uow.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select host_type from tenant_directory where id = @hub", new { hub }, uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<Funder>> FundersAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Funder>(new CommandDefinition(
            "select id, name from tenant_directory where kind = 'funder' order by name", transaction: uow.Transaction, cancellationToken: ct))).AsList();

    public async Task<IReadOnlyList<FunderGrant>> ActiveAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<FunderGrant>(new CommandDefinition("""
            select g.id, g.network_id as NetworkId, g.funder_tenant_id as FunderTenantId, coalesce(d.name, '') as FunderName, g.granted_at as GrantedAt
            from funder_grants g left join tenant_directory d on d.id = g.funder_tenant_id
            where g.network_id = @networkId and g.revoked_at is null order by g.granted_at
            """, new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();

    public Task InsertAsync(UnitOfWork uow, Guid networkId, Guid funderTenantId, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            "insert into funder_grants (id, tenant_id, network_id, funder_tenant_id) values (@id, @TenantId, @networkId, @funderTenantId)",
            new { id = Guid.CreateVersion7(), uow.TenantId, networkId, funderTenantId }, uow.Transaction, cancellationToken: ct));

    public async Task<bool> RevokeAsync(UnitOfWork uow, Guid networkId, Guid funderTenantId, CancellationToken ct) =>
        await uow.Connection.ExecuteAsync(new CommandDefinition(
            "update funder_grants set revoked_at = now() where network_id = @networkId and funder_tenant_id = @funderTenantId and revoked_at is null",
            new { networkId, funderTenantId }, uow.Transaction, cancellationToken: ct)) > 0;
}
