using Platform.HealthModel;

namespace Platform.Reporting.Domain;

public sealed record ScaleChange(string Scale, decimal? Previous, decimal? Change);

/// <summary>
/// A network's health profile for a network year: the nine scale results (n, mean, standard deviation, % favorable),
/// the weakest of the six domains, the response rate, the change from the previous year, and breakdowns by role and
/// team. Every figure over fewer than the minimum respondents is replaced by a note before it leaves.
/// </summary>
public sealed record HealthProfile(
    int Year, int Respondents, decimal? ResponseRate, IReadOnlyList<ScaleResult> Scales, string? WeakestDomain,
    IReadOnlyList<ScaleChange> ChangeFromPreviousYear, IReadOnlyList<GroupResult> ByRole, IReadOnlyList<GroupResult> ByTeam)
{
    public static HealthProfile Of(int year, IReadOnlyList<(RespondentScores ByRole, RespondentScores ByTeam)> respondents,
        IReadOnlyList<RespondentScores> previousYear, decimal? responseRate, int minimumN)
    {
        var overall = ScaleReport.Overall(respondents.Select(r => r.ByRole).ToList(), minimumN);
        var previous = ScaleReport.Overall(previousYear, minimumN).Where(s => s.Statistics is not null).ToDictionary(s => s.Scale, s => s.Statistics!.Mean);
        var weakest = overall.Where(s => s.Statistics is not null && HealthClusters.Domains.Contains(s.Scale)).MinBy(s => s.Statistics!.Mean)?.Scale;
        var changes = overall.Where(s => s.Statistics is not null).Select(s => previous.TryGetValue(s.Scale, out var before)
            ? new ScaleChange(s.Scale, before, s.Statistics!.Mean - before) : new ScaleChange(s.Scale, null, null)).ToList();
        return new HealthProfile(year, respondents.Count, responseRate, overall, weakest, changes,
            ScaleReport.ByGroup(respondents.Select(r => r.ByRole).ToList(), minimumN),
            ScaleReport.ByGroup(respondents.Select(r => r.ByTeam).ToList(), minimumN));
    }
}

/// <summary>One point of a scale's trend: its mean in a network year, or nothing when too few responded.</summary>
public sealed record TrendPoint(int Year, int Respondents, decimal? Mean);

public sealed record ScaleTrend(string Scale, IReadOnlyList<TrendPoint> Points);

public static class HealthTrend
{
    public static IReadOnlyList<ScaleTrend> Of(IReadOnlyDictionary<int, IReadOnlyList<RespondentScores>> byYear, int minimumN)
    {
        var perYear = byYear.OrderBy(y => y.Key).Select(y => (Year: y.Key, Count: y.Value.Count, Scales: ScaleReport.Overall(y.Value, minimumN)
            .ToDictionary(s => s.Scale, s => s.Statistics?.Mean))).ToList();
        return perYear.SelectMany(y => y.Scales.Keys).Distinct().Order()
            .Select(scale => new ScaleTrend(scale, perYear.Select(y => new TrendPoint(y.Year, y.Count, y.Scales.GetValueOrDefault(scale))).ToList()))
            .ToList();
    }
}
