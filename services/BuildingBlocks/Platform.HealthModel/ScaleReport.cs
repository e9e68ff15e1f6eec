namespace Platform.HealthModel;

/// <summary>One respondent's scale scores (scale key to score), and the subgroup they count in, if any.</summary>
public sealed record RespondentScores(IReadOnlyDictionary<string, decimal> Scores, string? Group = null);

/// <summary>A scale's result for a group: statistics, or only a note when the group is suppressed.</summary>
public sealed record ScaleResult(string Scale, ScaleStatistics? Statistics, string? Note);

/// <summary>A subgroup's results; a hidden group shows neither its size nor its scores.</summary>
public sealed record GroupResult(string Group, int? Respondents, IReadOnlyList<ScaleResult> Scales, string? Note);

/// <summary>
/// Network scale scores overall and by subgroup (domain.md sections 3 and 4): per scale the mean, n, standard deviation and
/// % favorable of respondents' scale scores; nothing over fewer than the minimum leaves; a hidden subgroup takes the
/// next-smallest with it. The one implementation every report uses.
/// </summary>
public static class ScaleReport
{
    public static IReadOnlyList<ScaleResult> Overall(IReadOnlyList<RespondentScores> respondents, int minimumN) =>
        respondents.SelectMany(r => r.Scores).GroupBy(s => s.Key).OrderBy(g => g.Key)
            .Select(g => g.Count() >= minimumN
                ? new ScaleResult(g.Key, ScaleStatistics.Of(g.Key, g.Select(s => s.Value).ToList()), null)
                : new ScaleResult(g.Key, null, Suppression.HiddenNote(minimumN)))
            .ToList();

    /// <summary>
    /// By subgroup: respondents without a group (null) form their own "unspecified" group, so the groups always add up to
    /// the total and complementary suppression covers them too.
    /// </summary>
    /// <remarks>
    /// Suppression applies per scale too: not every respondent has every scale score, so a visible group can have a scale
    /// under the minimum. Among the groups that have a scale, if exactly one is hidden for it, the smallest other is hidden
    /// for that scale as well, or its figures would follow from the overall result minus the shown groups.
    /// </remarks>
    public static IReadOnlyList<GroupResult> ByGroup(IReadOnlyList<RespondentScores> respondents, int minimumN)
    {
        const string unspecified = "unspecified";
        var groups = respondents.GroupBy(r => r.Group ?? unspecified).ToList();
        var hidden = Suppression.HiddenGroups(groups.Select(g => (g.Key, g.Count())), minimumN);
        var hiddenByScale = respondents.SelectMany(r => r.Scores.Keys).Distinct().ToDictionary(scale => scale, scale =>
            Suppression.HiddenGroups(groups.Select(g => (g.Key, N: g.Count(r => r.Scores.ContainsKey(scale)))).Where(g => g.N > 0), minimumN, hidden));
        return groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => hidden.Contains(g.Key)
                ? new GroupResult(g.Key, null, [], Suppression.HiddenNote(minimumN))
                : new GroupResult(g.Key, g.Count(), Overall(g.ToList(), minimumN)
                    .Select(s => hiddenByScale[s.Scale].Contains(g.Key) ? new ScaleResult(s.Scale, null, Suppression.HiddenNote(minimumN)) : s).ToList(), null))
            .ToList();
    }
}
