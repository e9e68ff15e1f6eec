using System.Security.Claims;
using Platform.Data;
using Platform.Improvement.Application;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.Improvement.IntegrationEvents;
using Platform.Messaging;
using Platform.ServiceDefaults;

namespace Platform.Improvement.Apis;

// Every field optional to the binder, so a missing one is answered by name like a wrong one.
public sealed record CreateCycleRequest(Guid? TeamId = null, string? Title = null, string? Objective = null, IReadOnlyList<CycleQuestion>? Questions = null, CyclePlan? Plan = null,
    Guid? ChangeIdeaId = null, Guid? BuildsOnCycleId = null);

public sealed record EditCycleRequest(string? Title = null, string? Objective = null, IReadOnlyList<CycleQuestion>? Questions = null, CyclePlan? Plan = null,
    Guid? ChangeIdeaId = null, Guid? BuildsOnCycleId = null);

public sealed record ObservationRequest(DateOnly? On = null, string? Text = null);

public sealed record FindingInput(int QuestionIndex, string? WhatHappened = null, PredictionMatch? MatchedPrediction = null);

public sealed record StudyRequest(IReadOnlyList<FindingInput>? Findings = null);

/// <summary>On: the day the cycle started, when it is recorded afterwards (a team writes up last week's test); today if absent.</summary>
public sealed record StartRequest(DateOnly? On = null);

/// <summary>On: the day the cycle was finished, when it is recorded afterwards; today if absent.</summary>
public sealed record ActRequest(CycleDecision? Decision = null, string? NextStep = null, DateOnly? On = null);

public sealed record CommentRequest(string? Text = null);

public sealed record CycleView(PdsaCycle Cycle, IReadOnlyList<CycleComment> Comments);

public sealed record RampView(Guid CycleId, IReadOnlyList<Guid> BuildsOn, IReadOnlyList<Guid> BuiltOnIt);

/// <summary>
/// PDSA cycles, one team's test of a change each: created in Plan, then start (Do), observations, study (Study) and
/// act (Done), each refusing what is out of order with 409. Everyone of the network reads them; the hub team writes
/// any team's, a member only their own teams' (403 otherwise). A Done cycle is a record: only comments are added.
/// </summary>
public static class CyclesApi
{
    public const int MaxComment = 2000;

    public static RouteGroupBuilder MapCyclesApi(this RouteGroupBuilder network)
    {
        var cycles = network.MapGroup("/cycles").WithTags("PDSA cycles");
        cycles.MapPost("/", Create).WithSummary("Plan a cycle for a team").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        cycles.MapGet("/", List).WithSummary("The network's cycles, by team, change idea or status").ProducesProblem(StatusCodes.Status404NotFound);
        cycles.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound);
        cycles.MapPut("/{id:guid}", Edit).WithSummary("Edit the plan, while the cycle is in Plan").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cycles.MapPost("/{id:guid}/start", Start).WithSummary("Plan -> Do; every question needs a prediction").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cycles.MapPost("/{id:guid}/observations", Observe).WithSummary("A dated observation, while in Do").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cycles.MapPost("/{id:guid}/study", Study).WithSummary("Do -> Study: for each question, what happened against the prediction").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cycles.MapPost("/{id:guid}/act", Act).WithSummary("Study -> Done: adopt, adapt, abandon or test again, and the next step").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cycles.MapPost("/{id:guid}/comments", Comment).WithSummary("A comment by the hub team (coaches), in any state").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        cycles.MapGet("/{id:guid}/ramp", Ramp).WithSummary("The cycles this one builds on, and those built on it").ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    private static IResult Refused(CycleRefusal refusal) => refusal.OutOfOrder ? Access.Conflict(refusal.Message) : Invalid.Field(refusal.Field, refusal.Message);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IReadOnlyList<CycleQuestion> CleanQuestions(IReadOnlyList<CycleQuestion> questions) =>
        questions.Select(q => new CycleQuestion(q.Question!.Trim(), Clean(q.Prediction))).ToList();

    private static CyclePlan CleanPlan(CyclePlan p) => new(Clean(p.Who), Clean(p.Where), Clean(p.When), Clean(p.DataToCollect));

