using Platform.ServiceDefaults;
using Microsoft.AspNetCore.Mvc;
using Platform.Assessments.Domain;

namespace Platform.Assessments.Apis;

public sealed record RatingInput(string LookForId, int Level, string? Strategy);

public sealed record RatingsRequest(IReadOnlyList<RatingInput> Ratings);

public sealed record RatingProblem(string LookForId, string Message);

/// <summary>Checks a batch of ratings against the rubric: every problem is reported, and then none of the batch is saved.</summary>
public static class RatingRules
{
    public const int MaxRatingsPerSave = 500;
    public const int MaxStrategyLength = 2000;

    public static IReadOnlyList<RatingProblem> Problems(Rubric rubric, IReadOnlyList<RatingInput> ratings)
    {
        var problems = new List<RatingProblem>();
        foreach (var r in ratings)
        {
            if (r.LookForId is null || !rubric.HasLookFor(r.LookForId)) problems.Add(new(r.LookForId ?? "", "This rubric has no such look-for."));
            else if (r.Level is < Rubric.MinLevel or > Rubric.MaxLevel) problems.Add(new(r.LookForId, $"A level is {Rubric.MinLevel} to {Rubric.MaxLevel}; {r.Level} is not."));
            else if (r.Strategy is { Length: > MaxStrategyLength }) problems.Add(new(r.LookForId, $"A strategy has at most {MaxStrategyLength} characters."));
        }
        foreach (var twice in ratings.GroupBy(r => r.LookForId).Where(g => g.Count() > 1))
            problems.Add(new(twice.Key ?? "", "Rated twice in one save."));
        return problems;
    }

    /// <summary>400 naming every rejected look-for; the caller saves none of the batch.</summary>
    public static IResult Rejected(IReadOnlyList<RatingProblem> problems) =>
        Invalid.Batch("Some ratings cannot be accepted; nothing was saved",
            string.Join(" ", problems.Select(p => $"{p.LookForId}: {p.Message}")), "lookFors", problems);

    public static string? CleanStrategy(string? strategy) => string.IsNullOrWhiteSpace(strategy) ? null : strategy.Trim();
}
