using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Data;
using Platform.ServiceDefaults;

namespace Platform.Identity.Apis;

public sealed record MemberLoginRequest(
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Required, StringLength(128, MinimumLength = 10)] string Password);

/// <summary>
/// Calls from other services (client credentials), never routed by the gateway: Networks creates a member's login
/// when an invitation is accepted. The role is always member.
/// </summary>
public static class ServiceApi
{
    public const string NetworksServicePolicy = "NetworksService";

    public static IEndpointRouteBuilder MapServiceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/service/tenants/{tenantId:guid}/member-logins", CreateMemberLogin)
            .RequireAuthorization(NetworksServicePolicy).WithTags("Service")
            .WithSummary("Create a member login in a hub (networks-service only)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<UserCreated>, ValidationProblem, ProblemHttpResult>> CreateMemberLogin(
        Guid tenantId, MemberLoginRequest request, TenantRegistration registration, CancellationToken ct) =>
        await registration.CreateUserAsync(tenantId, request.Email, request.Password, Roles.Member, ct) switch
        {
            TenantRegistration.Outcome<PlatformUser>.Done(var u) =>
                TypedResults.Created($"/api/tenants/{tenantId}/users/{u.Id}", new UserCreated(u.Id, u.TenantId, u.Email!, u.Role)),
            TenantRegistration.Outcome<PlatformUser>.Invalid(var errors) => TypedResults.ValidationProblem(errors),
            TenantRegistration.Outcome<PlatformUser>.Conflict(var detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Problem("No such tenant.", statusCode: StatusCodes.Status404NotFound),
        };
}
