namespace Platform.Networks.Domain;

public enum MemberRole { TeamMember, TeamLead, DistrictLead, Other }

public enum OrganizationKind { School, District }

public enum DistrictScope { None, Single, Multiple }

/// <summary>A school (naming its district) or a district taking part in a network.</summary>
public sealed record MemberOrganization(Guid Id, Guid NetworkId, OrganizationKind Kind, string Name, string? District, DateOnly JoinedOn, DateOnly? LeftOn);

/// <summary>The improvement team inside one member school.</summary>
public sealed record ImprovementTeam(Guid Id, Guid NetworkId, Guid OrganizationId, string Name);

public sealed record Person(Guid Id, string Email, string GivenName, string FamilyName, string? PreferredLanguage = null)
{
    /// <summary>The languages a person may prefer: those the platform's surveys are offered in (null means English).</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "es"];

    /// <summary>An email names one person in a hub: the same email with another name is a conflict, not a second person.</summary>
    public bool HasName(string given, string family) =>
        string.Equals(GivenName, given.Trim(), StringComparison.OrdinalIgnoreCase) && string.Equals(FamilyName, family.Trim(), StringComparison.OrdinalIgnoreCase);

    public string NameConflict => $"{Email} is already {GivenName} {FamilyName} in this hub.";
}

public sealed record Membership(Guid Id, Guid NetworkId, Guid PersonId, MemberRole Role, Guid? TeamId, DateOnly StartDate, DateOnly? EndDate, string? EndReason);

public static class NetworkScope
{
    /// <summary>District scope, derived from the member schools' districts (and member districts).</summary>
    public static DistrictScope Of(IEnumerable<MemberOrganization> organizations)
    {
        var districts = organizations
            .Select(o => o.Kind == OrganizationKind.District ? o.Name : o.District)
            .Where(d => !string.IsNullOrWhiteSpace(d))
            .Select(d => d!.Trim().ToUpperInvariant())
            .Distinct()
            .Count();
        return districts switch { 0 => DistrictScope.None, 1 => DistrictScope.Single, _ => DistrictScope.Multiple };
    }
}

public static class MembershipRules
{
    /// <summary>Why a new period starting on <paramref name="start"/> cannot begin, given the person's periods in the network; null if it can.</summary>
    public static string? StartConflict(IEnumerable<Membership> periods, string email, DateOnly start)
    {
        var list = periods.ToList();
        if (list.Any(p => p.EndDate is null)) return $"{email} is already a member of this network.";
        if (list.Any(p => p.EndDate > start)) return "A new membership period cannot start before the person's previous one ended.";
        return null;
    }
}
