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
    int QuietDays, double MaxTopTwoShare = 0.6, int ImprovementWindowDays = 90)
{
    // 2026.2: the improvement work's rules (top-two-people, no-cycle-completed, no-measure-data, no-theory, aim-without-measure).
    public static readonly WarningRules Current = new("2026.2", MaxFocusAreas: 3, DataWindowDays: 365, MinCoreSeats: 2,
        ResponseRateDropPoints: 10m, MembershipDropPct: 10m, QuietDays: 90, MaxTopTwoShare: 0.6, ImprovementWindowDays: 90);
}

/// <summary>
/// One month of improvement participation as Improvement counted it (the share of the month's cycles the two most active
/// people took part in), with the number of cycles Reporting holds for that month (started or completed in it).
/// </summary>
public sealed record ParticipationMonth(DateOnly Month, double ShareByTopTwo, int Cycles);

/// <summary>What Reporting knows of the network's improvement work as of the warnings' day (domain.md section 8).</summary>
public sealed record ImprovementWarningFacts(
    int Teams,                     // improvement teams known on AsOf
    DateOnly? LastCycleCompleted,  // on or before AsOf
    DateOnly? LastMeasureData,     // the latest period with data of any measure, on or before AsOf
    int? TheoryVersion,            // the latest theory version dated on or before AsOf
    bool AimHasMeasure,            // whether that version's aim names its measure
    IReadOnlyList<ParticipationMonth> Participation)
{
    public static readonly ImprovementWarningFacts None = new(0, null, null, null, false, []);

    /// <summary>
    /// The share of the window's cycles by the two most active people: the participation months overlapping the window
    /// (windowStart, asOf], each weighted by its cycle count (a busy month says more than a quiet one; Improvement counts
    /// people per month, so people cannot be summed across months). Null when those months hold no cycle.
    /// </summary>
    public (double Share, int Cycles, int Months)? TopTwoShare(DateOnly asOf, int windowDays)
    {
        var firstDay = asOf.AddDays(-windowDays + 1);
        var months = Participation.Where(m => m.Month <= asOf && m.Month.AddMonths(1) > firstDay && m.Cycles > 0).ToList();
        var cycles = months.Sum(m => m.Cycles);
        return cycles == 0 ? null : (months.Sum(m => m.ShareByTopTwo * m.Cycles) / cycles, cycles, months.Count);
    }
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
    DateOnly? LastActivity,
    ImprovementWarningFacts Improvement);

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
        // ...or no working theory of improvement, or an aim that names no measure to track it.
        if (f.Improvement.TheoryVersion is null)
            warnings.Add(Warn(WarningKind.UnclearPurpose, "no-theory", "The network has no theory of improvement (driver diagram).",
                new() { ["theoryVersion"] = null }));
        else if (!f.Improvement.AimHasMeasure)
            warnings.Add(Warn(WarningKind.UnclearPurpose, "aim-without-measure",
                $"The aim of the network's theory of improvement (version {f.Improvement.TheoryVersion}) names no outcome measure.",
                new() { ["theoryVersion"] = f.Improvement.TheoryVersion, ["aimHasMeasure"] = false }));
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

        // ...nor whether its changes work: no measure of the improvement work has data in the last 90 days (once the network is that old).
        var improvementSince = f.AsOf.AddDays(-rules.ImprovementWindowDays);
        if (f.LaunchDate <= improvementSince && !(f.Improvement.LastMeasureData > improvementSince))
            warnings.Add(Warn(WarningKind.NoRecentData, "no-measure-data",
                $"No measure has data in the {rules.ImprovementWindowDays} days before {f.AsOf:yyyy-MM-dd}.",
                new() { ["lastMeasureData"] = f.Improvement.LastMeasureData, ["windowDays"] = rules.ImprovementWindowDays }));

        // Over-reliance on a few people: fewer than two core hub seats held on the as-of day (CoreSeats.FilledOn), whatever
        // the core team's size was before; the text says which count it is, since hub stability uses the other.
        if (f.CoreSeatsFilled < rules.MinCoreSeats)
            warnings.Add(Warn(WarningKind.OverReliance, "core-seats",
                (f.CoreSeatsFilled == 0 ? "No core hub seat" : $"Only {f.CoreSeatsFilled} core hub seat{(f.CoreSeatsFilled == 1 ? "" : "s")}")
                    + $" held on {f.AsOf:yyyy-MM-dd} (the seats held that day, fewer than {rules.MinCoreSeats}).",
                new() { ["coreSeatsFilled"] = f.CoreSeatsFilled, ["minCoreSeats"] = rules.MinCoreSeats }));
        var imp = f.Improvement;
        if (imp.TopTwoShare(f.AsOf, rules.ImprovementWindowDays) is { } top && top.Share > rules.MaxTopTwoShare)
            warnings.Add(Warn(WarningKind.OverReliance, "top-two-people",
                $"{100 * top.Share:0}% of the {top.Cycles} PDSA cycles in the {rules.ImprovementWindowDays} days before {f.AsOf:yyyy-MM-dd} came from the two most active people (more than {100 * rules.MaxTopTwoShare:0}%).",
                new() { ["shareByTopTwoPct"] = Math.Round(100 * top.Share, 1), ["cycles"] = top.Cycles, ["months"] = top.Months, ["maxSharePct"] = Math.Round(100 * rules.MaxTopTwoShare, 1),
                    ["windowDays"] = rules.ImprovementWindowDays }));

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
        // ...or improvement teams that stopped finishing cycles (only a network with teams, older than the window).
        if (f.Improvement.Teams > 0 && f.LaunchDate <= improvementSince && !(f.Improvement.LastCycleCompleted > improvementSince))
            warnings.Add(Warn(WarningKind.FizzlingOut, "no-cycle-completed",
                $"No PDSA cycle completed in the {rules.ImprovementWindowDays} days before {f.AsOf:yyyy-MM-dd}, with {f.Improvement.Teams} improvement team{(f.Improvement.Teams == 1 ? "" : "s")}.",
                new() { ["lastCycleCompleted"] = f.Improvement.LastCycleCompleted, ["teams"] = f.Improvement.Teams, ["windowDays"] = rules.ImprovementWindowDays }));
        return warnings;
    }

    /// <summary>The portfolio's warnings column: the kinds that fired, once each.</summary>
    public static string Summary(IEnumerable<NetworkWarning> warnings) =>
        string.Join("; ", warnings.Select(w => w.Kind).Distinct());
}
