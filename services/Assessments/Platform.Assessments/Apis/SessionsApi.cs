using Platform.Assessments.Application;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Platform.Assessments.Data;
using Platform.Assessments.Domain;
using Platform.Assessments.IntegrationEvents;
using Platform.Contracts.Assessments;
using Platform.Data;
using Platform.HealthModel;
using Platform.Messaging;
using Platform.Messaging.ReadModels;
using Platform.ServiceDefaults;

namespace Platform.Assessments.Apis;

public sealed record CreateSessionRequest(
    Guid NetworkId,
    [property: Required, StringLength(80, MinimumLength = 1)] string RubricId,
    [property: Range(1, 1000)] int Version,
    [property: Required, StringLength(200, MinimumLength = 1)] string Title,
    DateOnly ClosesOn,
    Attribution Attribution = Attribution.Attributed,
    DateOnly? HeldOn = null);

public sealed record CloseSessionRequest([property: StringLength(4000)] string? Reflection);

public sealed record RaterPreview(int Raters);

public sealed record SessionView(RubricSession Session, IReadOnlyList<string> Raters);

public sealed record NextStepRequest(
    [property: Required, StringLength(1000, MinimumLength = 1)] string Action,
    [property: Required, StringLength(200, MinimumLength = 1)] string Owner,
    DateOnly DueOn,
    [property: StringLength(20)] string? AreaId);

