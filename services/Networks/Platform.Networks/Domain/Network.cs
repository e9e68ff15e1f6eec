using Platform.Contracts.Networks;

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
    bool BenchmarkingConsent = false,
    string TimeZone = NetworkTimeZone.Default)
{
    /// <summary>How Dapper builds a network from a row: Npgsql reports a <c>text[]</c> column as <see cref="System.Array"/>.</summary>
    public Network(Guid id, string name, string aim, GoalType goalType, DateOnly launchDate, NetworkPhase phase, NetworkStatus status,
        DateTimeOffset createdAt, int yearStartMonth, int yearStartDay, HubStabilityClass? hubStabilityOverride, string? hubStabilityOverrideReason,
        Array focusAreas, bool benchmarkingConsent, string timeZone)
        : this(id, name, aim, goalType, launchDate, phase, status, createdAt, yearStartMonth, yearStartDay, hubStabilityOverride,
            hubStabilityOverrideReason, (string[])focusAreas, benchmarkingConsent, timeZone)
    {
    }

    /// <summary>
    /// The most focus areas a network can record. It is a bound on input, not the health rule: the "unclear purpose"
    /// warning (Reporting's <c>WarningRules.MaxFocusAreas</c>, domain.md section 7) fires above 3, well below this, so a
    /// network can record the spread the warning is about.
    /// </summary>
    public const int MaxFocusAreas = 10;

    public const int MaxFocusAreaLength = 200;

    /// <summary>The problem with a request's focus areas, or null; their number is bounded by the request's MaxLength.</summary>
    public static string? FocusAreasProblem(string[]? focusAreas) =>
        focusAreas?.Any(f => f is null || f.Length > MaxFocusAreaLength) == true ? $"A focus area is text of at most {MaxFocusAreaLength} characters." : null;

    /// <summary>Focus areas as stored: trimmed, blanks dropped, each once (ignoring case).</summary>
    public static string[] CleanFocusAreas(string[]? focusAreas) =>
        (focusAreas ?? []).Select(f => f.Trim()).Where(f => f.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    [System.Text.Json.Serialization.JsonIgnore]
    public NetworkYearCalendar Calendar => new(YearStartMonth, YearStartDay);
}
