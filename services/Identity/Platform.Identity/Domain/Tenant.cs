namespace Platform.Identity.Domain;

public enum TenantKind { Platform, Hub, Funder }

/// <summary>What kind of organization hosts a hub (domain.md section 1).</summary>
public enum HostType { IHE, NGO, District, Other }

public sealed record Tenant(Guid Id, string Name, TenantKind Kind, HostType? HostType, DateTimeOffset CreatedAt)
{
    /// <summary>The claim value carried in tokens: hub | funder | platform.</summary>
    public string KindClaim => Kind.ToString().ToLowerInvariant();
}

public static class TenantRules
{
    /// <summary>Which user roles a tenant of each kind may hold.</summary>
    public static bool AllowsRole(TenantKind kind, string role) => kind switch
    {
        TenantKind.Platform => role == "platform-admin",
        TenantKind.Funder => role == "funder",
        TenantKind.Hub => role is "hub-admin" or "hub-staff" or "member",
        _ => false,
    };

    /// <summary>Host type describes hubs only.</summary>
    public static string? HostTypeError(TenantKind kind, HostType? hostType) =>
        kind == TenantKind.Hub
            ? hostType is null ? "A hub needs a host type (IHE, NGO, District, Other)." : null
            : hostType is null ? null : "Only hubs have a host type.";

    /// <summary>
    /// API scopes (and so audiences) a role's token is issued for. Every role may call every API;
    /// each endpoint's role policy decides, so a signed-in user without the role gets 403, not 401.
    /// </summary>
    public static IReadOnlyList<string> ScopesFor(string role) => ApiScopes.All;
}

public static class ApiScopes
{
    public const string Identity = "identity";
    public const string Networks = "networks";
    public const string Surveys = "surveys";
    public const string Assessments = "assessments";
    public const string Improvement = "improvement";
    public const string Reporting = "reporting";

    public static readonly IReadOnlyList<string> All = [Identity, Networks, Surveys, Assessments, Improvement, Reporting];

    public static string Audience(string scope) => scope + "-api";
}
