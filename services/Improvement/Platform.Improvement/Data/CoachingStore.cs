using Dapper;
using Platform.Data;

namespace Platform.Improvement.Data;

/// <summary>A coach's touchpoint with an improvement team: when, the focus, what was agreed, the next step, and who logged it.</summary>
public sealed record Touchpoint(Guid Id, Guid NetworkId, Guid TeamId, string TeamName, DateOnly On, string Focus, string? Agreed, string? NextStep,
    string LoggedBy, DateTimeOffset CreatedAt);

/// <summary>Coaching touchpoints.</summary>
public sealed class CoachingStore
{
    private const string Columns = """
        t.id, t.network_id as NetworkId, t.team_id as TeamId, coalesce(tm.name, '') as TeamName, t.held_on as On, t.focus, t.agreed, t.next_step as NextStep,
        t.logged_by as LoggedBy, t.created_at as CreatedAt
        """;

    public Task InsertAsync(UnitOfWork uow, Touchpoint t, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into coaching_touchpoints (id, tenant_id, network_id, team_id, held_on, focus, agreed, next_step, logged_by, created_at)
            values (@Id, @tenant, @NetworkId, @TeamId, @On, @Focus, @Agreed, @NextStep, @LoggedBy, @CreatedAt)
            """, new { t.Id, tenant = uow.TenantId, t.NetworkId, t.TeamId, t.On, t.Focus, t.Agreed, t.NextStep, t.LoggedBy, t.CreatedAt }, ct));

    /// <summary>
    /// The network's touchpoints newest first, by team and dates; <paramref name="onlyTeams"/> (a member's teams) keeps
    /// those teams' only, null keeps every team's (the hub team).
    /// </summary>
    public async Task<IReadOnlyList<Touchpoint>> ListAsync(UnitOfWork uow, Guid networkId, Guid? teamId, DateOnly from, DateOnly to,
        IReadOnlyCollection<Guid>? onlyTeams, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Touchpoint>(uow.Command($"""
            select {Columns} from coaching_touchpoints t left join teams tm on tm.team_id = t.team_id
            where t.network_id = @networkId and (@teamId is null or t.team_id = @teamId) and t.held_on between @from and @to
              and (@all or t.team_id = any(@teams))
            order by t.held_on desc, t.created_at desc, t.id desc
            """, new { networkId, teamId, from, to, all = onlyTeams is null, teams = (onlyTeams ?? []).ToArray() }, ct))).AsList();

    /// <summary>Every touchpoint of the tenant (a replay).</summary>
    public async Task<IReadOnlyList<Touchpoint>> EveryAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Touchpoint>(uow.Command(
            $"select {Columns} from coaching_touchpoints t left join teams tm on tm.team_id = t.team_id order by t.created_at, t.id", null, ct))).AsList();
}
