using Platform.HealthModel;

namespace Platform.Reporting.Domain;

/// <summary>One scale of a network's survey result: its statistics, or only a note when too few respondents have a score.</summary>
public sealed record SurveyScale(string Scale, ScaleStatistics? Statistics, string? Note);

public sealed record SurveyScales(int NetworkYear, int Respondents, IReadOnlyList<SurveyScale> Scales)
{
    public static SurveyScales Of(int year, IReadOnlyList<Dictionary<string, decimal>> respondents, int minimumN) =>
        new(year, respondents.Count, respondents.SelectMany(r => r).GroupBy(s => s.Key).OrderBy(g => g.Key)
            .Select(g => g.Count() >= minimumN
                ? new SurveyScale(g.Key, ScaleStatistics.Of(g.Key, g.Select(s => s.Value).ToList()), null)
                : new SurveyScale(g.Key, null, Suppression.HiddenNote(minimumN)))
            .ToList());
}
