using Platform.HealthModel;

namespace Platform.Reporting.Domain;

public sealed record ScaleChange(string Scale, decimal? Previous, decimal? Change);

/// <summary>A network year's survey results: everyone, and each role and team (running sums, as Reporting stores them).</summary>
public sealed record NetworkYearScores(GroupScores All, IReadOnlyList<GroupScores> ByRole, IReadOnlyList<GroupScores> ByTeam)
{
    public static readonly NetworkYearScores None = new(new GroupScores(null, 0, new Dictionary<string, ScaleSums>()), [], []);

    /// <summary>From individual respondents (each once by role and once by team), as the tests build them.</summary>
    public static NetworkYearScores Of(IReadOnlyList<(RespondentScores ByRole, RespondentScores ByTeam)> respondents) => new(
        GroupScores.Of(null, respondents.Select(r => r.ByRole).ToList()),
        respondents.GroupBy(r => r.ByRole.Group ?? ScaleReport.Unspecified).Select(g => GroupScores.Of(g.Key, g.Select(r => r.ByRole).ToList())).ToList(),
        respondents.GroupBy(r => r.ByTeam.Group ?? ScaleReport.Unspecified).Select(g => GroupScores.Of(g.Key, g.Select(r => r.ByTeam).ToList())).ToList());
}

/// <summary>
/// A network's health profile for a network year: the nine scale results (n, mean, standard deviation, % favorable),
/// the weakest of the six domains, the response rate, the change from the previous year, and breakdowns by role and
/// team. Every figure over fewer than the minimum respondents is replaced by a note before it leaves.
/// </summary>
public sealed record HealthProfile(
    int Year, int Respondents, decimal? ResponseRate, IReadOnlyList<ScaleResult> Scales, string? WeakestDomain,
    IReadOnlyList<ScaleChange> ChangeFromPreviousYear, IReadOnlyList<GroupResult> ByRole, IReadOnlyList<GroupResult> ByTeam)
{
    public static HealthProfile Of(int year, NetworkYearScores scores, GroupScores? previousYear, decimal? responseRate, int minimumN)
    {
        var overall = ScaleReport.Overall(scores.All, minimumN);
        var previous = previousYear is null ? new Dictionary<string, decimal>()
            : ScaleReport.Overall(previousYear, minimumN).Where(s => s.Statistics is not null).ToDictionary(s => s.Scale, s => s.Statistics!.Mean);
        var weakest = overall.Where(s => s.Statistics is not null && HealthClusters.Domains.Contains(s.Scale)).MinBy(s => s.Statistics!.Mean)?.Scale;
        var changes = overall.Where(s => s.Statistics is not null).Select(s => previous.TryGetValue(s.Scale, out var before)
            ? new ScaleChange(s.Scale, before, s.Statistics!.Mean - before) : new ScaleChange(s.Scale, null, null)).ToList();
        return new HealthProfile(year, scores.All.Respondents, responseRate, overall, weakest, changes,
            ScaleReport.ByGroup(scores.ByRole, minimumN), ScaleReport.ByGroup(scores.ByTeam, minimumN));
    }
}

/// <summary>One point of a scale's trend: its mean in a network year, or nothing when too few responded.</summary>
public sealed record TrendPoint(int Year, int Respondents, decimal? Mean);

public sealed record ScaleTrend(string Scale, IReadOnlyList<TrendPoint> Points);

public static class HealthTrend
{
    public static IReadOnlyList<ScaleTrend> Of(IReadOnlyDictionary<int, GroupScores> byYear, int minimumN)
    {
        var perYear = byYear.OrderBy(y => y.Key).Select(y => (Year: y.Key, Count: y.Value.Respondents, Scales: ScaleReport.Overall(y.Value, minimumN)
            .ToDictionary(s => s.Scale, s => s.Statistics?.Mean))).ToList();
        return perYear.SelectMany(y => y.Scales.Keys).Distinct().Order()
            .Select(scale => new ScaleTrend(scale, perYear.Select(y => new TrendPoint(y.Year, y.Count, y.Scales.GetValueOrDefault(scale))).ToList()))
            .ToList();
    }
}
