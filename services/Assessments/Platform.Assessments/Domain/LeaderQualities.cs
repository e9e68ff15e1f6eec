using Platform.HealthModel;

namespace Platform.Assessments.Domain;

public sealed record QualityAggregate(string QualityId, string Title, decimal? MeanLevel);

public sealed record TeamQualities(int Completed, int MinimumToShow, IReadOnlyList<QualityAggregate>? Qualities, string? Note, DateTimeOffset? ReleasedAt);

/// <summary>
/// Leader-qualities self-assessments are private to each person (domain.md section 6); the hub sees only a team mean per
/// quality. That mean moves in released steps (<see cref="SteppedRelease"/>): a step takes in at least three new or
/// changed completed self-assessments, at most once a day, so no two reads isolate one person's ratings. A reader's own
/// self-assessment never counts toward the three: the view needs three others.
/// </summary>
public static class LeaderQualities
{
    /// <summary>Three completed self-assessments (besides the reader's) before any team figure is shown, and per step.</summary>
    public const int MinimumCompleted = 3;

    /// <summary>One person's self-assessment as stored: whose, when it last changed, its levels by look-for id.</summary>
    public sealed record Assessment(string UserId, DateTimeOffset UpdatedAt, IReadOnlyDictionary<string, int> Levels);

    /// <summary>A released step: whose self-assessments it holds (with the version taken in) and the mean level per quality.</summary>
    public sealed record TeamStep(DateTimeOffset ReleasedAt, IReadOnlyDictionary<string, DateTimeOffset> Contributors,
        IReadOnlyDictionary<string, decimal?> QualityMeans);

    /// <summary>
    /// The step to show from now: a new one over every completed self-assessment when at least three are new or changed
    /// since <paramref name="current"/> and it was released a day or more ago; otherwise <paramref name="current"/>.
    /// </summary>
    public static TeamStep? Release(Rubric rubric, TeamStep? current, IReadOnlyList<Assessment> assessments, DateTimeOffset now)
    {
        var completed = assessments.Where(a => IsComplete(rubric, a.Levels)).ToList();
        var changed = completed.Where(a => current?.Contributors.GetValueOrDefault(a.UserId) != a.UpdatedAt)
            .Select(a => new SteppedRelease.Pending<string>(a.UserId, [])).ToList();
        if (SteppedRelease.Due(changed, current?.ReleasedAt, now, MinimumCompleted, final: false).Count == 0) return current;
        return new TeamStep(now, completed.ToDictionary(a => a.UserId, a => a.UpdatedAt), rubric.Areas.ToDictionary(q => q.Id, q =>
        {
            var ids = q.Practices.SelectMany(p => p.LookFors).Select(l => l.Id).ToHashSet();
            var levels = completed.SelectMany(c => c.Levels.Where(kv => ids.Contains(kv.Key)).Select(kv => kv.Value)).ToList();
            return levels.Count == 0 ? (decimal?)null : Math.Round((decimal)levels.Sum() / levels.Count, 2, MidpointRounding.AwayFromZero);
        }));
    }

    /// <summary>What <paramref name="readerId"/> may see of a step: its means only when it holds three or more others' self-assessments.</summary>
    public static TeamQualities View(Rubric rubric, TeamStep? step, string readerId)
    {
        var others = step is null ? 0 : step.Contributors.Count - (step.Contributors.ContainsKey(readerId) ? 1 : 0);
        if (step is null || others < MinimumCompleted)
            return new TeamQualities(step?.Contributors.Count ?? 0, MinimumCompleted, null,
                $"Shown once {MinimumCompleted} or more people besides you have completed their self-assessment; it then moves at most once a day, by {MinimumCompleted} or more.",
                step?.ReleasedAt);
        return new TeamQualities(step.Contributors.Count, MinimumCompleted,
            rubric.Areas.Select(q => new QualityAggregate(q.Id, q.Title, step.QualityMeans.GetValueOrDefault(q.Id))).ToList(), null, step.ReleasedAt);
    }

    /// <summary>A self-assessment counts as completed when every look-for has a level.</summary>
    public static bool IsComplete(Rubric rubric, IReadOnlyDictionary<string, int> levels) => rubric.LookFors.All(l => levels.ContainsKey(l.LookFor.Id));
}
