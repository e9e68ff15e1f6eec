namespace Platform.Networks.Domain;

/// <summary>What the network is working toward (domain.md section 1).</summary>
public enum GoalType { EarlyWarning, PostSecondaryMatch, Instructional, Other }

public enum NetworkPhase { Initiate, Develop, SustainSpreadScale }

public enum NetworkStatus { Active, Closed }

/// <summary>
/// An improvement network led by one hub (the tenant). Focus areas are the strands of work under the aim;
/// benchmarking consent lets the hub's feedback report compare the network with the portfolio median.
/// </summary>
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
    string? HubStabilityOverrideReason = null,
    string[]? FocusAreas = null,
    bool BenchmarkingConsent = false)
{
    /// <summary>How Dapper builds a network from a row: Npgsql reports a <c>text[]</c> column as <see cref="System.Array"/>.</summary>
    public Network(Guid id, string name, string aim, GoalType goalType, DateOnly launchDate, NetworkPhase phase, NetworkStatus status,
        DateTimeOffset createdAt, int yearStartMonth, int yearStartDay, HubStabilityClass? hubStabilityOverride, string? hubStabilityOverrideReason,
        Array focusAreas, bool benchmarkingConsent)
        : this(id, name, aim, goalType, launchDate, phase, status, createdAt, yearStartMonth, yearStartDay, hubStabilityOverride,
            hubStabilityOverrideReason, (string[])focusAreas, benchmarkingConsent)
    {
    }

    /// <summary>More focus areas than this blurs a network's purpose (domain.md section 7); the API accepts a few more so the warning can fire.</summary>
    public const int MaxFocusAreas = 10;

    [System.Text.Json.Serialization.JsonIgnore]
    public NetworkYearCalendar Calendar => new(YearStartMonth, YearStartDay);
}
