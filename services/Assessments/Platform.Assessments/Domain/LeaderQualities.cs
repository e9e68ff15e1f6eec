namespace Platform.Assessments.Domain;

public sealed record QualityAggregate(string QualityId, string Title, decimal? MeanLevel);

public sealed record TeamQualities(int Completed, int MinimumToShow, IReadOnlyList<QualityAggregate>? Qualities, string? Note);

/// <summary>Leader-qualities self-assessments are private; the hub sees a team aggregate only once enough people completed one.</summary>
public static class LeaderQualities
{
    /// <summary>Three completed self-assessments before any team figure is shown (domain.md section 6).</summary>
    public const int MinimumCompleted = 3;

    /// <param name="completed">Each completed self-assessment's levels, by look-for id.</param>
    public static TeamQualities TeamAggregate(Rubric rubric, IReadOnlyList<IReadOnlyDictionary<string, int>> completed)
    {
        if (completed.Count < MinimumCompleted)
            return new TeamQualities(completed.Count, MinimumCompleted, null, $"Shown once {MinimumCompleted} or more people have completed their self-assessment.");
        return new TeamQualities(completed.Count, MinimumCompleted, rubric.Areas.Select(q =>
        {
            var ids = q.Practices.SelectMany(p => p.LookFors).Select(l => l.Id).ToHashSet();
            var levels = completed.SelectMany(c => c.Where(kv => ids.Contains(kv.Key)).Select(kv => kv.Value)).ToList();
            return new QualityAggregate(q.Id, q.Title, levels.Count == 0 ? null : Math.Round((decimal)levels.Sum() / levels.Count, 2, MidpointRounding.AwayFromZero));
        }).ToList(), null);
    }

    /// <summary>A self-assessment counts as completed when every look-for has a level.</summary>
    public static bool IsComplete(Rubric rubric, IReadOnlyDictionary<string, int> levels) => rubric.LookFors.All(l => levels.ContainsKey(l.LookFor.Id));
}
