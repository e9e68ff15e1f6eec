using Dapper;
using Platform.Data;
using Platform.Improvement.Domain;

namespace Platform.Improvement.Data;

/// <summary>A completed cycle as a review looks at it.</summary>
public sealed record ReviewedCycle(Guid Id, Guid TeamId, Guid? ChangeIdeaId, string Title, string Objective, CycleDecision? Decision, DateOnly CompletedOn);

/// <summary>A decision of a review: the change idea's status before and after, and why.</summary>
public sealed record ReviewDecision(Guid ChangeIdeaId, string Title, ChangeIdeaStatus From, ChangeIdeaStatus To, string? Note);

/// <summary>A cycle review: when, the window it covered (the previous review's date, if any, to its own), what it looked at and decided.</summary>
public sealed record CycleReview(Guid Id, Guid NetworkId, DateOnly HeldOn, DateOnly? WindowFrom, string Synthesis, IReadOnlyList<Guid> CycleIds,
    IReadOnlyList<ReviewDecision> Decisions, string RecordedBy, DateTimeOffset CreatedAt);

/// <summary>The facts of a review its event carries (a replay).</summary>
public sealed record ReviewFacts(Guid Id, Guid NetworkId, DateOnly HeldOn, int Cycles, int Decisions, DateTimeOffset CreatedAt);

/// <summary>Cycle reviews, the cycles each looked at and the decisions each recorded.</summary>
public sealed class CycleReviewStore
{
    private sealed record ReviewRow(Guid Id, Guid NetworkId, DateOnly HeldOn, DateOnly? WindowFrom, string Synthesis, string RecordedBy, DateTimeOffset CreatedAt);

    private sealed record CycleRow(Guid Id, Guid TeamId, Guid? ChangeIdeaId, string Title, string Objective, string? Decision, DateOnly CompletedOn);

