using Platform.HealthModel;

namespace Platform.Reporting.Domain;

/// <summary>One scale in the feedback report: this year, last year, and the portfolio median where benchmarking is allowed.</summary>
public sealed record ScaleComparison(string Scale, string Title, ScaleKind Kind, ScaleStatistics? ThisYear, string? Note, decimal? LastYear,
    decimal? PortfolioMedian);

/// <summary>
/// How many benchmarking networks a portfolio median needs: enough that it reveals no single network (each of them has
/// at least the minimum respondents, Suppression.MinimumN). Its own rule: the cluster rule's minimum is about comparing
/// a funder's portfolio, and the two may change apart.
/// </summary>
public static class BenchmarkRule
{
    public const int MinimumNetworks = 5;
}

/// <summary>
/// Whether the report compares with other networks: only when the hub consented and enough consenting networks have
/// enough responses that a median reveals no single network.
/// </summary>
public sealed record Benchmark(bool Shown, string Explanation, int QualifyingNetworks, IReadOnlyDictionary<string, decimal> Medians)
{
    public static Benchmark Of(bool consented, IReadOnlyList<IReadOnlyDictionary<string, decimal>> qualifyingNetworkMeans, int minNetworks)
    {
        if (!consented) return new(false, "Your hub has not opted in to benchmarking, so no portfolio comparison is shown.", 0, new Dictionary<string, decimal>());
        if (qualifyingNetworkMeans.Count < minNetworks)
            return new(false, $"Fewer than {minNetworks} benchmarking networks have enough responses this year, so no portfolio median is shown.",
                qualifyingNetworkMeans.Count, new Dictionary<string, decimal>());
        var medians = HealthScales.All.Select(s => (s.Key, Values: qualifyingNetworkMeans.Where(n => n.ContainsKey(s.Key)).Select(n => n[s.Key]).ToList()))
            .Where(s => s.Values.Count >= minNetworks)
            .ToDictionary(s => s.Key, s => Statistics.Median(s.Values)!.Value);
        return new(true, $"The median of {qualifyingNetworkMeans.Count} networks that share their results for benchmarking.", qualifyingNetworkMeans.Count, medians);
    }
}

/// <summary>
/// The formative feedback report for a hub (issue: Reporting): the network's health against its own past and, where allowed,
/// the portfolio median; its outcomes, improvement activity beside the survey, stability, leadership rubric profile, warnings
/// and three questions for the debrief.
/// Built from figures that were already suppressed: nothing here is over fewer than the minimum respondents.
/// </summary>
public sealed record FeedbackReport(
    Guid NetworkId, string Network, string Aim, int Year, DateOnly AsOf, int Respondents, decimal? ResponseRate,
    IReadOnlyList<ScaleComparison> Scales, string? StrongestDomain, string? WeakestDomain, IReadOnlyList<ScaleTrend> Trend,
    IReadOnlyList<StructureRow> Stability, LeadershipProfile Leadership, IReadOnlyList<NetworkWarning> Warnings, Benchmark Benchmark,
    IReadOnlyList<string> DebriefQuestions, ImprovementBesideSurvey Improvement)
{
    public IEnumerable<ScaleComparison> Of(ScaleKind kind) => Scales.Where(s => s.Kind == kind);

    public static FeedbackReport Build(NetworkSummary network, HealthProfile profile, IReadOnlyList<ScaleTrend> trend, IReadOnlyList<StructureRow> stability,
        LeadershipProfile leadership, WarningFacts facts, IReadOnlyList<NetworkWarning> warnings, Benchmark benchmark, ImprovementBesideSurvey improvement)
    {
        var lastYear = profile.ChangeFromPreviousYear.Where(c => c.Previous is not null).ToDictionary(c => c.Scale, c => c.Previous!.Value);
        var scales = HealthScales.All.Select(s =>
        {
            var result = profile.Scales.FirstOrDefault(r => r.Scale == s.Key);
            return new ScaleComparison(s.Key, s.Title, s.Kind, result?.Statistics, result?.Note ?? (result is null ? "no responses" : null),
                lastYear.TryGetValue(s.Key, out var before) ? before : null,
                benchmark.Medians.TryGetValue(s.Key, out var median) ? median : null);
        }).ToList();
        var shown = scales.Where(s => s.Kind == ScaleKind.Domain && s.ThisYear is not null).ToList();
        var strongest = shown.MaxBy(s => s.ThisYear!.Mean)?.Scale;
        return new FeedbackReport(network.NetworkId, network.Name, network.Aim, profile.Year, facts.AsOf, profile.Respondents, profile.ResponseRate,
            scales, strongest, profile.WeakestDomain, trend, stability.OrderBy(s => s.Year).ToList(), leadership, warnings, benchmark,
            QuestionsFor(scales, profile.WeakestDomain, leadership, warnings), improvement);
    }

    /// <summary>Three questions that start from the network's own figures: its weakest domain, its biggest change, and its most pressing signal.</summary>
    public static IReadOnlyList<string> QuestionsFor(IReadOnlyList<ScaleComparison> scales, string? weakestDomain,
        LeadershipProfile leadership, IReadOnlyList<NetworkWarning> warnings)
    {
        var questions = new List<string>();
        if (weakestDomain is not null)
            questions.Add($"{HealthScales.Title(weakestDomain)} is the network's weakest domain this year. What is one change the hub could test in the next cycle to strengthen it, and how would you know it helped?");
        else
            questions.Add("Too few members responded to show the network's domains. What would make the survey worth members' time next year?");

        var biggest = scales.Where(s => s.ThisYear is not null && s.LastYear is not null).MaxBy(s => Math.Abs(s.ThisYear!.Mean - s.LastYear!.Value));
        if (biggest is not null && Math.Abs(biggest.ThisYear!.Mean - biggest.LastYear!.Value) >= 0.1m)
            questions.Add(biggest.ThisYear.Mean > biggest.LastYear.Value
                ? $"{biggest.Title} rose from {biggest.LastYear:0.00} to {biggest.ThisYear.Mean:0.00}. What did the network do differently, and how can it keep doing it?"
                : $"{biggest.Title} fell from {biggest.LastYear:0.00} to {biggest.ThisYear.Mean:0.00}. What changed for members this year?");
        else
            questions.Add("Little changed from last year. Which result surprised the hub most, and why?");

        var lowestArea = leadership.Areas.MinBy(a => a.Mean);
        questions.Add(warnings.Count > 0
            ? $"The platform flags: {warnings[0].Message} What does the hub already know about this, and what would it take to address it?"
            : lowestArea is not null
                ? $"In the leadership rubric the hub rated area {lowestArea.AreaId} lowest ({lowestArea.Mean:0.0}). Which next step there matters most?"
                : "The hub has not yet held a leadership rubric session. When will the hub team rate its own practice together?");
        return questions;
    }
}

/// <summary>Small statistics shared by the portfolio views.</summary>
public static class Statistics
{
    /// <summary>The median, rounded to two decimals; null for no values.</summary>
    public static decimal? Median(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : Math.Round((sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 2, MidpointRounding.AwayFromZero);
    }
}