    /// <summary>The change idea and the cycle built on must be the network's own (400 naming the field otherwise).</summary>
    private static async Task<Dictionary<string, string[]>> LinkProblemsAsync(UnitOfWork uow, ChangeIdeaStore ideas, CycleStore cycles, Guid networkId,
        Guid? changeIdeaId, Guid? buildsOnCycleId, Guid? self, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        if (changeIdeaId is { } idea && await ideas.FindAsync(uow, networkId, idea, false, ct) is null)
            problems["changeIdeaId"] = ["The network has no change idea with this id."];
        if (buildsOnCycleId is { } on && (on == self || await cycles.FindAsync(uow, networkId, on, false, ct) is null))
            problems["buildsOnCycleId"] = ["The network has no other cycle with this id."];
        return problems;
    }

    private static async Task<IResult> Create(Guid networkId, CreateCycleRequest request, ClaimsPrincipal user, Database db, Callers callers, CycleStore store,
        ChangeIdeaStore ideas, RosterStore roster, ParticipationStore participation, TimeProvider clock, CancellationToken ct)
    {
        var problems = PdsaRules.PlanProblems(request.Title, request.Objective, request.Questions, request.Plan);
        if (request.TeamId is null) problems["teamId"] = ["Name the improvement team that runs the cycle."];
        if (problems.Count > 0) return Invalid.Fields(problems);
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        if (await roster.TeamAsync(uow, networkId, request.TeamId!.Value, ct) is null) return Invalid.Field("teamId", "The network has no improvement team with this id.");
        if (!caller.MayWriteForTeam(request.TeamId.Value)) return Access.NotYourTeam();
        if (await LinkProblemsAsync(uow, ideas, store, networkId, request.ChangeIdeaId, request.BuildsOnCycleId, null, ct) is { Count: > 0 } links) return Invalid.Fields(links);
        var cycle = new PdsaCycle(Guid.CreateVersion7(), networkId, request.TeamId.Value, request.ChangeIdeaId, request.BuildsOnCycleId, request.Title!.Trim(),
            request.Objective!.Trim(), CleanQuestions(request.Questions!), CleanPlan(request.Plan!), [], null, CycleStatus.Plan, null, null, clock.GetUtcNow(), null, null);
        await store.InsertAsync(uow, cycle, ct);
        await participation.RecordStepAsync(uow, networkId, cycle.Id, CycleStatus.Plan, Actor(caller, user), cycle.CreatedAt, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/improvement/networks/{networkId}/cycles/{cycle.Id}", new CycleView(cycle, []));
    }

    private static async Task<IResult> List(Guid networkId, Guid? teamId, Guid? changeIdeaId, CycleStatus? status, ClaimsPrincipal user, Database db,
        Callers callers, CycleStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        return TypedResults.Ok(await store.ListAsync(uow, networkId, teamId, changeIdeaId, status, ct));
    }

    private static async Task<IResult> Get(Guid networkId, Guid id, ClaimsPrincipal user, Database db, Callers callers, CycleStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        if (await store.FindAsync(uow, networkId, id, false, ct) is not { } cycle) return Access.NotFound("cycle");
        return TypedResults.Ok(new CycleView(cycle, await store.CommentsAsync(uow, id, ct)));
    }

    /// <summary>
    /// A write to one cycle: the caller may write for the cycle's team, the cycle is locked for the rest of the
    /// transaction (two steps at once are taken one after the other, the second against the first's result), and
    /// <paramref name="step"/> returns the changed cycle and its event, or the refusal. Nothing is written on a refusal.
    /// </summary>
    /// <summary>Who took a step, as only this service keeps it: the member's person id, or the hub team user's subject.</summary>
    private static string Actor(Caller caller, ClaimsPrincipal user) => caller.PersonId?.ToString() ?? $"user:{user.UserId()}";

    private static async Task<IResult> StepAsync(Guid networkId, Guid id, ClaimsPrincipal user, Database db, Callers callers, CycleStore store, Outbox outbox,
        ParticipationStore steps, TimeProvider clock,
        Func<UnitOfWork, PdsaCycle, Task<(PdsaCycle? Changed, IResult? Refusal, Contracts.IIntegrationEvent? Event)>> step, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        if (await store.FindAsync(uow, networkId, id, forUpdate: true, ct) is not { } cycle) return Access.NotFound("cycle");
        if (!caller.MayWriteForTeam(cycle.TeamId)) return Access.NotYourTeam();
        var (changed, refusal, @event) = await step(uow, cycle);
        if (refusal is not null) return refusal;
        await store.UpdateAsync(uow, changed!, ct);
        // Moving a cycle on counts towards the month's participation; an edit within a step does not.
        if (changed!.Status != cycle.Status)
            await steps.RecordStepAsync(uow, networkId, id, changed.Status, Actor(caller, user), clock.GetUtcNow(), ct);
        if (@event is not null) await outbox.EnqueueAsync(uow, @event, ct);
        var comments = await store.CommentsAsync(uow, id, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Ok(new CycleView(changed!, comments));
    }

    private static Task<IResult> Edit(Guid networkId, Guid id, EditCycleRequest request, ClaimsPrincipal user, Database db, Callers callers, CycleStore store,
        ChangeIdeaStore ideas, Outbox outbox, ParticipationStore steps, TimeProvider clock, CancellationToken ct)
    {
        var problems = PdsaRules.PlanProblems(request.Title, request.Objective, request.Questions, request.Plan);
        if (problems.Count > 0) return Task.FromResult<IResult>(Invalid.Fields(problems));
        return StepAsync(networkId, id, user, db, callers, store, outbox, steps, clock, async (uow, cycle) =>
        {
            if (PdsaRules.EditPlan(cycle) is { } refusal) return (null, Refused(refusal), null);
            if (await LinkProblemsAsync(uow, ideas, store, networkId, request.ChangeIdeaId, request.BuildsOnCycleId, id, ct) is { Count: > 0 } links)
                return (null, Invalid.Fields(links), null);
            return (cycle with
            {
                Title = request.Title!.Trim(), Objective = request.Objective!.Trim(), Questions = CleanQuestions(request.Questions!), Plan = CleanPlan(request.Plan!),
                ChangeIdeaId = request.ChangeIdeaId, BuildsOnCycleId = request.BuildsOnCycleId,
            }, null, null);
        }, ct);
    }

    private static Task<IResult> Start(Guid networkId, Guid id, StartRequest? request, ClaimsPrincipal user, Database db, Callers callers, CycleStore store,
        Outbox outbox, ParticipationStore steps, TimeProvider clock, CancellationToken ct) =>
        StepAsync(networkId, id, user, db, callers, store, outbox, steps, clock, (_, cycle) =>
        {
            var on = request?.On ?? clock.Today();
            if (PdsaRules.Start(cycle, on, clock.Today()) is { } refusal)
                return Task.FromResult<(PdsaCycle?, IResult?, Contracts.IIntegrationEvent?)>((null, Refused(refusal), null));
            var started = cycle with { Status = CycleStatus.Do, StartedOn = on };
            return Task.FromResult<(PdsaCycle?, IResult?, Contracts.IIntegrationEvent?)>((started, null, ImprovementEvents.Started(user.TenantId(), started, clock.GetUtcNow())));
        }, ct);

    private static Task<IResult> Observe(Guid networkId, Guid id, ObservationRequest request, ClaimsPrincipal user, Database db, Callers callers, CycleStore store,
        Outbox outbox, ParticipationStore steps, TimeProvider clock, CancellationToken ct)
    {
        if (request.On is null) return Task.FromResult<IResult>(Invalid.Field("on", "Date the observation (YYYY-MM-DD)."));
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Trim().Length > PdsaRules.MaxObservation)
            return Task.FromResult<IResult>(Invalid.Field("text", $"An observation is 1 to {PdsaRules.MaxObservation} characters."));
        return StepAsync(networkId, id, user, db, callers, store, outbox, steps, clock, (_, cycle) =>
        {
            if (PdsaRules.Observe(cycle, request.On.Value, clock.Today()) is { } refusal)
                return Task.FromResult<(PdsaCycle?, IResult?, Contracts.IIntegrationEvent?)>((null, Refused(refusal), null));
            var observed = cycle with { Observations = [.. cycle.Observations, new Observation(request.On.Value, request.Text.Trim(), clock.GetUtcNow())] };
            return Task.FromResult<(PdsaCycle?, IResult?, Contracts.IIntegrationEvent?)>((observed, null, null));
        }, ct);
    }

    private static Task<IResult> Study(Guid networkId, Guid id, StudyRequest request, ClaimsPrincipal user, Database db, Callers callers, CycleStore store,
        Outbox outbox, ParticipationStore steps, TimeProvider clock, CancellationToken ct)
    {
        if (request.Findings is null || request.Findings.Count is 0 or > PdsaRules.MaxQuestions)
            return Task.FromResult<IResult>(Invalid.Field("findings", "One finding for each of the cycle's questions."));
        for (var i = 0; i < request.Findings.Count; i++)
            if (request.Findings[i]?.MatchedPrediction is null)
                return Task.FromResult<IResult>(Invalid.Field($"findings[{i}].matchedPrediction", "Say whether the prediction matched: Yes, Partly or No."));
        var findings = request.Findings.Select(f => new Finding(f.QuestionIndex, f.WhatHappened?.Trim() ?? "", f.MatchedPrediction!.Value)).ToList();
        return StepAsync(networkId, id, user, db, callers, store, outbox, steps, clock, (_, cycle) =>
            Task.FromResult<(PdsaCycle?, IResult?, Contracts.IIntegrationEvent?)>(PdsaRules.Study(cycle, findings) is { } refusal
                ? (null, Refused(refusal), null)
                : (cycle with { Status = CycleStatus.Study, Findings = findings.OrderBy(f => f.QuestionIndex).ToList() }, null, null)), ct);
    }

    private static Task<IResult> Act(Guid networkId, Guid id, ActRequest request, ClaimsPrincipal user, Database db, Callers callers, CycleStore store,
        Outbox outbox, ParticipationStore steps, TimeProvider clock, CancellationToken ct)
    {
        if (request.Decision is null) return Task.FromResult<IResult>(Invalid.Field("decision", "Decide: Adopt, Adapt, Abandon or TestAgain."));
        return StepAsync(networkId, id, user, db, callers, store, outbox, steps, clock, (_, cycle) =>
        {
            var on = request.On ?? clock.Today();
            if (PdsaRules.Act(cycle, request.NextStep?.Trim(), on, clock.Today()) is { } refusal)
                return Task.FromResult<(PdsaCycle?, IResult?, Contracts.IIntegrationEvent?)>((null, Refused(refusal), null));
            var done = cycle with { Status = CycleStatus.Done, Decision = request.Decision, NextStep = Clean(request.NextStep), CompletedOn = on };
            return Task.FromResult<(PdsaCycle?, IResult?, Contracts.IIntegrationEvent?)>((done, null, ImprovementEvents.Completed(user.TenantId(), done, clock.GetUtcNow())));
        }, ct);
    }

    private static async Task<IResult> Comment(Guid networkId, Guid id, CommentRequest request, ClaimsPrincipal user, Database db, Callers callers, CycleStore store,
        TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Trim().Length > MaxComment) return Invalid.Field("text", $"A comment is 1 to {MaxComment} characters.");
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (!caller.IsHubTeam) return caller.IsOutsider ? Access.NotAMember() : Access.HubTeamOnly();
        if (await store.FindAsync(uow, networkId, id, false, ct) is null) return Access.NotFound("cycle");
        var comment = new CycleComment(Guid.CreateVersion7(), caller.Name, request.Text.Trim(), clock.GetUtcNow());
        await store.InsertCommentAsync(uow, id, comment, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/improvement/networks/{networkId}/cycles/{id}", comment);
    }

    private static async Task<IResult> Ramp(Guid networkId, Guid id, ClaimsPrincipal user, Database db, Callers callers, CycleStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        var links = await store.LinksAsync(uow, networkId, ct);
        if (!links.ContainsKey(id)) return Access.NotFound("cycle");
        var (before, after) = PdsaRules.Ramp(id, links);
        return TypedResults.Ok(new RampView(id, before, after));
    }
}