/// <summary>
/// Hub-leadership rubric sessions: the hub team rates its own practice together, sees where it agrees and disagrees,
/// plans next steps, and closes the session. Funders have no access; other hubs see nothing (404).
/// </summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Rubric sessions").RequireAuthorization(Policies.HubTeam);
        sessions.MapPost("/", Create).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Open a rubric session for a network; its current hub staff are invited as raters")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapGet("/", List).WithSummary("The hub's rubric sessions, optionally of one network");
        sessions.MapGet("/raters", Raters).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("How many raters a session for this network would invite now (its current hub staff, as known here)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapGet("/{id:guid}/my-ratings", MyRatings).WithSummary("The caller's own ratings in this session")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapPut("/{id:guid}/my-ratings", Rate).WithSummary("Save some of the caller's ratings (partial and repeatable until the session closes)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapGet("/{id:guid}/summary", Summary).WithSummary("Distribution, median and discuss flag per look-for; means per practice and area; areas weakest first; participation")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapPost("/{id:guid}/next-steps", AddNextStep).WithSummary("Plan a next step").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapGet("/{id:guid}/next-steps", NextSteps).ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapPost("/{id:guid}/next-steps/{stepId:guid}/complete", CompleteNextStep).ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapPost("/{id:guid}/close", Close).RequireAuthorization(Policies.HubAdmin).WithSummary("Freeze the session and share its area profile with Reporting")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }


    private static async Task<IResult> Create(CreateSessionRequest request, ClaimsPrincipal user, Database db, AssessmentStore store, HubStaffSeatsStore seats, NetworkFactsStore networks,
        RubricCatalog catalog, PeopleDirectory people, TimeProvider clock, CancellationToken ct)
    {
        if (catalog.Find(request.RubricId, request.Version) is not { Id: RubricCatalog.HubLeadershipPractice })
            return Invalid.Field("rubricId", "Sessions use a version of the hub-leadership-practice rubric.");
        if (request.ClosesOn < clock.Today())
            return Invalid.Field("closesOn", "The session cannot close in the past.");
        var heldOn = request.HeldOn ?? clock.Today();
        if (heldOn > request.ClosesOn || heldOn < clock.Today().AddYears(-5))
            return Invalid.Field("heldOn", "The session is held on or before it closes, and within the last five years.");
        var tenant = user.TenantId();
        await using var uow = await db.BeginAsync(tenant, ct);
        if (await networks.NetworkAsync(uow, request.NetworkId, ct) is null)
            return TypedResults.Problem("No network of your hub has that id.", statusCode: StatusCodes.Status404NotFound);
        var staff = (await seats.CurrentSeatsAsync(uow, request.NetworkId, clock.Today(), ct)).Select(s => s.PersonId).Distinct().ToList();
        if (staff.Count == 0) return TypedResults.Problem("The network has no hub staff to rate yet.", statusCode: StatusCodes.Status409Conflict);
        var raters = (await people.ContactsAsync(tenant, staff, ct)).Select(c => new Rater(c.PersonId, c.Email, c.GivenName)).ToList();
        var session = new RubricSession(Guid.CreateVersion7(), request.NetworkId, request.RubricId, request.Version, request.Title.Trim(), heldOn, request.ClosesOn,
            request.Attribution, SessionStatus.Open, clock.GetUtcNow(), null);
        await store.InsertSessionAsync(uow, session, raters, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/assessments/sessions/{session.Id}", new SessionView(session, raters.Select(r => r.Name).ToList()));
    }

    private static async Task<IResult> Raters(Guid networkId, ClaimsPrincipal user, Database db, HubStaffSeatsStore seats, NetworkFactsStore networks, TimeProvider clock, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await networks.NetworkAsync(uow, networkId, ct) is null) return TypedResults.Problem("No network of your hub has that id.", statusCode: 404);
        return TypedResults.Ok(new RaterPreview((await seats.CurrentSeatsAsync(uow, networkId, clock.Today(), ct)).Select(s => s.PersonId).Distinct().Count()));
    }

    private static async Task<Ok<IReadOnlyList<RubricSession>>> List(Guid? networkId, ClaimsPrincipal user, Database db, AssessmentStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return TypedResults.Ok(await store.SessionsAsync(uow, networkId, ct));
    }

    private static async Task<Results<Ok<SessionView>, NotFound>> Get(Guid id, ClaimsPrincipal user, Database db, AssessmentStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.SessionAsync(uow, id, false, ct) is not { } session) return TypedResults.NotFound();
        return TypedResults.Ok(new SessionView(session, (await store.RatersAsync(uow, id, ct)).Select(r => r.Name).ToList()));
    }

    /// <summary>The signed-in caller's seat among the session's raters, recognised by the email on their token.</summary>
    private static Rater? CallerAmong(IReadOnlyList<Rater> raters, ClaimsPrincipal user) =>
        user.FindFirst("email")?.Value is { } email ? raters.FirstOrDefault(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase)) : null;

    private static IResult NotARater() => TypedResults.Problem("You are not one of this session's raters (the hub staff invited when it opened).", statusCode: 403);

    private static async Task<IResult> MyRatings(Guid id, ClaimsPrincipal user, Database db, AssessmentStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.SessionAsync(uow, id, false, ct) is null) return TypedResults.NotFound();
        if (CallerAmong(await store.RatersAsync(uow, id, ct), user) is not { } rater) return NotARater();
        return TypedResults.Ok((await store.RatingsAsync(uow, id, rater.PersonId, ct)).Select(r => new RatingInput(r.LookForId, r.Level, r.Strategy)).ToList());
    }

    private static async Task<IResult> Rate(Guid id, RatingsRequest request, ClaimsPrincipal user, Database db, AssessmentStore store, RubricCatalog catalog,
        TimeProvider clock, CancellationToken ct)
    {
        if (request.Ratings is null || request.Ratings.Count > RatingRules.MaxRatingsPerSave)
            return Invalid.Request($"Send between 0 and {RatingRules.MaxRatingsPerSave} ratings.");
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        // Locked, so a rating never lands after a concurrent close has summarized the session.
        if (await store.SessionAsync(uow, id, forUpdate: true, ct) is not { } session) return TypedResults.NotFound();
        if (CallerAmong(await store.RatersAsync(uow, id, ct), user) is not { } rater) return NotARater();
        if (!session.AcceptsRatings(clock.Today())) return TypedResults.Problem("This session is closed; its ratings can no longer change.", statusCode: 409);
        var rubric = catalog.Find(session.RubricId, session.RubricVersion)!;
        if (RatingRules.Problems(rubric, request.Ratings) is { Count: > 0 } problems)
            return RatingRules.Rejected(problems);
        await store.SaveRatingsAsync(uow, id, rater.PersonId,
            request.Ratings.Select(r => new RubricRating(rater.PersonId, r.LookForId, r.Level, RatingRules.CleanStrategy(r.Strategy))).ToList(), clock.GetUtcNow(), ct);
        await uow.CommitAsync(ct);
        return TypedResults.Ok(new { saved = request.Ratings.Count });
    }

    private static async Task<Results<Ok<SessionSummary>, NotFound>> Summary(Guid id, ClaimsPrincipal user, Database db, AssessmentStore store, RubricCatalog catalog, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.SessionAsync(uow, id, false, ct) is not { } session) return TypedResults.NotFound();
        return TypedResults.Ok((await SessionSummaries.SummarizeAsync(uow, store, catalog, session, ct))!);
    }

    private static async Task<IResult> AddNextStep(Guid id, NextStepRequest request, ClaimsPrincipal user, Database db, AssessmentStore store, RubricCatalog catalog,
        TimeProvider clock, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.SessionAsync(uow, id, false, ct) is not { } session) return TypedResults.NotFound();
        if (session.Status == SessionStatus.Closed) return TypedResults.Problem("This session is closed.", statusCode: 409);
        if (request.AreaId is not null && catalog.Find(session.RubricId, session.RubricVersion)!.Areas.All(a => a.Id != request.AreaId))
            return Invalid.Field("areaId", "This rubric has no such area.");
        var step = new NextStep(Guid.CreateVersion7(), request.Action.Trim(), request.Owner.Trim(), request.DueOn, request.AreaId, clock.GetUtcNow(), null);
        await store.InsertNextStepAsync(uow, id, step, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/assessments/sessions/{id}/next-steps/{step.Id}", step);
    }

    private static async Task<Results<Ok<IReadOnlyList<NextStep>>, NotFound>> NextSteps(Guid id, ClaimsPrincipal user, Database db, AssessmentStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.SessionAsync(uow, id, false, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await store.NextStepsAsync(uow, id, ct));
    }

    private static async Task<Results<NoContent, NotFound>> CompleteNextStep(Guid id, Guid stepId, ClaimsPrincipal user, Database db, AssessmentStore store,
        TimeProvider clock, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (!await store.CompleteNextStepAsync(uow, id, stepId, clock.GetUtcNow(), ct)) return TypedResults.NotFound();
        await uow.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Close(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CloseSessionRequest? request, ClaimsPrincipal user, Database db, AssessmentStore store, NetworkFactsStore networks, RubricCatalog catalog, Outbox outbox,
        TimeProvider clock, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.SessionAsync(uow, id, forUpdate: true, ct) is not { } session) return TypedResults.NotFound();
        if (session.Status == SessionStatus.Closed) return TypedResults.Problem("This session is already closed.", statusCode: 409);
        var now = clock.GetUtcNow();
        var reflection = string.IsNullOrWhiteSpace(request?.Reflection) ? null : request.Reflection.Trim();
        await store.CloseSessionAsync(uow, id, now, reflection, ct);
        await outbox.EnqueueAsync(uow, await SessionEvents.ClosedAsync(uow, store, networks, catalog, user.TenantId(), session, now, ct), ct);
        await uow.CommitAsync(ct);
        return TypedResults.Ok(session with { Status = SessionStatus.Closed, ClosedAt = now, Reflection = reflection });
    }
}
