using System.Text.Json;
using Dapper;
using Platform.Assessments.Domain;
using Platform.Data;

namespace Platform.Assessments.Data;

public enum Attribution { Attributed, Anonymous }

public enum SessionStatus { Open, Closed }

public sealed record RubricSession(
    Guid Id, Guid NetworkId, string RubricId, int RubricVersion, string Title, DateOnly HeldOn, DateOnly ClosesOn, Attribution Attribution,
    SessionStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, string? Reflection = null)
{
    /// <summary>Ratings are taken while the session is open and its closing day has not passed.</summary>
    public bool AcceptsRatings(DateOnly today) => Status == SessionStatus.Open && today <= ClosesOn;
}

public sealed record Rater(Guid PersonId, string Email, string Name);

public sealed record NextStep(Guid Id, string Action, string Owner, DateOnly DueOn, string? AreaId, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

public sealed record SelfAssessment(string RubricId, int RubricVersion, Dictionary<string, int> Levels, Dictionary<string, string> Strategies,
    DateTimeOffset StartedAt, DateTimeOffset UpdatedAt);

/// <summary>Assessments' queries; every one runs under the caller's tenant (row-level security) except the rubric content.</summary>
public sealed class AssessmentStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task PublishRubricAsync(UnitOfWork uow, Rubric rubric, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into rubric_versions (rubric_id, version, name, content) values (@Id, @Version, @Name, @content::jsonb) on conflict do nothing
            """, new { rubric.Id, rubric.Version, rubric.Name, content = JsonSerializer.Serialize(rubric, Json) }, uow.Transaction, cancellationToken: ct));

    // Sessions ------------------------------------------------------------------------------------------------

    private const string SessionColumns = """
        id, network_id as NetworkId, rubric_id as RubricId, rubric_version as RubricVersion, title, held_on as HeldOn, closes_on as ClosesOn, attribution, status,
        created_at as CreatedAt, closed_at as ClosedAt, reflection
        """;

    public async Task InsertSessionAsync(UnitOfWork uow, RubricSession s, IReadOnlyList<Rater> raters, CancellationToken ct)
    {
        await uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into rubric_sessions (id, tenant_id, network_id, rubric_id, rubric_version, title, held_on, closes_on, attribution, status, created_at)
            values (@Id, @tenant, @NetworkId, @RubricId, @RubricVersion, @Title, @HeldOn, @ClosesOn, @attribution, 'Open', @CreatedAt)
            """, new { s.Id, tenant = uow.TenantId, s.NetworkId, s.RubricId, s.RubricVersion, s.Title, s.HeldOn, s.ClosesOn, attribution = s.Attribution.ToString(), s.CreatedAt },
            uow.Transaction, cancellationToken: ct));
        await uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into session_raters (session_id, tenant_id, person_id, email, name)
            select @session, @tenant, person, email, name from unnest(@people, @emails, @names) as r(person, email, name)
            """, new { session = s.Id, tenant = uow.TenantId, people = raters.Select(r => r.PersonId).ToArray(), emails = raters.Select(r => r.Email).ToArray(),
                names = raters.Select(r => r.Name).ToArray() }, uow.Transaction, cancellationToken: ct));
    }

    public Task<RubricSession?> SessionAsync(UnitOfWork uow, Guid id, bool forUpdate, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<RubricSession?>(new CommandDefinition(
            $"select {SessionColumns} from rubric_sessions where id = @id {(forUpdate ? "for update" : "")}", new { id }, uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<RubricSession>> SessionsAsync(UnitOfWork uow, Guid? networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<RubricSession>(new CommandDefinition(
            $"select {SessionColumns} from rubric_sessions where @networkId is null or network_id = @networkId order by created_at desc",
            new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();

    public Task CloseSessionAsync(UnitOfWork uow, Guid id, DateTimeOffset at, string? reflection, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("update rubric_sessions set status = 'Closed', closed_at = @at, reflection = @reflection where id = @id",
            new { id, at, reflection }, uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<Rater>> RatersAsync(UnitOfWork uow, Guid sessionId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Rater>(new CommandDefinition(
            "select person_id as PersonId, email, name from session_raters where session_id = @sessionId order by name",
            new { sessionId }, uow.Transaction, cancellationToken: ct))).AsList();

    public async Task<IReadOnlyList<RubricRating>> RatingsAsync(UnitOfWork uow, Guid sessionId, Guid? raterId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<RubricRating>(new CommandDefinition("""
            select rater_id as RaterId, look_for_id as LookForId, level, strategy from rubric_ratings
            where session_id = @sessionId and (@raterId is null or rater_id = @raterId)
            """, new { sessionId, raterId }, uow.Transaction, cancellationToken: ct))).AsList();

    public Task SaveRatingsAsync(UnitOfWork uow, Guid sessionId, Guid raterId, IReadOnlyList<RubricRating> ratings, DateTimeOffset at, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into rubric_ratings (session_id, tenant_id, rater_id, look_for_id, level, strategy, updated_at)
            select @sessionId, @tenant, @raterId, look_for, level, strategy, @at from unnest(@lookFors, @levels, @strategies) as r(look_for, level, strategy)
            on conflict (session_id, rater_id, look_for_id) do update set level = excluded.level, strategy = excluded.strategy, updated_at = excluded.updated_at
            """, new { sessionId, tenant = uow.TenantId, raterId, at, lookFors = ratings.Select(r => r.LookForId).ToArray(),
                levels = ratings.Select(r => r.Level).ToArray(), strategies = ratings.Select(r => r.Strategy).ToArray() }, uow.Transaction, cancellationToken: ct));

    public Task InsertNextStepAsync(UnitOfWork uow, Guid sessionId, NextStep step, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into next_steps (id, tenant_id, session_id, action, owner, due_on, area_id, created_at)
            values (@Id, @tenant, @sessionId, @Action, @Owner, @DueOn, @AreaId, @CreatedAt)
            """, new { step.Id, tenant = uow.TenantId, sessionId, step.Action, step.Owner, step.DueOn, step.AreaId, step.CreatedAt }, uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<NextStep>> NextStepsAsync(UnitOfWork uow, Guid sessionId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<NextStep>(new CommandDefinition("""
            select id, action, owner, due_on as DueOn, area_id as AreaId, created_at as CreatedAt, completed_at as CompletedAt
            from next_steps where session_id = @sessionId order by due_on, created_at
            """, new { sessionId }, uow.Transaction, cancellationToken: ct))).AsList();

    public async Task<bool> CompleteNextStepAsync(UnitOfWork uow, Guid sessionId, Guid stepId, DateTimeOffset at, CancellationToken ct) =>
        await uow.Connection.ExecuteAsync(new CommandDefinition(
            "update next_steps set completed_at = coalesce(completed_at, @at) where id = @stepId and session_id = @sessionId",
            new { sessionId, stepId, at }, uow.Transaction, cancellationToken: ct)) == 1;

    // Self-assessments ------------------------------------------------------------------------------------------

    public async Task<SelfAssessment?> SelfAssessmentAsync(UnitOfWork uow, string userId, Rubric rubric, bool forUpdate, CancellationToken ct)
    {
        var rows = await uow.Connection.QueryAsync<(string Levels, string Strategies, DateTimeOffset Started, DateTimeOffset Updated)>(new CommandDefinition($"""
            select levels::text, strategies::text, started_at, updated_at from self_assessments
            where user_id = @userId and rubric_id = @Id and rubric_version = @Version {(forUpdate ? "for update" : "")}
            """, new { userId, rubric.Id, rubric.Version }, uow.Transaction, cancellationToken: ct));
        if (rows.AsList() is not [var r]) return null;
        return new SelfAssessment(rubric.Id, rubric.Version, JsonSerializer.Deserialize<Dictionary<string, int>>(r.Levels)!,
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.Strategies)!, r.Started, r.Updated);
    }

    public Task SaveSelfAssessmentAsync(UnitOfWork uow, string userId, SelfAssessment s, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into self_assessments (tenant_id, user_id, rubric_id, rubric_version, levels, strategies, started_at, updated_at)
            values (@tenant, @userId, @RubricId, @RubricVersion, @levels::jsonb, @strategies::jsonb, @StartedAt, @UpdatedAt)
            on conflict (tenant_id, user_id, rubric_id, rubric_version) do update set levels = excluded.levels, strategies = excluded.strategies,
                updated_at = excluded.updated_at
            """, new { tenant = uow.TenantId, userId, s.RubricId, s.RubricVersion, levels = JsonSerializer.Serialize(s.Levels),
                strategies = JsonSerializer.Serialize(s.Strategies), s.StartedAt, s.UpdatedAt }, uow.Transaction, cancellationToken: ct));

    /// <summary>Every self-assessment of the hub for a rubric version: whose, when last changed, its levels (for the team step; never returned one by one).</summary>
    public async Task<IReadOnlyList<LeaderQualities.Assessment>> AllSelfLevelsAsync(UnitOfWork uow, Rubric rubric, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(string UserId, DateTimeOffset UpdatedAt, string Levels)>(new CommandDefinition(
            "select user_id, updated_at, levels::text from self_assessments where rubric_id = @Id and rubric_version = @Version",
            new { rubric.Id, rubric.Version }, uow.Transaction, cancellationToken: ct)))
        .Select(r => new LeaderQualities.Assessment(r.UserId, r.UpdatedAt, JsonSerializer.Deserialize<Dictionary<string, int>>(r.Levels)!)).ToList();

    /// <summary>The hub team's latest released leader-qualities step, locked until the caller commits (two readers never release twice).</summary>
    public async Task<LeaderQualities.TeamStep?> TeamStepAsync(UnitOfWork uow, Rubric rubric, CancellationToken ct)
    {
        var rows = await uow.Connection.QueryAsync<(DateTimeOffset ReleasedAt, string Contributors, string Means)>(new CommandDefinition("""
            select released_at, contributors::text, quality_means::text from self_assessment_team_steps
            where rubric_id = @Id and rubric_version = @Version for update
            """, new { rubric.Id, rubric.Version }, uow.Transaction, cancellationToken: ct));
        return rows.AsList() is [var r]
            ? new LeaderQualities.TeamStep(r.ReleasedAt, JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(r.Contributors)!,
                JsonSerializer.Deserialize<Dictionary<string, decimal?>>(r.Means)!)
            : null;
    }

    public Task SaveTeamStepAsync(UnitOfWork uow, Rubric rubric, LeaderQualities.TeamStep step, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into self_assessment_team_steps (tenant_id, rubric_id, rubric_version, released_at, contributors, quality_means)
            values (@tenant, @Id, @Version, @ReleasedAt, @contributors::jsonb, @means::jsonb)
            on conflict (tenant_id, rubric_id, rubric_version) do update
                set released_at = excluded.released_at, contributors = excluded.contributors, quality_means = excluded.quality_means
            """, new { tenant = uow.TenantId, rubric.Id, rubric.Version, step.ReleasedAt, contributors = JsonSerializer.Serialize(step.Contributors),
                means = JsonSerializer.Serialize(step.QualityMeans) }, uow.Transaction, cancellationToken: ct));
}
