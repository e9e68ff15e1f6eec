using System.Security.Claims;
using Platform.Data;
using Platform.Improvement.Application;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.Improvement.IntegrationEvents;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.Spc;

namespace Platform.Improvement.Apis;

// Every field optional to the binder (status as text), so a missing or wrong one is answered by its name.
public sealed record ReviewDecisionInput(Guid? ChangeIdeaId = null, string? Status = null, string? Note = null);

public sealed record CycleReviewRequest(DateOnly? HeldOn = null, string? Synthesis = null, IReadOnlyList<ReviewDecisionInput>? Decisions = null);

public sealed record AgendaCycle(Guid Id, Guid TeamId, string TeamName, string Title, string Objective, CycleDecision? Decision, DateOnly CompletedOn);

public sealed record AgendaIdea(Guid Id, string Title, ChangeIdeaStatus Status);

public sealed record AgendaMeasure(Guid Id, string Name, Signal? LatestSignal, string Signal);

/// <summary>One change idea's cycles in the window (or, with a null idea, the cycles that tested none).</summary>
public sealed record AgendaGroup(AgendaIdea? ChangeIdea, IReadOnlyList<AgendaCycle> Cycles, int Teams, IReadOnlyDictionary<string, int> Decisions,
    IReadOnlyList<AgendaMeasure> Measures);

public sealed record ReviewAgenda(DateOnly? Since, DateOnly AsOf, int Cycles, IReadOnlyList<AgendaGroup> Groups);

public sealed record ReviewDecisionView(Guid ChangeIdeaId, string Title, ChangeIdeaStatus From, ChangeIdeaStatus To, string? Note);

public sealed record CycleReviewView(Guid Id, Guid NetworkId, DateOnly HeldOn, DateOnly? WindowFrom, string Synthesis, IReadOnlyList<Guid> CycleIds,
    IReadOnlyList<ReviewDecisionView> Decisions, string RecordedBy, DateTimeOffset CreatedAt)
{
    public static CycleReviewView Of(CycleReview r) => new(r.Id, r.NetworkId, r.HeldOn, r.WindowFrom, r.Synthesis, r.CycleIds,
        r.Decisions.Select(d => new ReviewDecisionView(d.ChangeIdeaId, d.Title, d.From, d.To, d.Note)).ToList(), r.RecordedBy, r.CreatedAt);
}

/// <summary>
/// Cycle reviews: the network's meeting that looks at the cycles completed since the last review, per change idea, and
/// records decisions on change ideas and a learning synthesis. Everyone of the network reads the agenda and the
/// reviews; the hub team records a review, its decisions applied to the change ideas in the same transaction.
/// </summary>
public static class CycleReviewsApi
{
    public const int MaxSynthesis = 4000, MaxNote = 1000, MaxDecisions = 100;

