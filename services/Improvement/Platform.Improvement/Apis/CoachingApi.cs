using System.Security.Claims;
using Platform.Data;
using Platform.Improvement.Application;
using Platform.Improvement.Data;
using Platform.Improvement.IntegrationEvents;
using Platform.Messaging;
using Platform.ServiceDefaults;

namespace Platform.Improvement.Apis;

// Every field optional to the binder, so a missing one is answered by its name.
public sealed record TouchpointRequest(Guid? TeamId = null, DateOnly? On = null, string? Focus = null, string? Agreed = null, string? NextStep = null);

/// <summary>
/// Coaching touchpoints: a coach's meeting with an improvement team (date, focus, what was agreed, the next step). Hub
/// admins and the hub staff who hold a current ImprovementCoach seat in the network log them; the hub team reads every
/// team's, a member only their own teams'.
/// </summary>
public static class CoachingApi
{
    public const string CoachSeat = "ImprovementCoach";
    public const int MaxFocus = 500, MaxAgreed = 2000, MaxNextStep = 2000;

    public static RouteGroupBuilder MapCoachingApi(this RouteGroupBuilder network)
    {
        var coaching = network.MapGroup("/coaching").WithTags("Coaching");
        coaching.MapPost("/", Log).WithSummary("Log a touchpoint with a team (hub admins, and hub staff with a current Improvement coach seat)")
            .Produces<Touchpoint>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        coaching.MapGet("/", List).WithSummary("Touchpoints newest first, by team and dates (?teamId=&from=&to=); a member sees their own teams' only")
            .Produces<IReadOnlyList<Touchpoint>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    private static Dictionary<string, string[]> Problems(TouchpointRequest r, DateOnly today)
    {
        var problems = new Dictionary<string, string[]>();
        if (r.TeamId is null) problems["teamId"] = ["Name the improvement team coached."];
        if (r.On is null) problems["on"] = ["Give the date of the touchpoint (YYYY-MM-DD)."];
        else if (r.On > today) problems["on"] = ["A touchpoint is logged once it has happened: the date is in the future."];
        if (string.IsNullOrWhiteSpace(r.Focus) || r.Focus.Trim().Length > MaxFocus) problems["focus"] = [$"Say what the touchpoint was about, in 1 to {MaxFocus} characters."];
        if (r.Agreed is { Length: > MaxAgreed }) problems["agreed"] = [$"At most {MaxAgreed} characters."];
        if (r.NextStep is { Length: > MaxNextStep }) problems["nextStep"] = [$"At most {MaxNextStep} characters."];
        return problems;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<IResult> Log(Guid networkId, TouchpointRequest request, ClaimsPrincipal user, Database db, Callers callers, CoachingStore store,
        RosterStore roster, Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        if (Problems(request, clock.Today()) is { Count: > 0 } problems) return Invalid.Fields(problems);
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (!caller.IsHubTeam) return caller.IsOutsider ? Access.NotAMember() : Access.CoachesOnly();
        if (!caller.IsHubAdmin && !await callers.HoldsSeatAsync(user, uow, networkId, CoachSeat, ct)) return Access.NoCoachSeat();
        if (await roster.TeamAsync(uow, networkId, request.TeamId!.Value, ct) is not { } team)
            return Invalid.Field("teamId", "The network has no improvement team with this id.");
        var touchpoint = new Touchpoint(Guid.CreateVersion7(), networkId, team.TeamId, team.Name, request.On!.Value, request.Focus!.Trim(), Clean(request.Agreed),
            Clean(request.NextStep), caller.Name, clock.GetUtcNow());
        await store.InsertAsync(uow, touchpoint, ct);
        await outbox.EnqueueAsync(uow, ImprovementEvents.TouchpointLogged(user.TenantId(), touchpoint), ct);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/improvement/networks/{networkId}/coaching/{touchpoint.Id}", touchpoint);
    }

    private static async Task<IResult> List(Guid networkId, Guid? teamId, DateOnly? from, DateOnly? to, ClaimsPrincipal user, Database db, Callers callers,
        CoachingStore store, CancellationToken ct)
    {
        if (from > to) return Invalid.Field("to", "The end of the range is before its start.");
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        // What a coach and a team said to each other is the team's and the hub's: a member sees their own teams' only.
        return TypedResults.Ok(await store.ListAsync(uow, networkId, teamId, from ?? DateOnly.MinValue, to ?? DateOnly.MaxValue,
            caller.IsHubTeam ? null : caller.Teams, ct));
    }
}
