using Platform.Identity.Application;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Identity.Data;
using Platform.Identity.Domain;
using Platform.ServiceDefaults;

namespace Platform.Identity.Apis;

public sealed record CreateTenantRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    TenantKind Kind,
    HostType? HostType = null);

public sealed record CreateUserRequest(
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Required, StringLength(128, MinimumLength = 10)] string Password,
    [property: Required, AllowedValues("platform-admin", "funder", "hub-admin", "hub-staff", "member")] string Role);

public sealed record UserCreated(Guid Id, Guid TenantId, string Email, string Role);

/// <summary>A login of a tenant as the platform admin sees it: never a password hash or a security stamp.</summary>
public sealed record TenantUser(Guid Id, string Email, string Role, bool LockedOut);

/// <summary>Platform administration: tenants and their users.</summary>
public static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenants").WithTags("Tenants").RequireAuthorization(Policies.PlatformAdmin);
        api.MapPost("/", CreateTenant).WithSummary("Create a hub, funder or platform tenant")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListTenants).WithSummary("All tenants");
        api.MapGet("/{id:guid}/users", ListUsers).WithSummary("A tenant's users (email, role, whether locked out)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/users", CreateUser).WithSummary("Create a user in a tenant")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<Tenant>, ValidationProblem, ProblemHttpResult>> CreateTenant(
        CreateTenantRequest request, TenantRegistration registration, CancellationToken ct) =>
        await registration.CreateTenantAsync(request.Name, request.Kind, request.HostType, ct) switch
        {
            TenantRegistration.Outcome<Tenant>.Done(var t) => TypedResults.Created($"/api/tenants/{t.Id}", t),
            TenantRegistration.Outcome<Tenant>.Invalid(var errors) => Invalid.Fields(errors),
            TenantRegistration.Outcome<Tenant>.Conflict(var detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound),
        };

    private static async Task<Ok<IReadOnlyList<Tenant>>> ListTenants(Database db, TenantStore tenants, CancellationToken ct)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        return TypedResults.Ok(await tenants.ListAsync(uow, ct));
    }

    private static async Task<Results<Ok<List<TenantUser>>, NotFound>> ListUsers(
        Guid id, Database db, TenantStore tenants, UserManager<PlatformUser> users, TimeProvider clock, CancellationToken ct)
    {
        await using (var uow = await db.BeginSystemAsync(ct))
            if (await tenants.FindAsync(uow, id, ct) is null) return TypedResults.NotFound();
        var now = clock.GetUtcNow();
        return TypedResults.Ok(await users.Users.Where(u => u.TenantId == id).OrderBy(u => u.Email)
            .Select(u => new TenantUser(u.Id, u.Email!, u.Role, u.LockoutEnd != null && u.LockoutEnd > now)).ToListAsync(ct));
    }

    private static async Task<Results<Created<UserCreated>, ValidationProblem, ProblemHttpResult>> CreateUser(
        Guid id, CreateUserRequest request, TenantRegistration registration, CancellationToken ct) =>
        UserResult(id, await registration.CreateUserAsync(id, request.Email, request.Password, request.Role, ct));

    /// <summary>The HTTP answer to a user-creation outcome, shared by the admin and the service endpoints.</summary>
    internal static Results<Created<UserCreated>, ValidationProblem, ProblemHttpResult> UserResult(Guid tenantId, TenantRegistration.Outcome<PlatformUser> outcome) =>
        outcome switch
        {
            TenantRegistration.Outcome<PlatformUser>.Done(var u) =>
                TypedResults.Created($"/api/tenants/{tenantId}/users/{u.Id}", new UserCreated(u.Id, u.TenantId, u.Email!, u.Role)),
            TenantRegistration.Outcome<PlatformUser>.Invalid(var errors) => Invalid.Fields(errors),
            TenantRegistration.Outcome<PlatformUser>.Conflict(var detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Problem("No such tenant.", statusCode: StatusCodes.Status404NotFound),
        };
}