    public static RouteGroupBuilder MapCycleReviewsApi(this RouteGroupBuilder network)
    {
        var reviews = network.MapGroup("/cycle-reviews").WithTags("Cycle reviews");
        reviews.MapGet("/agenda", Agenda).WithSummary("What the next review looks at: the cycles completed since the last review, by change idea")
            .Produces<ReviewAgenda>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        reviews.MapPost("/", Hold).WithSummary("Record a review: its date, synthesis and decisions (each applied to its change idea)")
            .Produces<CycleReviewView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        reviews.MapGet("/", List).WithSummary("Past reviews, newest first, with their decisions").Produces<IReadOnlyList<CycleReviewView>>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        reviews.MapGet("/{id:guid}", Get).Produces<CycleReviewView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    private static async Task<IResult> Agenda(Guid networkId, ClaimsPrincipal user, Database db, Callers callers, CycleReviewStore store, ChangeIdeaStore ideas,
        MeasureStore measures, RosterStore roster, TimeProvider clock, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        var today = clock.Today();
        var cycles = await store.UnreviewedCyclesAsync(uow, networkId, today, ct);
        var since = await store.LastHeldOnAsync(uow, networkId, ct);
        var teams = await roster.TeamsAsync(uow, networkId, ct);
        var byId = (await ideas.ListAsync(uow, networkId, ct)).ToDictionary(i => i.Id);
        // The linked measures and their latest signals as the change ideas' evidence shows them (MeasureStore computes both).
        var linked = await measures.MeasuresByChangeIdeaAsync(uow, networkId, ct);
        var groups = cycles.GroupBy(c => c.ChangeIdeaId)
            .OrderBy(g => g.Key is null) // the cycles that tested no change idea come last
            .ThenBy(g => g.Key is { } id && byId.TryGetValue(id, out var i) ? i.Title : "", StringComparer.CurrentCultureIgnoreCase)
            .Select(g => new AgendaGroup(
                g.Key is { } id && byId.TryGetValue(id, out var idea) ? new AgendaIdea(idea.Id, idea.Title, idea.Status) : null,
                g.Select(c => new AgendaCycle(c.Id, c.TeamId, teams.GetValueOrDefault(c.TeamId, ""), c.Title, c.Objective, c.Decision, c.CompletedOn)).ToList(),
                g.Select(c => c.TeamId).Distinct().Count(),
                g.Where(c => c.Decision is not null).GroupBy(c => c.Decision!.Value.ToString()).ToDictionary(d => d.Key, d => d.Count()),
                g.Key is { } ideaId ? Measures(linked.GetValueOrDefault(ideaId)) : []))
            .ToList();
        return TypedResults.Ok(new ReviewAgenda(since, today, cycles.Count, groups));
    }

    private static IReadOnlyList<AgendaMeasure> Measures(IReadOnlyList<LinkedMeasure>? linked) =>
        (linked ?? []).Select(m => new AgendaMeasure(m.Id, m.Name, m.LatestSignal, SignalWords.Describe(m.LatestSignal))).ToList();

    /// <summary>The request's own problems, by field (the change ideas are checked against the network afterwards).</summary>
    private static Dictionary<string, string[]> Problems(CycleReviewRequest r, DateOnly today)
    {
        var problems = new Dictionary<string, string[]>();
        if (r.HeldOn is null) problems["heldOn"] = ["Give the date the review was held (YYYY-MM-DD)."];
        else if (r.HeldOn > today) problems["heldOn"] = ["A review cannot be recorded before it is held: the date is in the future."];
        if (string.IsNullOrWhiteSpace(r.Synthesis) || r.Synthesis.Trim().Length > MaxSynthesis)
            problems["synthesis"] = [$"Say what the network learned, in 1 to {MaxSynthesis} characters."];
        var decisions = r.Decisions ?? [];
        if (decisions.Count > MaxDecisions) problems["decisions"] = [$"At most {MaxDecisions} decisions."];
        var seen = new HashSet<Guid>();
        for (var i = 0; i < decisions.Count; i++)
        {
            var d = decisions[i];
            var path = $"decisions[{i}]";
            if (d is null) { problems[path] = ["A decision cannot be null."]; continue; }
            if (d.ChangeIdeaId is not { } idea) problems[path + ".changeIdeaId"] = ["Name the change idea decided on."];
            else if (!seen.Add(idea)) problems[path + ".changeIdeaId"] = ["This change idea is decided on twice in one review."];
            if (!Enum.TryParse<ChangeIdeaStatus>(d.Status, true, out var status) || !Enum.IsDefined(status) || int.TryParse(d.Status, out _))
                problems[path + ".status"] = ["One of Idea, Testing, Adopted, Adapted, Abandoned, Spreading."];
            if (d.Note is { Length: > MaxNote }) problems[path + ".note"] = [$"A note has at most {MaxNote} characters."];
        }
        return problems;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<IResult> Hold(Guid networkId, CycleReviewRequest request, ClaimsPrincipal user, Database db, Callers callers, CycleReviewStore store,
        ChangeIdeaStore ideas, Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        var today = clock.Today();
        if (Problems(request, today) is { Count: > 0 } problems) return Invalid.Fields(problems);
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (!caller.IsHubTeam) return caller.IsOutsider ? Access.NotAMember() : Access.HubTeamOnly();

        await store.LockNetworkAsync(uow, networkId, ct);
        var heldOn = request.HeldOn!.Value;
        var last = await store.LastHeldOnAsync(uow, networkId, ct);
        if (heldOn < last) return Invalid.Field("heldOn", $"The last review was held on {last:yyyy-MM-dd}; a review is recorded on or after it.");

        // Each decided idea, locked: its status moves as an edit of the idea would move it.
        var decisions = request.Decisions ?? [];
        var found = new List<(ChangeIdea Idea, ChangeIdeaStatus To, string? Note)>();
        var unknown = new Dictionary<string, string[]>();
        for (var i = 0; i < decisions.Count; i++)
        {
            if (await ideas.FindAsync(uow, networkId, decisions[i].ChangeIdeaId!.Value, forUpdate: true, ct) is not { } idea)
                unknown[$"decisions[{i}].changeIdeaId"] = ["The network has no change idea with this id."];
            else found.Add((idea, Enum.Parse<ChangeIdeaStatus>(decisions[i].Status!, true), Clean(decisions[i].Note)));
        }
        if (unknown.Count > 0) return Invalid.Fields(unknown);

        var now = clock.GetUtcNow();
        var cycles = await store.UnreviewedCyclesAsync(uow, networkId, heldOn, ct);
        var review = new CycleReview(Guid.CreateVersion7(), networkId, heldOn, last, request.Synthesis!.Trim(), cycles.Select(c => c.Id).ToList(),
            found.Select(f => new ReviewDecision(f.Idea.Id, f.Idea.Title, f.Idea.Status, f.To, f.Note)).ToList(), caller.Name, now);
        await store.InsertAsync(uow, review, ct);
        foreach (var (idea, to, _) in found)
            await ChangeIdeaStatusRule.SaveAsync(uow, ideas, outbox, user.TenantId(), idea, idea with { Status = to, UpdatedAt = now }, ct);
        await outbox.EnqueueAsync(uow, ImprovementEvents.ReviewHeld(user.TenantId(),
            new ReviewFacts(review.Id, networkId, heldOn, review.CycleIds.Count, review.Decisions.Count, now)), ct);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/improvement/networks/{networkId}/cycle-reviews/{review.Id}", CycleReviewView.Of(review));
    }

    private static async Task<IResult> List(Guid networkId, ClaimsPrincipal user, Database db, Callers callers, CycleReviewStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        return TypedResults.Ok((await store.ListAsync(uow, networkId, null, ct)).Select(CycleReviewView.Of).ToList());
    }

    private static async Task<IResult> Get(Guid networkId, Guid id, ClaimsPrincipal user, Database db, Callers callers, CycleReviewStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        return (await store.ListAsync(uow, networkId, id, ct)).FirstOrDefault() is { } review
            ? TypedResults.Ok(CycleReviewView.Of(review))
            : Access.NotFound("cycle review");
    }
}
