using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Networks.Data;
using Platform.Networks.Domain;
using Platform.ServiceDefaults;

namespace Platform.Networks.Apis;

public sealed record AddMemberRequest(
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Required, StringLength(100, MinimumLength = 1)] string GivenName,
    [property: Required, StringLength(100, MinimumLength = 1)] string FamilyName,
    MemberRole Role,
    DateOnly StartDate,
    Guid? TeamId = null);

public sealed record LeaveRequest(DateOnly Date, [property: StringLength(500)] string? Reason = null);

public sealed record MemberAdded(Guid PersonId, Guid MembershipId);

public sealed record PeriodView(Guid MembershipId, MemberRole Role, Guid? TeamId, DateOnly StartDate, DateOnly? EndDate, string? EndReason);

/// <summary>A member of one network year, with their tenure in it.</summary>
public sealed record MemberView(Guid PersonId, string Email, string GivenName, string FamilyName, int Tenure, MemberRole Role, Guid? TeamId,
    IReadOnlyList<PeriodView> Periods);

public static class MembersApi
{
    public static RouteGroupBuilder MapMembersApi(this RouteGroupBuilder network)
    {
        network.MapPost("/{id:guid}/members", AddMember).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Start a membership period (a new person, an existing one, or a rejoin)").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        network.MapPost("/{id:guid}/members/{personId:guid}/leave", Leave).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("End the person's current membership period").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        network.MapGet("/{id:guid}/members", ListMembers).WithSummary("Members of a network year (default: the current one) with their tenure")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    private static async Task<Results<Created<MemberAdded>, ValidationProblem, NotFound, ProblemHttpResult>> AddMember(
        Guid id, AddMemberRequest request, ClaimsPrincipal user, NetworkWrites writes, MembershipStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var w = await writes.BeginAsync(user, id, ct);
        if (w is null) return TypedResults.NotFound();

        if (request.TeamId is { } teamId && (await store.TeamsAsync(w.Uow, id, ct)).All(t => t.Id != teamId))
            return Invalid.Field("teamId", "No improvement team of this network has that id.");

        var (person, conflict) = await store.FindOrAddPersonAsync(w.Uow, request.Email, request.GivenName, request.FamilyName, ct);
        if (person is null) return TypedResults.Problem(conflict, statusCode: StatusCodes.Status409Conflict);

        var (membership, rejoin, startConflict) = await StartAsync(w, store, person, request.Role, request.TeamId, request.StartDate, clock, ct);
        if (membership is null) return TypedResults.Problem(startConflict, statusCode: StatusCodes.Status409Conflict);
        await w.CommitAsync(rejoin ? "member.rejoined" : "member.joined", person.Id, new { membership.Id, request.Role, request.StartDate }, true, ct);
        return TypedResults.Created($"/api/networks/{id}/members/{person.Id}", new MemberAdded(person.Id, membership.Id));
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound>> Leave(
        Guid id, Guid personId, LeaveRequest request, ClaimsPrincipal user, NetworkWrites writes, MembershipStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var w = await writes.BeginAsync(user, id, ct);
        if (w is null) return TypedResults.NotFound();
        var open = (await store.MembershipsOfAsync(w.Uow, id, personId, ct)).SingleOrDefault(p => p.EndDate is null);
        if (open is null) return TypedResults.NotFound();
        if (request.Date < open.StartDate) return Invalid.Field("date", $"The membership started on {open.StartDate:O}; it cannot end before that.");

        await store.EndMembershipAsync(w.Uow, open.Id, request.Date, request.Reason?.Trim() ?? "", ct);
        await w.Events.EnqueueAsync(w.Uow, new MemberLeft(w.Uow.TenantId!.Value, id, personId, open.Id, request.Date, clock.GetUtcNow()), ct);
        await w.CommitAsync("member.left", personId, new { open.Id, request.Date, request.Reason }, true, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<MemberView>>, NotFound>> ListMembers(
        Guid id, int? year, ClaimsPrincipal user, Database db, NetworkStore networks, MembershipStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await networks.FindAsync(uow, id, ct) is not { } network) return TypedResults.NotFound();
        var y = year ?? network.Calendar.YearOf(clock.Today());
        var rows = await store.MembersWithPeriodsAsync(uow, id, ct);
        var memberYears = MemberStability.MemberYears(rows.Select(r => new MembershipPeriod(r.Person.Id, r.Membership.StartDate, r.Membership.EndDate)), network.Calendar, y);

        var members = rows.GroupBy(r => r.Person.Id)
            .Where(g => memberYears.TryGetValue(g.Key, out var ys) && ys.Contains(y))
            .Select(g =>
            {
                var person = g.First().Person;
                var periods = g.Select(r => r.Membership).OrderBy(m => m.StartDate).ToList();
                var current = periods.Last(m => m.StartDate < network.Calendar.EndOf(y));
                return new MemberView(person.Id, person.Email, person.GivenName, person.FamilyName, MemberStability.Tenure(memberYears[g.Key], y),
                    current.Role, current.TeamId, periods.Select(m => new PeriodView(m.Id, m.Role, m.TeamId, m.StartDate, m.EndDate, m.EndReason)).ToList());
            })
            .ToList();
        return TypedResults.Ok<IReadOnlyList<MemberView>>(members);
    }

    /// <summary>
    /// Starts a membership period inside the caller's network write: the one path for a hub admin's add and an invitee's
    /// acceptance (the roster import matches periods in bulk). Null membership with the reason when it cannot start.
    /// </summary>
    internal static async Task<(Membership? Membership, bool Rejoin, string? Conflict)> StartAsync(NetworkWrite w, MembershipStore store, Person person,
        MemberRole role, Guid? teamId, DateOnly start, TimeProvider clock, CancellationToken ct)
    {
        var network = w.Network.Id;
        var periods = await store.MembershipsOfAsync(w.Uow, network, person.Id, ct);
        if (MembershipRules.StartConflict(periods, person.Email, start) is { } conflict) return (null, false, conflict);

        var organizationId = teamId is { } t ? (await store.TeamsAsync(w.Uow, network, ct)).Single(x => x.Id == t).OrganizationId : (Guid?)null;
        var membership = new Membership(Guid.CreateVersion7(), network, person.Id, role, teamId, start, null, null);
        await store.InsertMembershipAsync(w.Uow, membership, ct);
        await w.Events.EnqueueAsync(w.Uow, new MemberJoined(w.Uow.TenantId!.Value, network, person.Id, membership.Id, role.ToString(),
            teamId, organizationId, start, clock.GetUtcNow()), ct);
        return (membership, periods.Count > 0, null);
    }
}
