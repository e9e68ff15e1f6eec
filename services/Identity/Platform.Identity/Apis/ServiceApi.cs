using Platform.Identity.Application;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
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
        TenantsApi.UserResult(tenantId, await registration.CreateUserAsync(tenantId, request.Email, request.Password, Roles.Member, ct));
}
