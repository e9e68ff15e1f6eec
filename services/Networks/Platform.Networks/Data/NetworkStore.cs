using Dapper;
using Platform.Data;
using Platform.Networks.Domain;

namespace Platform.Networks.Data;

/// <summary>Network rows. Every query runs inside a tenant unit of work: row-level security scopes it.</summary>
public sealed class NetworkStore
{
    private const string Columns = """
        id, name, aim, goal_type as GoalType, launch_date as LaunchDate, phase, status, created_at as CreatedAt,
        year_start_month as YearStartMonth, year_start_day as YearStartDay,
        hub_stability_override as HubStabilityOverride, hub_stability_override_reason as HubStabilityOverrideReason,
        focus_areas as FocusAreas, benchmarking_consent as BenchmarkingConsent, time_zone as TimeZone
        """;

    public Task InsertAsync(UnitOfWork uow, Network n, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into networks (id, tenant_id, name, aim, goal_type, launch_date, phase, status, created_at, focus_areas, benchmarking_consent, time_zone)
            values (@Id, @TenantId, @Name, @Aim, @GoalType, @LaunchDate, @Phase, @Status, @CreatedAt, @FocusAreas, @BenchmarkingConsent, @TimeZone)
            """,
            new
            {
                n.Id, TenantId = uow.TenantId, n.Name, n.Aim, GoalType = n.GoalType.ToString(), n.LaunchDate,
                Phase = n.Phase.ToString(), Status = n.Status.ToString(), n.CreatedAt, FocusAreas = n.FocusAreas ?? [], n.BenchmarkingConsent, n.TimeZone,
            },
            uow.Transaction, cancellationToken: ct));

    public Task UpdateAsync(UnitOfWork uow, Network n, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            """
            update networks set name = @Name, aim = @Aim, goal_type = @GoalType, launch_date = @LaunchDate, phase = @Phase,
                status = @Status, year_start_month = @YearStartMonth, year_start_day = @YearStartDay,
                hub_stability_override = @Override, hub_stability_override_reason = @HubStabilityOverrideReason,
                focus_areas = @FocusAreas, benchmarking_consent = @BenchmarkingConsent, time_zone = @TimeZone, updated_at = now()
            where id = @Id
            """,
            new
            {
                n.Id, n.Name, n.Aim, GoalType = n.GoalType.ToString(), n.LaunchDate, Phase = n.Phase.ToString(), Status = n.Status.ToString(),
                n.YearStartMonth, n.YearStartDay, Override = n.HubStabilityOverride?.ToString(), n.HubStabilityOverrideReason,
                FocusAreas = n.FocusAreas ?? [], n.BenchmarkingConsent, n.TimeZone,
            },
            uow.Transaction, cancellationToken: ct));

    /// <summary>Locks the network row for the rest of the transaction, so concurrent membership changes serialize per network.</summary>
    public Task<Network?> FindForUpdateAsync(UnitOfWork uow, Guid id, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<Network>(new CommandDefinition(
            $"select {Columns} from networks where id = @id for update", new { id }, uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<Network>> ListAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Network>(new CommandDefinition(
            $"select {Columns} from networks order by name, id", transaction: uow.Transaction, cancellationToken: ct))).AsList();

    public Task<Network?> FindAsync(UnitOfWork uow, Guid id, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<Network>(new CommandDefinition(
            $"select {Columns} from networks where id = @id", new { id }, uow.Transaction, cancellationToken: ct));
}
