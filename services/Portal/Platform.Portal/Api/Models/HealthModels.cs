using System.Globalization;
using System.Text.Json;

namespace Platform.Portal.Api.Models;

// The parts of the Reporting API's network answers that the hub's health and warnings pages show
// (api/reporting/networks/{id}/health, .../health/trend, .../warnings). A figure the API withheld comes as null with a note.

public sealed record HealthScaleStatistics(int N, decimal Mean, decimal? StandardDeviation, decimal PctFavorable);

public sealed record HealthScaleResult(string Scale, HealthScaleStatistics? Statistics, string? Note);

/// <summary>A role's or team's results; a hidden group has neither its size nor its scores, only the note.</summary>
public sealed record HealthGroupResult(string Group, int? Respondents, IReadOnlyList<HealthScaleResult> Scales, string? Note);

public sealed record HealthScaleChange(string Scale, decimal? Previous, decimal? Change);

public sealed record HealthProfile(
    int Year, int Respondents, decimal? ResponseRate, IReadOnlyList<HealthScaleResult> Scales, string? WeakestDomain,
    IReadOnlyList<HealthScaleChange> ChangeFromPreviousYear, IReadOnlyList<HealthGroupResult> ByRole, IReadOnlyList<HealthGroupResult> ByTeam);

public sealed record HealthTrendPoint(int Year, int Respondents, decimal? Mean);

public sealed record HealthScaleTrend(string Scale, IReadOnlyList<HealthTrendPoint> Points);

/// <summary>The parts of Reporting's improvement activity that the health page shows next to the survey.</summary>
public sealed record ImprovementActivitySummary(int Year, DateOnly From, DateOnly AsOf, int CyclesStarted, int CyclesCompleted, int CoachingTouchpoints,
    int Teams, int TeamsActive, int ActiveWindowDays, decimal? TeamsActivePct, decimal? CompletedWithPredictionsPct, int MeasuresImproving, int TheoryRevisions);

/// <summary>
/// What members said (the survey's continuous-improvement domain) beside what the network did (api/reporting/networks/{id}/health/improvement);
/// Agreement is Agree, RatedHighNoCycleCompleted, RatedLowCyclesCompleted or NotCompared, and Finding says it in words.
/// </summary>
public sealed record ImprovementBesideSurvey(int Year, HealthScaleResult CiProcesses, ImprovementActivitySummary Activity, string Agreement, string Finding);

public sealed record NetworkWarning(string Kind, string Rule, string Message, IReadOnlyDictionary<string, JsonElement> Evidence);

public sealed record NetworkWarningsReport(int Year, DateOnly AsOf, string RuleVersion, IReadOnlyList<NetworkWarning> Warnings);

/// <summary>A survey scale as the portal labels it: the platform's title, and a short name for table headings.</summary>
public sealed record ScaleLabel(string Key, string Title, string Short, string Kind);

/// <summary>The nine scales in report order, from the platform's one list (Platform.HealthModel), with short headings.</summary>
public static class ScaleLabels
{
    private static readonly Dictionary<string, string> ShortNames = new()
    {
        ["HUB_LEADERSHIP"] = "Hub leadership", ["ROLES_ENGAGEMENT"] = "Roles and engagement", ["CI_PROCESSES"] = "Improvement processes",
        ["WITHIN_TEAM"] = "Within teams", ["ACROSS_TEAM"] = "Across teams", ["NETWORK_CULTURE"] = "Network culture",
        ["CONTEXT_ALIGNMENT"] = "Context", ["BENEFITS"] = "Benefits", ["AIM_PROGRESS"] = "Aim progress",
    };

    public static readonly ScaleLabel[] All =
        [.. Platform.HealthModel.HealthScales.All.Select(s => new ScaleLabel(s.Key, s.Title, ShortNames.GetValueOrDefault(s.Key, s.Title), s.Kind.ToString()))];

    /// <summary>The six domains of a healthy network (the trend chart's lines; the weakest domain is one of them).</summary>
    public static readonly ScaleLabel[] Domains = [.. All.Where(s => Platform.HealthModel.HealthScales.Domains.Contains(s.Key))];

    public static string Title(string? key) => key is null ? "none" : Platform.HealthModel.HealthScales.Title(key);
}

/// <summary>What each warning means for a hub, and its evidence in words (domain.md section 7).</summary>
public static class WarningGuide
{
    public static string Explanation(string kind) => kind switch
    {
        "UnclearPurpose" => "Networks lose their way when members cannot say what they are working toward. A network needs one written improvement aim with the outcome measure that tracks it, a working theory of improvement (driver diagram), and no more than a few focus areas, so every team pulls in the same direction.",
        "NoRecentData" => "Without a member survey or a leadership rubric session in the last year, or without fresh data on any measure in the last 90 days, neither the hub nor its funders can tell whether the network and its changes are worth the effort they take.",
        "OverReliance" => "A network held together by one or two people stalls when they leave. At least two core hub seats (hub lead, improvement lead, improvement coach) keep the work going through turnover, and PDSA cycles should not come mostly from the same two people.",
        "FizzlingOut" => "Falling response rates, shrinking membership, long quiet spells and improvement teams that stop finishing PDSA cycles are early signs that members are drifting away. Ask team leads what would make taking part worthwhile again.",
        _ => "",
    };

    private static readonly Dictionary<string, (string Label, string Unit)> Evidence = new()
    {
        ["aim"] = ("Improvement aim", ""), ["focusAreas"] = ("Focus areas", ""), ["maxFocusAreas"] = ("Most focus areas the rule allows", ""),
        ["lastSurveyResponse"] = ("Last survey response", ""), ["lastRubricSession"] = ("Last leadership rubric session", ""),
        ["windowDays"] = ("Period checked", " days"), ["coreSeatsFilled"] = ("Core hub seats filled", ""), ["minCoreSeats"] = ("Core seats the rule asks for", ""),
        ["responseRate"] = ("Response rate", "%"), ["previousResponseRate"] = ("Previous year's response rate", "%"),
        ["dropPoints"] = ("Fall that raises the warning", " percentage points"), ["members"] = ("Members this year", ""),
        ["previousMembers"] = ("Members the year before", ""), ["dropPct"] = ("Shrinkage that raises the warning", "%"),
        ["lastActivity"] = ("Last recorded activity", ""), ["quietDays"] = ("Quiet period that raises the warning", " days"),
        ["theoryVersion"] = ("Theory of improvement version", ""), ["aimHasMeasure"] = ("Aim names its measure", ""),
        ["lastMeasureData"] = ("Latest measure data", ""), ["lastCycleCompleted"] = ("Last PDSA cycle completed", ""), ["teams"] = ("Improvement teams", ""),
        ["shareByTopTwoPct"] = ("Cycles by the two most active people", "%"), ["maxSharePct"] = ("Share that raises the warning", "%"),
        ["cycles"] = ("Cycles in the period", ""), ["months"] = ("Months counted", ""),
    };

    /// <summary>One evidence figure as a label and a value in words (dates as "d MMM yyyy"; nothing recorded says so).</summary>
    public static (string Label, string Value) Describe(string key, JsonElement value)
    {
        var (label, unit) = Evidence.GetValueOrDefault(key, (key, ""));
        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => "none recorded",
            JsonValueKind.String when DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => day.ToString("d MMM yyyy"),
            JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? "none written" : value.GetString()!,
            JsonValueKind.Number => value.GetDecimal().ToString("0.#") + unit,
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ => value.ToString(),
        };
        return (label, text);
    }
}
