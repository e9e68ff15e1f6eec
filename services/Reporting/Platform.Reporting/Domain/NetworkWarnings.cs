using System.Text.Json.Serialization;

namespace Platform.Reporting.Domain;

/// <summary>The ways networks fail (domain.md section 7).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WarningKind>))]
public enum WarningKind { UnclearPurpose, NoRecentData, OverReliance, FizzlingOut }

/// <summary>A warning, the rule that fired (<c>kind/rule@version</c>) and the figures that triggered it.</summary>
public sealed record NetworkWarning(WarningKind Kind, string Rule, string Message, IReadOnlyDictionary<string, object?> Evidence);

/// <summary>The warning thresholds, versioned like the cluster rule: every warning names the version that raised it.</summary>
public sealed record WarningRules(
    string Version, int MaxFocusAreas, int DataWindowDays, int MinCoreSeats, decimal ResponseRateDropPoints, decimal MembershipDropPct,
    int QuietDays)
{
    public static readonly WarningRules Current = new("2026.1", MaxFocusAreas: 3, DataWindowDays: 365, MinCoreSeats: 2,
        ResponseRateDropPoints: 10m, MembershipDropPct: 10m, QuietDays: 90);
}

/// <summary>What Reporting knows of a network as of a date (the end of a network year, or today if earlier).</summary>
public sealed record WarningFacts(
    DateOnly AsOf,
    DateOnly LaunchDate,
    string Aim,
    int FocusAreas,
    DateOnly? LastSurveyResponse,
    DateOnly? LastRubricSession,
    int CoreSeatsFilled, // core hub seats held on AsOf (CoreSeats.FilledOn)
    decimal? ResponseRate,
    decimal? PreviousResponseRate,
    int? Members,
    int? PreviousMembers,
    DateOnly? LastActivity);

/// <summary>
/// Early warnings, each from the facts alone: one implementation serves a network's warnings, the portfolio's warnings
/// column and the feedback report.
/// </summary>
public static class NetworkWarnings
{
    /// <summary>A network's warnings for a network year, evaluated as of its end (or today).</summary>
    public sealed record Report(int Year, DateOnly AsOf, string RuleVersion, IReadOnlyList<NetworkWarning> Warnings);

    public static IReadOnlyList<NetworkWarning> Of(WarningFacts f, WarningRules rules)
    {
        var warnings = new List<NetworkWarning>();
        NetworkWarning Warn(WarningKind kind, string rule, string message, Dictionary<string, object?> evidence) =>
            new(kind, $"{kind}/{rule}@{rules.Version}", message, evidence);

        // Unclear purpose: no aim, or more focus areas than a network can pursue at once.
        if (string.IsNullOrWhiteSpace(f.Aim))
            warnings.Add(Warn(WarningKind.UnclearPurpose, "no-aim", "The network has no improvement aim.", new() { ["aim"] = "" }));
        if (f.FocusAreas > rules.MaxFocusAreas)
            warnings.Add(Warn(WarningKind.UnclearPurpose, "too-many-focus-areas",
                $"The network pursues {f.FocusAreas} focus areas (more than {rules.MaxFocusAreas}).",
                new() { ["focusAreas"] = f.FocusAreas, ["maxFocusAreas"] = rules.MaxFocusAreas }));

        // Not knowing whether it is worth it: no survey response and no rubric session within the last year, once the network is a year old.
        var windowStart = f.AsOf.AddDays(-rules.DataWindowDays);
        if (f.LaunchDate <= windowStart && !(f.LastSurveyResponse > windowStart) && !(f.LastRubricSession > windowStart))
            warnings.Add(Warn(WarningKind.NoRecentData, "no-survey-or-rubric",
                $"No survey responses and no leadership rubric session in the {rules.DataWindowDays} days before {f.AsOf:yyyy-MM-dd}.",
                new() { ["lastSurveyResponse"] = f.LastSurveyResponse, ["lastRubricSession"] = f.LastRubricSession, ["windowDays"] = rules.DataWindowDays }));

        // Over-reliance on a few people: fewer than two core hub seats held on the as-of day (CoreSeats.FilledOn), whatever
        // the core team's size was before; the text says which count it is, since hub stability uses the other.
        if (f.CoreSeatsFilled < rules.MinCoreSeats)
            warnings.Add(Warn(WarningKind.OverReliance, "core-seats",
                (f.CoreSeatsFilled == 0 ? "No core hub seat" : $"Only {f.CoreSeatsFilled} core hub seat{(f.CoreSeatsFilled == 1 ? "" : "s")}")
                    + $" held on {f.AsOf:yyyy-MM-dd} (the seats held that day, fewer than {rules.MinCoreSeats}).",
                new() { ["coreSeatsFilled"] = f.CoreSeatsFilled, ["minCoreSeats"] = rules.MinCoreSeats }));

        // Fizzling out: falling response rates, shrinking membership, or nothing happening for a while.
        if (f is { ResponseRate: { } rate, PreviousResponseRate: { } before } && before - rate >= rules.ResponseRateDropPoints)
            warnings.Add(Warn(WarningKind.FizzlingOut, "response-rate-falling",
                $"The response rate fell from {before:0.#}% to {rate:0.#}%.",
                new() { ["responseRate"] = rate, ["previousResponseRate"] = before, ["dropPoints"] = rules.ResponseRateDropPoints }));
        if (f is { Members: { } members, PreviousMembers: { } previous and > 0 } && 100m * (previous - members) / previous >= rules.MembershipDropPct)
            warnings.Add(Warn(WarningKind.FizzlingOut, "membership-shrinking",
                $"Membership shrank from {previous} to {members}.",
                new() { ["members"] = members, ["previousMembers"] = previous, ["dropPct"] = rules.MembershipDropPct }));
        var quietSince = f.AsOf.AddDays(-rules.QuietDays);
        if (f.LaunchDate <= quietSince && !(f.LastActivity > quietSince))
            warnings.Add(Warn(WarningKind.FizzlingOut, "no-activity",
                $"No activity recorded in the {rules.QuietDays} days before {f.AsOf:yyyy-MM-dd}.",
                new() { ["lastActivity"] = f.LastActivity, ["quietDays"] = rules.QuietDays }));
        return warnings;
    }

    /// <summary>The portfolio's warnings column: the kinds that fired, once each.</summary>
    public static string Summary(IEnumerable<NetworkWarning> warnings) =>
        string.Join("; ", warnings.Select(w => w.Kind).Distinct());
}
