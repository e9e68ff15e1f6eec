using Platform.Assessments.Application;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Assessments.Data;
using Platform.Assessments.Domain;
using Platform.Data;
using Platform.ServiceDefaults;

namespace Platform.Assessments.Apis;

public sealed record SelfAssessmentView(string RubricId, int RubricVersion, IReadOnlyList<RatingInput> Ratings, bool Complete, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// Leader-qualities self-assessment: private to the signed-in person (keyed by their login), read back only by them.
/// The hub admin sees a team mean per quality that moves in released steps of three or more completed self-assessments,
/// at most once a day, and only with three or more besides their own (LeaderQualities); no endpoint returns anyone else's
/// ratings, for any role.
/// </summary>
public static class SelfAssessmentApi
{
    public static RouteGroupBuilder MapSelfAssessmentApi(this RouteGroupBuilder api)
    {
        var self = api.MapGroup("/self").WithTags("Leader qualities (private)").RequireAuthorization(Policies.HubTeam);
        self.MapPost("/", Start).WithSummary("Start (or resume) the caller's own self-assessment on the latest Leader Qualities rubric");
        self.MapGet("/", Mine).WithSummary("The caller's own self-assessment").ProducesProblem(StatusCodes.Status404NotFound);
        self.MapPut("/", Save).WithSummary("Save some of the caller's own ratings").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        self.MapGet("/team", Team).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("The hub team's mean level per quality, in released steps (three or more new completions, at most once a day), only with three or more besides the reader");
        return api;
    }

    private static string UserId(ClaimsPrincipal user) => user.UserId() ?? throw new UnauthorizedAccessException("The token names no user.");

    private static SelfAssessmentView View(Rubric rubric, SelfAssessment s) =>
        new(s.RubricId, s.RubricVersion, s.Levels.Select(l => new RatingInput(l.Key, l.Value, s.Strategies.GetValueOrDefault(l.Key))).OrderBy(r => r.LookForId).ToList(),
            LeaderQualities.IsComplete(rubric, s.Levels), s.StartedAt, s.UpdatedAt);

    private static async Task<Ok<SelfAssessmentView>> Start(ClaimsPrincipal user, Database db, AssessmentStore store, RubricCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var rubric = catalog.Latest(RubricCatalog.LeaderQualities);
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var existing = await store.SelfAssessmentAsync(uow, UserId(user), rubric, forUpdate: true, ct);
        if (existing is null)
        {
            var now = clock.GetUtcNow();
            existing = new SelfAssessment(rubric.Id, rubric.Version, [], [], now, now);
            await store.SaveSelfAssessmentAsync(uow, UserId(user), existing, ct);
            await uow.CommitAsync(ct);
        }
        return TypedResults.Ok(View(rubric, existing));
    }

    private static async Task<Results<Ok<SelfAssessmentView>, NotFound>> Mine(ClaimsPrincipal user, Database db, AssessmentStore store, RubricCatalog catalog, CancellationToken ct)
    {
        var rubric = catalog.Latest(RubricCatalog.LeaderQualities);
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return await store.SelfAssessmentAsync(uow, UserId(user), rubric, false, ct) is { } s ? TypedResults.Ok(View(rubric, s)) : TypedResults.NotFound();
    }

    private static async Task<IResult> Save(RatingsRequest request, ClaimsPrincipal user, Database db, AssessmentStore store, RubricCatalog catalog,
        TimeProvider clock, CancellationToken ct)
    {
        if (request.Ratings is null || request.Ratings.Count > RatingRules.MaxRatingsPerSave)
            return Invalid.Request($"Send between 0 and {RatingRules.MaxRatingsPerSave} ratings.");
        var rubric = catalog.Latest(RubricCatalog.LeaderQualities);
        if (RatingRules.Problems(rubric, request.Ratings) is { Count: > 0 } problems)
            return RatingRules.Rejected(problems);
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await store.SelfAssessmentAsync(uow, UserId(user), rubric, forUpdate: true, ct) is not { } s)
            return TypedResults.Problem("Start your self-assessment first (POST /api/assessments/self).", statusCode: 404);
        foreach (var r in request.Ratings)
        {
            s.Levels[r.LookForId] = r.Level;
            if (RatingRules.CleanStrategy(r.Strategy) is { } strategy) s.Strategies[r.LookForId] = strategy;
            else s.Strategies.Remove(r.LookForId);
        }
        var saved = s with { UpdatedAt = clock.GetUtcNow() };
        await store.SaveSelfAssessmentAsync(uow, UserId(user), saved, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Ok(View(rubric, saved));
    }

    private static async Task<Ok<TeamQualities>> Team(ClaimsPrincipal user, Database db, AssessmentStore store, RubricCatalog catalog, TimeProvider clock,
        CancellationToken ct)
    {
        var rubric = catalog.Latest(RubricCatalog.LeaderQualities);
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var current = await store.TeamStepAsync(uow, rubric, ct);
        var step = LeaderQualities.Release(rubric, current, await store.AllSelfLevelsAsync(uow, rubric, ct), clock.GetUtcNow());
        if (step != current)
        {
            await store.SaveTeamStepAsync(uow, rubric, step!, ct);
            await uow.CommitAsync(ct);
        }
        return TypedResults.Ok(LeaderQualities.View(rubric, step, UserId(user)));
    }
}
