using Dapper;
using Platform.Data;
using Platform.Improvement.Domain;

namespace Platform.Improvement.Data;

public sealed record CycleComment(Guid Id, string Author, string Text, DateTimeOffset CreatedAt);

/// <summary>The PDSA cycles; every write is one statement, and the API takes the row lock first (<c>forUpdate</c>).</summary>
public sealed class CycleStore
{
    private sealed record Row(Guid Id, Guid NetworkId, Guid TeamId, Guid? ChangeIdeaId, Guid? BuildsOnCycleId, string Title, string Objective,
        string Questions, string Plan, string Observations, string? Findings, string Status, string? Decision, string? NextStep,
        DateTimeOffset CreatedAt, DateOnly? StartedOn, DateOnly? CompletedOn)
    {
        public PdsaCycle ToCycle() => new(Id, NetworkId, TeamId, ChangeIdeaId, BuildsOnCycleId, Title, Objective,
            ImprovementJson.Read<List<CycleQuestion>>(Questions), ImprovementJson.Read<CyclePlan>(Plan), ImprovementJson.Read<List<Observation>>(Observations),
            Findings is null ? null : ImprovementJson.Read<List<Finding>>(Findings), Enum.Parse<CycleStatus>(Status),
            Decision is null ? null : Enum.Parse<CycleDecision>(Decision), NextStep, CreatedAt, StartedOn, CompletedOn);
    }

    private const string Columns = """
        id, network_id as NetworkId, team_id as TeamId, change_idea_id as ChangeIdeaId, builds_on_cycle_id as BuildsOnCycleId, title, objective,
        questions::text as Questions, plan::text as Plan, observations::text as Observations, findings::text as Findings, status, decision,
        next_step as NextStep, created_at as CreatedAt, started_on as StartedOn, completed_on as CompletedOn
        """;

    public Task InsertAsync(UnitOfWork uow, PdsaCycle c, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into pdsa_cycles (id, tenant_id, network_id, team_id, change_idea_id, builds_on_cycle_id, title, objective, questions, plan, status, created_at)
            values (@Id, @tenant, @NetworkId, @TeamId, @ChangeIdeaId, @BuildsOnCycleId, @Title, @Objective, @questions::jsonb, @plan::jsonb, 'Plan', @CreatedAt)
            """, new { c.Id, tenant = uow.TenantId, c.NetworkId, c.TeamId, c.ChangeIdeaId, c.BuildsOnCycleId, c.Title, c.Objective,
                questions = ImprovementJson.Write(c.Questions), plan = ImprovementJson.Write(c.Plan), c.CreatedAt }, ct));

    /// <summary>Writes the cycle's changeable state back (the API has checked the step with <see cref="PdsaRules"/>).</summary>
    public Task UpdateAsync(UnitOfWork uow, PdsaCycle c, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            update pdsa_cycles set change_idea_id = @ChangeIdeaId, builds_on_cycle_id = @BuildsOnCycleId, title = @Title, objective = @Objective,
                questions = @questions::jsonb, plan = @plan::jsonb, observations = @observations::jsonb, findings = @findings::jsonb, status = @status,
                decision = @decision, next_step = @NextStep, started_on = @StartedOn, completed_on = @CompletedOn
            where id = @Id and status <> 'Done'
            """, new { c.Id, c.ChangeIdeaId, c.BuildsOnCycleId, c.Title, c.Objective, questions = ImprovementJson.Write(c.Questions), plan = ImprovementJson.Write(c.Plan),
                observations = ImprovementJson.Write(c.Observations), findings = c.Findings is null ? null : ImprovementJson.Write(c.Findings),
                status = c.Status.ToString(), decision = c.Decision?.ToString(), c.NextStep, c.StartedOn, c.CompletedOn }, ct));

    public async Task<PdsaCycle?> FindAsync(UnitOfWork uow, Guid networkId, Guid id, bool forUpdate, CancellationToken ct) =>
        (await uow.Connection.QuerySingleOrDefaultAsync<Row?>(uow.Command(
            $"select {Columns} from pdsa_cycles where id = @id and network_id = @networkId" + (forUpdate ? " for update" : ""), new { id, networkId }, ct)))?.ToCycle();

    /// <summary>The network's cycles, filtered; with a null network, every cycle of the tenant (a replay).</summary>
    public async Task<IReadOnlyList<PdsaCycle>> ListAsync(UnitOfWork uow, Guid? networkId, Guid? teamId, Guid? changeIdeaId, CycleStatus? status, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Row>(uow.Command($"""
            select {Columns} from pdsa_cycles
            where (@networkId is null or network_id = @networkId) and (@teamId is null or team_id = @teamId)
              and (@changeIdeaId is null or change_idea_id = @changeIdeaId) and (@status is null or status = @status)
            order by created_at, id
            """, new { networkId, teamId, changeIdeaId, status = status?.ToString() }, ct))).Select(r => r.ToCycle()).ToList();

    /// <summary>Every cycle of the network with the one it builds on (the links a ramp is walked along).</summary>
    public async Task<IReadOnlyDictionary<Guid, Guid?>> LinksAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(Guid Id, Guid? BuildsOn)>(uow.Command(
            "select id, builds_on_cycle_id from pdsa_cycles where network_id = @networkId", new { networkId }, ct))).ToDictionary(r => r.Id, r => r.BuildsOn);

    public Task InsertCommentAsync(UnitOfWork uow, Guid cycleId, CycleComment comment, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into cycle_comments (id, tenant_id, cycle_id, author, text, created_at) values (@Id, @tenant, @cycleId, @Author, @Text, @CreatedAt)
            """, new { comment.Id, tenant = uow.TenantId, cycleId, comment.Author, comment.Text, comment.CreatedAt }, ct));

    public async Task<IReadOnlyList<CycleComment>> CommentsAsync(UnitOfWork uow, Guid cycleId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<CycleComment>(uow.Command(
            "select id, author, text, created_at as CreatedAt from cycle_comments where cycle_id = @cycleId order by created_at, id", new { cycleId }, ct))).AsList();
}
