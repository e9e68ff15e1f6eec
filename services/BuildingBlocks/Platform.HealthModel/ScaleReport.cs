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
    /// <summary>The group of respondents whose role or team is not known (or not safe to say).</summary>
    public const string Unspecified = "unspecified";

    public static IReadOnlyList<ScaleResult> Overall(IReadOnlyList<RespondentScores> respondents, int minimumN) =>
        Overall(GroupScores.Of(null, respondents), minimumN);

    public static IReadOnlyList<ScaleResult> Overall(GroupScores group, int minimumN) =>
        group.Scales.Where(s => s.Value.N > 0).OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => s.Value.N >= minimumN
                ? new ScaleResult(s.Key, ScaleStatistics.Of(s.Key, s.Value), null)
                : new ScaleResult(s.Key, null, Suppression.HiddenNote(minimumN)))
            .ToList();

    /// <summary>
    /// By subgroup: respondents without a group (null) form their own "unspecified" group, so the groups always add up to
    /// the total and complementary suppression covers them too.
    /// </summary>
    public static IReadOnlyList<GroupResult> ByGroup(IReadOnlyList<RespondentScores> respondents, int minimumN) =>
        ByGroup(respondents.GroupBy(r => r.Group ?? Unspecified).Select(g => GroupScores.Of(g.Key, g.ToList())).ToList(), minimumN);

    /// <remarks>
    /// Suppression applies per scale too: not every respondent has every scale score, so a visible group can have a scale
    /// under the minimum. Among the groups that have a scale, if exactly one is hidden for it, the smallest other is hidden
    /// for that scale as well, or its figures would follow from the overall result minus the shown groups.
    /// </remarks>
    public static IReadOnlyList<GroupResult> ByGroup(IReadOnlyList<GroupScores> groups, int minimumN)
    {
        var hidden = Suppression.HiddenGroups(groups.Select(g => (g.Group!, g.Respondents)), minimumN);
        var hiddenByScale = groups.SelectMany(g => g.Scales.Where(s => s.Value.N > 0).Select(s => s.Key)).Distinct().ToDictionary(scale => scale, scale =>
            Suppression.HiddenGroups(groups.Select(g => (g.Group!, N: g.Scales.GetValueOrDefault(scale)?.N ?? 0)).Where(g => g.N > 0), minimumN, hidden));
        return groups.OrderBy(g => g.Group, StringComparer.Ordinal).Select(g => hidden.Contains(g.Group!)
                ? new GroupResult(g.Group!, null, [], Suppression.HiddenNote(minimumN))
                : new GroupResult(g.Group!, g.Respondents, Overall(g, minimumN)
                    .Select(s => hiddenByScale[s.Scale].Contains(g.Group!) ? new ScaleResult(s.Scale, null, Suppression.HiddenNote(minimumN)) : s).ToList(), null))
            .ToList();
    }
}

/// <summary>A group's respondents, reduced to their count and each scale's running sums (what Reporting stores).</summary>
public sealed record GroupScores(string? Group, int Respondents, IReadOnlyDictionary<string, ScaleSums> Scales)
{
    public static GroupScores Of(string? group, IReadOnlyList<RespondentScores> respondents) =>
        new(group, respondents.Count, respondents.SelectMany(r => r.Scores).GroupBy(s => s.Key)
            .ToDictionary(g => g.Key, g => ScaleSums.Of(g.Select(s => s.Value))));
}
