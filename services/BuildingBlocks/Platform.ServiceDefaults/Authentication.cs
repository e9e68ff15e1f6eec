using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

/// <summary>Claim types the Identity service puts in access tokens.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string TenantId = "tenant_id";
    public const string TenantKind = "tenant_kind";
    public const string Role = "role";
}

public static class Roles
{
    public const string PlatformAdmin = "platform-admin";
    public const string Funder = "funder";
    public const string HubAdmin = "hub-admin";
    public const string HubStaff = "hub-staff";
    public const string Member = "member";

    public static readonly IReadOnlyList<string> All = [PlatformAdmin, Funder, HubAdmin, HubStaff, Member];
}

public static class Policies
{
    public const string PlatformAdmin = nameof(PlatformAdmin);
    public const string HubAdmin = nameof(HubAdmin);
    /// <summary>Anyone working in a hub tenant: hub admins and hub staff.</summary>
    public const string HubTeam = nameof(HubTeam);
    public const string Funder = nameof(Funder);
}

public static class AuthenticationExtensions
{
    /// <summary>
    /// Validates access tokens locally (signed JWTs from Identity) for this service's own audience
    /// (<c>Auth:Audience</c>, comma-separated for the gateway). Audience validation is never turned off.
    /// </summary>
    public static WebApplicationBuilder AddDefaultAuthentication(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var authority = config["Identity:Authority"] ?? throw new InvalidOperationException("Identity:Authority is not configured");
        var issuer = config["Identity:Issuer"] ?? authority;
        var audiences = (config["Auth:Audience"] ?? throw new InvalidOperationException("Auth:Audience is not configured"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                o.MapInboundClaims = false;
                o.TokenValidationParameters.ValidIssuer = issuer.EndsWith('/') ? issuer : issuer + "/";
                o.TokenValidationParameters.ValidAudiences = audiences;
                o.TokenValidationParameters.ValidateAudience = true;
                o.TokenValidationParameters.NameClaimType = PlatformClaims.Subject;
                o.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
            });

        builder.Services.AddPlatformAuthorization();
        return builder;
    }

    /// <summary>The platform's role policies, the same in every service.</summary>
    public static IServiceCollection AddPlatformAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.PlatformAdmin, p => p.RequireRole(Roles.PlatformAdmin))
            .AddPolicy(Policies.HubAdmin, p => p.RequireRole(Roles.HubAdmin).RequireClaim(PlatformClaims.TenantId))
            .AddPolicy(Policies.HubTeam, p => p.RequireRole(Roles.HubAdmin, Roles.HubStaff).RequireClaim(PlatformClaims.TenantId))
            .AddPolicy(Policies.Funder, p => p.RequireRole(Roles.Funder).RequireClaim(PlatformClaims.TenantId));
        return services;
    }
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's tenant, taken only from the validated token (never a header, route or body).</summary>
    public static Guid TenantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PlatformClaims.TenantId), out var id)
            ? id
            : throw new UnauthorizedAccessException("The token carries no tenant.");

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(PlatformClaims.Subject);
}
