namespace Platform.Portal.Api.Models;

// The parts of the Identity API's platform-admin answers (api/tenants) that the portal shows.

public sealed record TenantSummary(Guid Id, string Name, string Kind, string? HostType, DateTimeOffset CreatedAt);

public sealed record TenantUserCreated(Guid Id, Guid TenantId, string Email, string Role);

public sealed record TenantUser(Guid Id, string Email, string Role, bool LockedOut);

/// <summary>The values the tenants API accepts, and the user roles it allows in each kind of tenant (TenantRules.AllowsRole).</summary>
public static class AdminChoices
{
    public static readonly (string Value, string Label)[] Kinds = [("Hub", "Hub"), ("Funder", "Funder")];

    public static readonly (string Value, string Label)[] Roles =
    [
        ("platform-admin", "Platform admin"), ("funder", "Funder viewer"),
        ("hub-admin", "Hub admin"), ("hub-staff", "Hub staff"), ("member", "Member"),
    ];

    public static IEnumerable<(string Value, string Label)> RolesFor(string kind) => Roles.Where(r => kind switch
    {
        "Platform" => r.Value == "platform-admin",
        "Funder" => r.Value == "funder",
        "Hub" => r.Value is "hub-admin" or "hub-staff" or "member",
        _ => false,
    });
}
