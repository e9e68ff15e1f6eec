namespace Platform.Networks.Domain;

/// <summary>What the network is working toward (domain.md section 1).</summary>
public enum GoalType { EarlyWarning, PostSecondaryMatch, Instructional, Other }

public enum NetworkPhase { Initiate, Develop, SustainSpreadScale }

public enum NetworkStatus { Active, Closed }

/// <summary>An improvement network led by one hub (the tenant).</summary>
public sealed record Network(
    Guid Id,
    string Name,
    string Aim,
    GoalType GoalType,
    DateOnly LaunchDate,
    NetworkPhase Phase,
    NetworkStatus Status,
    DateTimeOffset CreatedAt,
    int YearStartMonth = 8,
    int YearStartDay = 1,
    HubStabilityClass? HubStabilityOverride = null,
    string? HubStabilityOverrideReason = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public NetworkYearCalendar Calendar => new(YearStartMonth, YearStartDay);
}