    /// <summary>Locks the network's row: two reviews recorded at once take turns, so the second sees the first's cycles as reviewed.</summary>
    public Task LockNetworkAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("select 1 from networks where network_id = @networkId for update", new { networkId }, ct));

    /// <summary>The date of the network's latest review, if it has held one.</summary>
    public Task<DateOnly?> LastHeldOnAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        uow.Connection.QuerySingleAsync<DateOnly?>(uow.Command("select max(held_on) from cycle_reviews where network_id = @networkId", new { networkId }, ct));

    /// <summary>The network's completed cycles (completed on or before <paramref name="upTo"/>) that no review has looked at yet.</summary>
    public async Task<IReadOnlyList<ReviewedCycle>> UnreviewedCyclesAsync(UnitOfWork uow, Guid networkId, DateOnly upTo, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<CycleRow>(uow.Command("""
            select c.id, c.team_id as TeamId, c.change_idea_id as ChangeIdeaId, c.title, c.objective, c.decision, c.completed_on as CompletedOn
            from pdsa_cycles c
            where c.network_id = @networkId and c.status = 'Done' and c.completed_on <= @upTo
              and not exists (select 1 from cycle_review_cycles r where r.cycle_id = c.id)
            order by c.completed_on, c.id
            """, new { networkId, upTo }, ct))).Select(ToCycle).ToList();

    /// <summary>The cycles with these ids (a review's), as a review looked at them.</summary>
    public async Task<IReadOnlyList<ReviewedCycle>> CyclesAsync(UnitOfWork uow, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await uow.Connection.QueryAsync<CycleRow>(uow.Command("""
            select id, team_id as TeamId, change_idea_id as ChangeIdeaId, title, objective, decision, completed_on as CompletedOn
            from pdsa_cycles where id = any(@ids) order by completed_on, id
            """, new { ids = ids.ToArray() }, ct))).Select(ToCycle).ToList();

    private static ReviewedCycle ToCycle(CycleRow r) => new(r.Id, r.TeamId, r.ChangeIdeaId, r.Title, r.Objective,
        r.Decision is null ? null : Enum.Parse<CycleDecision>(r.Decision), r.CompletedOn);

    /// <summary>The review, the cycles it looked at and its decisions (the caller's transaction makes it all or nothing).</summary>
    public async Task InsertAsync(UnitOfWork uow, CycleReview review, CancellationToken ct)
    {
        await uow.Connection.ExecuteAsync(uow.Command("""
            insert into cycle_reviews (id, tenant_id, network_id, held_on, window_from, synthesis, recorded_by, created_at)
            values (@Id, @tenant, @NetworkId, @HeldOn, @WindowFrom, @Synthesis, @RecordedBy, @CreatedAt)
            """, new { review.Id, tenant = uow.TenantId, review.NetworkId, review.HeldOn, review.WindowFrom, review.Synthesis, review.RecordedBy, review.CreatedAt }, ct));
        if (review.CycleIds.Count > 0)
            await uow.Connection.ExecuteAsync(uow.Command("""
                insert into cycle_review_cycles (cycle_id, review_id, tenant_id) select c, @review, @tenant from unnest(@cycles) as c
                """, new { review = review.Id, tenant = uow.TenantId, cycles = review.CycleIds.ToArray() }, ct));
        if (review.Decisions.Count > 0)
            await uow.Connection.ExecuteAsync(uow.Command("""
                insert into cycle_review_decisions (review_id, change_idea_id, tenant_id, position, from_status, to_status, note)
                select @review, idea, @tenant, position, from_status, to_status, note
                from unnest(@ideas, @positions, @froms, @tos, @notes) as d(idea, position, from_status, to_status, note)
                """, new
                {
                    review = review.Id, tenant = uow.TenantId, ideas = review.Decisions.Select(d => d.ChangeIdeaId).ToArray(),
                    positions = review.Decisions.Select((_, i) => i).ToArray(), froms = review.Decisions.Select(d => d.From.ToString()).ToArray(),
                    tos = review.Decisions.Select(d => d.To.ToString()).ToArray(), notes = review.Decisions.Select(d => d.Note).ToArray(),
                }, ct));
    }

    /// <summary>The network's reviews newest first (or the one with <paramref name="id"/>), each with its cycles and decisions.</summary>
    public async Task<IReadOnlyList<CycleReview>> ListAsync(UnitOfWork uow, Guid networkId, Guid? id, CancellationToken ct)
    {
        var reviews = (await uow.Connection.QueryAsync<ReviewRow>(uow.Command("""
            select id, network_id as NetworkId, held_on as HeldOn, window_from as WindowFrom, synthesis, recorded_by as RecordedBy, created_at as CreatedAt
            from cycle_reviews where network_id = @networkId and (@id is null or id = @id) order by held_on desc, created_at desc
            """, new { networkId, id }, ct))).AsList();
        if (reviews.Count == 0) return [];
        var ids = reviews.Select(r => r.Id).ToArray();
        var cycles = (await uow.Connection.QueryAsync<(Guid Review, Guid Cycle)>(uow.Command(
            "select review_id, cycle_id from cycle_review_cycles where review_id = any(@ids)", new { ids }, ct))).ToLookup(c => c.Review, c => c.Cycle);
        var decisions = (await uow.Connection.QueryAsync<(Guid Review, Guid Idea, string Title, string From, string To, string? Note)>(uow.Command("""
            select d.review_id, d.change_idea_id, i.title, d.from_status, d.to_status, d.note
            from cycle_review_decisions d join change_ideas i on i.id = d.change_idea_id where d.review_id = any(@ids) order by d.review_id, d.position
            """, new { ids }, ct))).ToLookup(d => d.Review,
                d => new ReviewDecision(d.Idea, d.Title, Enum.Parse<ChangeIdeaStatus>(d.From), Enum.Parse<ChangeIdeaStatus>(d.To), d.Note));
        return reviews.Select(r => new CycleReview(r.Id, r.NetworkId, r.HeldOn, r.WindowFrom, r.Synthesis, cycles[r.Id].ToList(), decisions[r.Id].ToList(),
            r.RecordedBy, r.CreatedAt)).ToList();
    }

    /// <summary>Every review of the tenant with its counts (a replay).</summary>
    public async Task<IReadOnlyList<ReviewFacts>> EveryAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<ReviewFacts>(uow.Command("""
            select r.id, r.network_id as NetworkId, r.held_on as HeldOn,
                   (select count(*)::int from cycle_review_cycles c where c.review_id = r.id) as Cycles,
                   (select count(*)::int from cycle_review_decisions d where d.review_id = r.id) as Decisions, r.created_at as CreatedAt
            from cycle_reviews r order by r.created_at, r.id
            """, null, ct))).AsList();
}
