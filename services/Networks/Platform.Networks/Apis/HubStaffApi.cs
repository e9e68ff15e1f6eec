using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Networks.Data;
using Platform.Networks.Domain;
using Platform.ServiceDefaults;

namespace Platform.Networks.Apis;

public sealed record AssignHubStaffRequest(
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Required, StringLength(100, MinimumLength = 1)] string GivenName,
    [property: Required, StringLength(100, MinimumLength = 1)] string FamilyName,
    HubRole HubRole,
    bool Core,
    DateOnly StartDate);

public sealed record EndAssignmentRequest(DateOnly Date, AssignmentEndReason Reason);

public sealed record HubStaffView(Guid AssignmentId, Guid PersonId, string Email, string GivenName, string FamilyName, HubRole HubRole, bool Core,
    DateOnly StartDate, DateOnly? EndDate, AssignmentEndReason? EndReason);

public static class HubStaffApi
{
    public static RouteGroupBuilder MapHubStaffApi(this RouteGroupBuilder network)
    {
        network.MapPost("/{id:guid}/hub-staff", Assign).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Give a person a seat on the hub team").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        network.MapPost("/{id:guid}/hub-staff/{assignmentId:guid}/end", End).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("End a hub-staff assignment: departure, role change or planned").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        network.MapGet("/{id:guid}/hub-staff", List).WithSummary("Every hub-staff assignment, past and present").ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    private static async Task<Results<Created<HubStaffView>, ValidationProblem, NotFound, ProblemHttpResult>> Assign(
        Guid id, AssignHubStaffRequest request, ClaimsPrincipal user, NetworkWrites writes, MembershipStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var w = await writes.BeginAsync(user, id, ct);
        if (w is null) return TypedResults.NotFound();
        var (person, conflict) = await store.FindOrAddPersonAsync(w.Uow, request.Email, request.GivenName, request.FamilyName, ct);
        if (person is null) return TypedResults.Problem(conflict, statusCode: StatusCodes.Status409Conflict);
        if ((await store.AssignmentsAsync(w.Uow, id, ct)).Any(a => a.PersonId == person.Id && a.Role == request.HubRole && a.End is null))
            return TypedResults.Problem($"{person.Email} already holds the {request.HubRole} seat.", statusCode: 409);

        var assignment = new HubStaffAssignment(Guid.CreateVersion7(), person.Id, request.HubRole, request.Core, request.StartDate, null, null);
        await store.InsertAssignmentAsync(w.Uow, id, assignment, ct);
        await w.Events.EnqueueAsync(w.Uow, new HubStaffAssigned(w.Uow.TenantId!.Value, id, person.Id, assignment.Id, request.HubRole.ToString(),
            request.Core, request.StartDate, clock.GetUtcNow()), ct);
        await w.CommitAsync("hubstaff.assigned", assignment.Id, new { person.Id, request.HubRole, request.Core, request.StartDate }, true, ct);
        return TypedResults.Created($"/api/networks/{id}/hub-staff/{assignment.Id}", View(assignment, person));
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> End(
        Guid id, Guid assignmentId, EndAssignmentRequest request, ClaimsPrincipal user, NetworkWrites writes, MembershipStore store,
        TimeProvider clock, CancellationToken ct)
    {
        await using var w = await writes.BeginAsync(user, id, ct);
        if (w is null) return TypedResults.NotFound();
        var assignment = (await store.AssignmentsAsync(w.Uow, id, ct)).SingleOrDefault(a => a.Id == assignmentId);
        if (assignment is null) return TypedResults.NotFound();
        if (assignment.End is not null) return TypedResults.Problem("The assignment has already ended.", statusCode: 409);
        if (request.Date < assignment.Start) return Invalid.Field("date", $"The assignment started on {assignment.Start:O}; it cannot end before that.");

        await store.EndAssignmentAsync(w.Uow, assignmentId, request.Date, request.Reason, ct);
        await w.Events.EnqueueAsync(w.Uow, new HubStaffDeparted(w.Uow.TenantId!.Value, id, assignment.PersonId, assignmentId, request.Date,
            request.Reason.ToString(), clock.GetUtcNow()), ct);
        await w.CommitAsync("hubstaff.ended", assignmentId, new { request.Date, request.Reason }, true, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<HubStaffView>>, NotFound>> List(
        Guid id, ClaimsPrincipal user, Database db, NetworkStore networks, MembershipStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await networks.FindAsync(uow, id, ct) is null) return TypedResults.NotFound();
        var views = new List<HubStaffView>();
        foreach (var a in await store.AssignmentsAsync(uow, id, ct))
            views.Add(View(a, (await store.FindPersonAsync(uow, a.PersonId, ct))!));
        return TypedResults.Ok<IReadOnlyList<HubStaffView>>(views);
    }

    private static HubStaffView View(HubStaffAssignment a, Person p) =>
        new(a.Id, p.Id, p.Email, p.GivenName, p.FamilyName, a.Role, a.Core, a.Start, a.End, a.EndReason);
}
