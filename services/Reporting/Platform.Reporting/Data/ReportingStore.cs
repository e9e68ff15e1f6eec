using Dapper;
using Platform.Contracts.Identity;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.HealthModel;
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
            insert into networks (network_id, tenant_id, name, aim, goal_type, launch_date, registered_at, facts_as_of,
                focus_areas, benchmarking_consent, year_start_month, year_start_day)
            values (@NetworkId, @TenantId, @Name, @Aim, @GoalType, @LaunchDate, @OccurredAt, @OccurredAt,
                @FocusAreas, @BenchmarkingConsent, @YearStartMonth, @YearStartDay)
            on conflict (network_id) do update set registered_at = excluded.registered_at
            """, new
            {
                e.NetworkId, e.TenantId, e.Name, e.Aim, e.GoalType, e.LaunchDate, e.OccurredAt, FocusAreas = (e.FocusAreas ?? []).ToArray(),
                e.BenchmarkingConsent, e.YearStartMonth, e.YearStartDay,
            }, uow.Transaction, cancellationToken: ct));

    public Task UpdateNetworkAsync(UnitOfWork uow, NetworkUpdated e, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into networks (network_id, tenant_id, name, aim, goal_type, launch_date, phase, status, district_scope, registered_at, facts_as_of,
                focus_areas, benchmarking_consent, year_start_month, year_start_day)
            values (@NetworkId, @TenantId, @Name, @Aim, @GoalType, @LaunchDate, @Phase, @Status, @DistrictScope, coalesce(@RegisteredAt, @OccurredAt), @OccurredAt,
                @FocusAreas, @BenchmarkingConsent, @YearStartMonth, @YearStartDay)
            on conflict (network_id) do update set name = excluded.name, aim = excluded.aim, goal_type = excluded.goal_type,
                launch_date = excluded.launch_date, phase = excluded.phase, status = excluded.status,
                district_scope = excluded.district_scope, facts_as_of = excluded.facts_as_of, focus_areas = excluded.focus_areas,
                benchmarking_consent = excluded.benchmarking_consent, year_start_month = excluded.year_start_month,
                year_start_day = excluded.year_start_day
            where networks.facts_as_of < excluded.facts_as_of
            """, new
            {
                e.NetworkId, e.TenantId, e.Name, e.Aim, e.GoalType, e.LaunchDate, e.Phase, e.Status, e.DistrictScope, e.OccurredAt, e.RegisteredAt,
                FocusAreas = (e.FocusAreas ?? []).ToArray(), e.BenchmarkingConsent, e.YearStartMonth, e.YearStartDay,
            }, uow.Transaction, cancellationToken: ct));

    /// <summary>A hub seat taken (its end, if the departure arrived first, is kept).</summary>
    public Task AssignSeatAsync(UnitOfWork uow, HubStaffAssigned e, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into hub_seats (assignment_id, tenant_id, network_id, core, start_date, changed_at)
            values (@AssignmentId, @TenantId, @NetworkId, @Core, @StartDate, @OccurredAt)
            on conflict (assignment_id) do update set core = excluded.core, start_date = excluded.start_date,
                changed_at = greatest(hub_seats.changed_at, excluded.changed_at)
            """, e, uow.Transaction, cancellationToken: ct));

    /// <summary>A hub seat vacated (if this arrives before the assignment, the row waits for its core flag and start).</summary>
    public Task VacateSeatAsync(UnitOfWork uow, HubStaffDeparted e, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into hub_seats (assignment_id, tenant_id, network_id, core, start_date, end_date, changed_at)
            values (@AssignmentId, @TenantId, @NetworkId, false, @EndDate, @EndDate, @OccurredAt)
            on conflict (assignment_id) do update set end_date = excluded.end_date,
                changed_at = greatest(hub_seats.changed_at, excluded.changed_at)
            """, e, uow.Transaction, cancellationToken: ct));

    /// <summary>Keeps the newest snapshot per network year (events may arrive out of order).</summary>
    public Task UpsertStabilityAsync(UnitOfWork uow, NetworkYearStabilityComputed e, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into network_year_stability (tenant_id, network_id, year, members, joiners, leavers, member_stability_pct,
                average_tenure_years, hub_stability, hub_stability_override, hub_stability_override_reason, computed_at)
            values (@TenantId, @NetworkId, @Year, @Members, @Joiners, @Leavers, @MemberStabilityPct, @AverageTenureYears,
                @HubStability, @HubStabilityOverride, @HubStabilityOverrideReason, @OccurredAt)
            on conflict (network_id, year) do update set members = excluded.members, joiners = excluded.joiners,
                leavers = excluded.leavers, member_stability_pct = excluded.member_stability_pct,
                average_tenure_years = excluded.average_tenure_years, hub_stability = excluded.hub_stability,
                hub_stability_override = excluded.hub_stability_override,
                hub_stability_override_reason = excluded.hub_stability_override_reason, computed_at = excluded.computed_at
            where network_year_stability.computed_at <= excluded.computed_at
            """, e, uow.Transaction, cancellationToken: ct));

    public Task SetGrantAsync(UnitOfWork uow, Guid networkId, Guid funderTenantId, bool active, DateTimeOffset at, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into funder_grants (tenant_id, network_id, funder_tenant_id, active, changed_at)
            values (@TenantId, @networkId, @funderTenantId, @active, @at)
            on conflict (network_id, funder_tenant_id) do update set active = excluded.active, changed_at = excluded.changed_at
            where funder_grants.changed_at <= excluded.changed_at
            """, new { uow.TenantId, networkId, funderTenantId, active, at }, uow.Transaction, cancellationToken: ct));

    /// <summary>
    /// The structural table for year Y over every network the transaction may see: a hub's own, or a funder's granted ones
    /// (row-level security decides which).
    /// </summary>
    public async Task<IReadOnlyList<StructureRow>> StructureAsync(UnitOfWork uow, int year, Guid? networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<StructureRow>(new CommandDefinition(
            $"""
            {StructureColumns("@year")}
            left join network_year_stability s on s.network_id = n.network_id and s.year = @year
            where (@networkId::uuid is null or n.network_id = @networkId)
            order by t.name, n.name, n.network_id
            """, new { year, networkId }, uow.Transaction, cancellationToken: ct))).AsList();

    /// <summary>One network's structural rows, one per network year with figures, oldest first.</summary>
    public async Task<IReadOnlyList<StructureRow>> StructureHistoryAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<StructureRow>(new CommandDefinition(
            $"""
            {StructureColumns("s.year")}
            join network_year_stability s on s.network_id = n.network_id
            where n.network_id = @networkId
            order by s.year
            """, new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();

    private static string StructureColumns(string year) => $"""
        select n.network_id as NetworkId, n.name as Network, coalesce(t.name, '') as Hub, t.host_type as HostType,
               n.goal_type as GoalType, extract(year from n.launch_date)::int as LaunchYear, {year} as Year,
               s.members as Members, n.district_scope as DistrictScope, s.member_stability_pct as MemberStabilityPct,
               s.average_tenure_years as AverageTenureYears, s.hub_stability as HubStability,
               s.hub_stability_override as HubStabilityOverride, s.hub_stability_override_reason as HubStabilityOverrideReason
        from networks n
        left join tenants t on t.tenant_id = n.tenant_id
        """;

    /// <summary>The latest network year with figures among the networks the transaction may see (null if none).</summary>
    public Task<int?> LatestYearAsync(UnitOfWork uow, CancellationToken ct) =>
        uow.Connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "select max(year) from network_year_stability", transaction: uow.Transaction, cancellationToken: ct));

    /// <summary>One network, if the transaction may see it (row-level security decides): the check before a network's reports.</summary>
    public async Task<NetworkSummary?> NetworkAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        await uow.Connection.QuerySingleOrDefaultAsync<NetworkSummary>(new CommandDefinition(
            $"select {NetworkSummaryColumns} from networks where network_id = @networkId", new { networkId }, uow.Transaction, cancellationToken: ct));

    private const string NetworkSummaryColumns =
        "network_id as NetworkId, name, aim, goal_type as GoalType, launch_date as LaunchDate, registered_at as RegisteredAt, benchmarking_consent as BenchmarkingConsent";

    public async Task<IReadOnlyList<NetworkSummary>> ListNetworksAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<NetworkSummary>(new CommandDefinition(
            $"select {NetworkSummaryColumns} from networks order by name, network_id", transaction: uow.Transaction, cancellationToken: ct))).AsList();

    /// <summary>Every network the transaction may see with its year calendar, by name.</summary>
    public async Task<IReadOnlyList<(Guid NetworkId, NetworkYearCalendar Calendar)>> CalendarsAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(Guid NetworkId, int Month, int Day)>(new CommandDefinition(
            "select network_id, year_start_month, year_start_day from networks order by name, network_id", transaction: uow.Transaction, cancellationToken: ct)))
        .Select(r => (r.NetworkId, new NetworkYearCalendar(r.Month, r.Day))).ToList();
}
