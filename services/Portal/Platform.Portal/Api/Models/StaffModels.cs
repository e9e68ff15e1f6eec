namespace Platform.Portal.Api.Models;

// Hub staff and stability, as the Networks API answers them (enumerations travel as strings; the hub-stability classes'
// labels are Platform.HealthModel.HubStabilityLabels).

public sealed record HubStaffAssignment(Guid AssignmentId, string Email, string GivenName, string FamilyName, string HubRole, bool Core,
    DateOnly StartDate, DateOnly? EndDate, string? EndReason)
{
    public string Name => $"{GivenName} {FamilyName}";
}

/// <summary>The structural figures of one network year; the hub stability override is the network's, the same in every year.</summary>
public sealed record NetworkStability(int Year, int Members, int Joiners, int Leavers, decimal? MemberStabilityPct, decimal? AverageTenureYears,
    HubStabilityFigure HubStability);

public sealed record HubStabilityFigure(string Computed, string? Override, string? Reason)
{
    public string Shown => Override ?? Computed;
}

public static class StaffChoices
{
    public static readonly (string Value, string Label)[] HubRoles =
    [
        ("HubLead", "Hub lead"), ("ImprovementLead", "Improvement lead"), ("ImprovementCoach", "Improvement coach"),
        ("DataLead", "Data lead"), ("Operations", "Operations"), ("Other", "Other"),
    ];
    public static readonly (string Value, string Label)[] EndReasons =
        [("Departure", "Departure (left the hub)"), ("RoleChange", "Role change"), ("Planned", "Planned end")];
}
