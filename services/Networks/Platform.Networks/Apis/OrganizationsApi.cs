using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Networks.Data;
using Platform.Networks.Domain;
using Platform.ServiceDefaults;

namespace Platform.Networks.Apis;

public sealed record AddOrganizationRequest(
    OrganizationKind Kind,
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    DateOnly JoinedOn,
    [property: StringLength(200)] string? District = null,
    DateOnly? LeftOn = null);

/// <summary>Edit a member organization, or end its participation with a leave date (its kind never changes).</summary>
public sealed record UpdateOrganizationRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    DateOnly JoinedOn,
    [property: StringLength(200)] string? District = null,
    DateOnly? LeftOn = null);

public sealed record AddTeamRequest(Guid OrganizationId, [property: Required, StringLength(200, MinimumLength = 1)] string Name);

/// <summary>Member schools and districts, and the improvement teams inside schools.</summary>
public static class OrganizationsApi
{
    public static RouteGroupBuilder MapOrganizationsApi(this RouteGroupBuilder network)
    {
        network.MapPost("/{id:guid}/organizations", AddOrganization).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Add a member school (naming its district) or district").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        network.MapPut("/{id:guid}/organizations/{organizationId:guid}", UpdateOrganization).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Edit a member organization, or end its participation (leftOn)").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        network.MapGet("/{id:guid}/organizations", ListOrganizations).WithSummary("The network's member organizations")
            .ProducesProblem(StatusCodes.Status404NotFound);
        network.MapPost("/{id:guid}/teams", AddTeam).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Add an improvement team to a member school").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        network.MapGet("/{id:guid}/teams", ListTeams).WithSummary("The network's improvement teams").ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    private static async Task<Results<Created<MemberOrganization>, ValidationProblem, NotFound, ProblemHttpResult>> AddOrganization(
        Guid id, AddOrganizationRequest request, ClaimsPrincipal user, NetworkWrites writes, MembershipStore store, CancellationToken ct)
    {
        var district = string.IsNullOrWhiteSpace(request.District) ? null : request.District.Trim();
        if (Check(request.Kind, district, request.JoinedOn, request.LeftOn) is { } invalid) return invalid;

        await using var w = await writes.BeginAsync(user, id, ct);
        if (w is null) return TypedResults.NotFound();
        var organization = new MemberOrganization(Guid.CreateVersion7(), id, request.Kind, request.Name.Trim(),
            request.Kind == OrganizationKind.District ? null : district, request.JoinedOn, request.LeftOn);
        try
        {
            await store.InsertOrganizationAsync(w.Uow, organization, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return TypedResults.Problem($"The network already has a {request.Kind.ToString().ToLowerInvariant()} named '{organization.Name}'.", statusCode: 409);
        }
        await w.PublishNetworkUpdatedAsync(ct); // district scope may have changed
        await w.CommitAsync("organization.added", organization.Id, new { organization.Kind, organization.Name, organization.District }, false, ct);
        return TypedResults.Created($"/api/networks/{id}/organizations/{organization.Id}", organization);
    }

    private static ValidationProblem? Check(OrganizationKind kind, string? district, DateOnly joinedOn, DateOnly? leftOn) =>
        kind == OrganizationKind.School && district is null ? Invalid.Field("district", "A school names its district.")
        : leftOn is { } left && left <= joinedOn ? Invalid.Field("leftOn", "An organization leaves after it joins.")
        : null;

    private static async Task<Results<Ok<MemberOrganization>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateOrganization(
        Guid id, Guid organizationId, UpdateOrganizationRequest request, ClaimsPrincipal user, NetworkWrites writes, MembershipStore store, CancellationToken ct)
    {
        await using var w = await writes.BeginAsync(user, id, ct);
        if (w is null) return TypedResults.NotFound();
        if ((await store.OrganizationsAsync(w.Uow, id, ct)).SingleOrDefault(o => o.Id == organizationId) is not { } existing) return TypedResults.NotFound();
        var district = string.IsNullOrWhiteSpace(request.District) ? null : request.District.Trim();
        if (Check(existing.Kind, district, request.JoinedOn, request.LeftOn) is { } invalid) return invalid;
        var updated = existing with
        {
            Name = request.Name.Trim(), District = existing.Kind == OrganizationKind.District ? null : district,
            JoinedOn = request.JoinedOn, LeftOn = request.LeftOn,
        };
        try
        {
            await store.UpdateOrganizationAsync(w.Uow, updated, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return TypedResults.Problem($"The network already has a {existing.Kind.ToString().ToLowerInvariant()} named '{updated.Name}'.", statusCode: 409);
        }
        await w.PublishNetworkUpdatedAsync(ct); // district scope may have changed
        await w.CommitAsync("organization.updated", organizationId, new { updated.Name, updated.District, updated.JoinedOn, updated.LeftOn }, false, ct);
        return TypedResults.Ok(updated);
    }

    private static async Task<Results<Ok<IReadOnlyList<MemberOrganization>>, NotFound>> ListOrganizations(
        Guid id, ClaimsPrincipal user, Database db, NetworkStore networks, MembershipStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await networks.FindAsync(uow, id, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await store.OrganizationsAsync(uow, id, ct));
    }

    private static async Task<Results<Created<ImprovementTeam>, ValidationProblem, NotFound, ProblemHttpResult>> AddTeam(
        Guid id, AddTeamRequest request, ClaimsPrincipal user, NetworkWrites writes, MembershipStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var w = await writes.BeginAsync(user, id, ct);
        if (w is null) return TypedResults.NotFound();
        var school = (await store.OrganizationsAsync(w.Uow, id, ct)).SingleOrDefault(o => o.Id == request.OrganizationId);
        if (school is null) return Invalid.Field("organizationId", "No member organization of this network has that id.");
        if (school.Kind != OrganizationKind.School) return Invalid.Field("organizationId", "Improvement teams belong to a member school, not a district.");

        var team = new ImprovementTeam(Guid.CreateVersion7(), id, school.Id, request.Name.Trim());
        var formedAt = clock.GetUtcNow();
        try
        {
            await store.InsertTeamAsync(w.Uow, team, formedAt, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return TypedResults.Problem($"{school.Name} already has a team named '{team.Name}'.", statusCode: 409);
        }
        await w.Events.EnqueueAsync(w.Uow, new ImprovementTeamFormed(w.Uow.TenantId!.Value, id, team.Id, team.Name, school.Id, school.Name, formedAt), ct);
        await w.CommitAsync("team.added", team.Id, new { team.Name, team.OrganizationId }, false, ct);
        return TypedResults.Created($"/api/networks/{id}/teams/{team.Id}", team);
    }

    private static async Task<Results<Ok<IReadOnlyList<ImprovementTeam>>, NotFound>> ListTeams(
        Guid id, ClaimsPrincipal user, Database db, NetworkStore networks, MembershipStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await networks.FindAsync(uow, id, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await store.TeamsAsync(uow, id, ct));
    }

}
