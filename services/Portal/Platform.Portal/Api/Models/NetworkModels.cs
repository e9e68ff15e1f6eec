namespace Platform.Portal.Api.Models;

// The parts of the Networks API's answers that the portal shows (enumerations travel as strings).

public sealed record NetworkSummary(Guid Id, string Name, string Aim, string GoalType, DateOnly LaunchDate, string Phase, string Status);

public sealed record NetworkDetails(
    Guid Id, string Name, string Aim, string GoalType, DateOnly LaunchDate, string Phase, string Status,
    int YearStartMonth, int YearStartDay, string DistrictScope, string? HubHostType, IReadOnlyList<string> FocusAreas, bool BenchmarkingConsent,
    string TimeZone = NetworkChoices.DefaultTimeZone)
{
    /// <summary>The network's year calendar: the platform's one definition of network years (Platform.HealthModel).</summary>
    public Platform.HealthModel.NetworkYearCalendar Calendar => new(YearStartMonth, YearStartDay);

    public int YearOf(DateOnly date) => Calendar.YearOf(date);

    /// <summary>The network years from launch to the one running on <paramref name="today"/>, latest first.</summary>
    public IEnumerable<int> YearsThrough(DateOnly today)
    {
        var current = YearOf(today);
        var first = Math.Min(YearOf(LaunchDate), current);
        return Enumerable.Range(first, current - first + 1).Reverse();
    }
}

public sealed record MemberOrganization(Guid Id, string Kind, string Name, string? District, DateOnly JoinedOn, DateOnly? LeftOn);

public sealed record ImprovementTeam(Guid Id, Guid OrganizationId, string Name);

/// <summary>A member of one network year: tenure counts the network years they were a member, up to that one.</summary>
public sealed record NetworkMember(Guid PersonId, string Email, string GivenName, string FamilyName, int Tenure, string Role, Guid? TeamId,
    IReadOnlyList<MembershipPeriod> Periods)
{
    public string Name => $"{GivenName} {FamilyName}";
}

public sealed record MembershipPeriod(Guid MembershipId, string Role, Guid? TeamId, DateOnly StartDate, DateOnly? EndDate, string? EndReason);

public sealed record NetworkInvitation(Guid Id, string Email, string Role, Guid? TeamId, DateTimeOffset ExpiresAt, bool Mailed, bool Accepted);

/// <summary>What a roster import did (POST .../roster answers it on success).</summary>
public sealed record RosterSummary(int Rows, int SchoolsCreated, int TeamsCreated, int PeopleCreated, int MembershipsCreated, int MembershipsUpdated, int Unchanged);

public sealed record FunderGrant(Guid FunderTenantId, string FunderName, DateTimeOffset GrantedAt);

public sealed record FunderOption(Guid Id, string Name);

public sealed record AuditEntry(Guid Id, string Actor, string Action, Guid? TargetId, string? Details, DateTimeOffset At);

/// <summary>The values the API accepts for a network's enumerations, as its docs list them.</summary>
public static class NetworkChoices
{
    public static readonly (string Value, string Label)[] GoalTypes =
        [("EarlyWarning", "Early warning"), ("PostSecondaryMatch", "Post-secondary match"), ("Instructional", "Instructional"), ("Other", "Other")];
    public static readonly (string Value, string Label)[] Phases =
        [("Initiate", "Initiate"), ("Develop", "Develop"), ("SustainSpreadScale", "Sustain, spread and scale")];
    public static readonly string[] Statuses = ["Active", "Closed"];

    /// <summary>Where a network without one is (Networks' default): US Eastern.</summary>
    public const string DefaultTimeZone = "America/New_York";

    /// <summary>The US zones schools keep, and UTC; the API takes any IANA id, and a network's own shows even if not listed.</summary>
    public static readonly (string Value, string Label)[] TimeZones =
    [
        ("America/New_York", "Eastern (New York)"), ("America/Chicago", "Central (Chicago)"), ("America/Denver", "Mountain (Denver)"),
        ("America/Phoenix", "Arizona (Phoenix)"), ("America/Los_Angeles", "Pacific (Los Angeles)"), ("America/Anchorage", "Alaska (Anchorage)"),
        ("Pacific/Honolulu", "Hawaii (Honolulu)"), ("America/Puerto_Rico", "Atlantic (Puerto Rico)"), ("UTC", "UTC"),
    ];

    /// <summary>The zones to offer with <paramref name="current"/> among them.</summary>
    public static (string Value, string Label)[] TimeZonesWith(string current) =>
        TimeZones.Any(z => z.Value == current) ? TimeZones : [.. TimeZones, (current, current)];
    public static readonly (string Value, string Label)[] DistrictScopes =
        [("None", "No member schools or districts yet"), ("Single", "Single district"), ("Multiple", "Multiple districts")];
    public static readonly (string Value, string Label)[] HostTypes =
        [("IHE", "Higher-education institution"), ("NGO", "Non-profit (NGO)"), ("District", "School district"), ("Other", "Other")];
    public static readonly (string Value, string Label)[] OrganizationKinds = [("School", "School"), ("District", "District")];
    public static readonly (string Value, string Label)[] MemberRoles =
        [("TeamMember", "Team member"), ("TeamLead", "Team lead"), ("DistrictLead", "District lead"), ("Other", "Other")];

    public static string Label(this IEnumerable<(string Value, string Label)> choices, string value) =>
        choices.FirstOrDefault(c => c.Value == value).Label ?? value;
}
