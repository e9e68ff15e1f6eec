using Dapper;
using Platform.Contracts.Identity;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Data;

public sealed class ReportingStore
{
    public Task UpsertTenantAsync(UnitOfWork uow, TenantCreated e, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into tenants (tenant_id, name, kind, host_type, created_at)
            values (@TenantId, @Name, @Kind, @HostType, @OccurredAt)
            on conflict (tenant_id) do update set name = excluded.name, kind = excluded.kind, host_type = excluded.host_type
            """, e, uow.Transaction, cancellationToken: ct));

    public Task UpsertNetworkAsync(UnitOfWork uow, NetworkRegistered e, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into networks (network_id, tenant_id, name, aim, goal_type, launch_date, registered_at)
            values (@NetworkId, @TenantId, @Name, @Aim, @GoalType, @LaunchDate, @OccurredAt)
            on conflict (network_id) do update set name = excluded.name, aim = excluded.aim,
                goal_type = excluded.goal_type, launch_date = excluded.launch_date
            """, e, uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<NetworkSummary>> ListNetworksAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<NetworkSummary>(new CommandDefinition(
            """
            select network_id as NetworkId, name, aim, goal_type as GoalType, launch_date as LaunchDate, registered_at as RegisteredAt
            from networks order by name, network_id
            """, transaction: uow.Transaction, cancellationToken: ct))).AsList();
}
