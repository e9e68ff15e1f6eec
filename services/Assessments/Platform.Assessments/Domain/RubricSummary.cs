namespace Platform.Assessments.Domain;

/// <summary>One rater's rating of one look-for. A strategy is asked for at levels 3 and 4.</summary>
public sealed record RubricRating(Guid RaterId, string LookForId, int Level, string? Strategy);

public sealed record NamedStrategy(string Text, string? Rater);

public sealed record LookForSummary(
    string LookForId, string Text, IReadOnlyDictionary<int, int> LevelCounts, decimal? Median, bool Discuss, int MissingStrategies, IReadOnlyList<NamedStrategy> Strategies);

public sealed record PracticeSummary(string PracticeId, string Title, decimal? MeanLevel, IReadOnlyList<LookForSummary> LookFors);

public sealed record AreaSummary(string AreaId, string Title, bool Draft, decimal? MeanLevel, IReadOnlyList<PracticeSummary> Practices);

public sealed record Participation(int RatersInvited, int RatersStarted, int RatersComplete);

public sealed record SessionSummary(IReadOnlyList<AreaSummary> Areas, IReadOnlyList<string> AreasWeakestFirst, Participation Participation);

/// <summary>The session summary (domain.md section 6): pure, the one implementation behind the API and the closing event.</summary>
public static class RubricSummaries
{
    /// <summary>
    /// Per look-for: how many raters chose each level, the median, a discuss flag when the ratings are two or more levels
    /// apart (e.g. a 1 and a 3), the strategies named and how many 3/4 ratings named none. Per practice and area: the mean
    /// of all ratings under it. Areas nobody rated have no mean and are left out of the ranking.
    /// </summary>
    public static SessionSummary Summarize(Rubric rubric, IReadOnlyCollection<RubricRating> ratings, int ratersInvited,
        Func<Guid, string?> raterName)
    {
        var byLookFor = ratings.ToLookup(r => r.LookForId);
        var areas = rubric.Areas.Select(area =>
        {
            var practices = area.Practices.Select(practice =>
            {
                var lookFors = practice.LookFors.Select(l => LookFor(rubric, l, byLookFor[l.Id].ToList(), raterName)).ToList();
                return new PracticeSummary(practice.Id, practice.Title, Mean(practice.LookFors.SelectMany(l => byLookFor[l.Id])), lookFors);
            }).ToList();
            return new AreaSummary(area.Id, area.Title, area.Draft, Mean(area.Practices.SelectMany(p => p.LookFors).SelectMany(l => byLookFor[l.Id])), practices);
        }).ToList();
        var lookForCount = rubric.LookFors.Count();
        var perRater = ratings.GroupBy(r => r.RaterId).Select(g => g.Select(r => r.LookForId).Distinct().Count()).ToList();
        return new SessionSummary(areas,
            areas.Where(a => a.MeanLevel is not null).OrderBy(a => a.MeanLevel).ThenBy(a => a.AreaId).Select(a => a.AreaId).ToList(),
            new Participation(ratersInvited, perRater.Count, perRater.Count(n => n == lookForCount)));
    }

    /// <summary>Area means only: what leaves the service when a session closes.</summary>
    public static IReadOnlyDictionary<string, decimal> AreaMeans(SessionSummary summary) =>
        summary.Areas.Where(a => a.MeanLevel is not null).ToDictionary(a => a.AreaId, a => a.MeanLevel!.Value);

    private static LookForSummary LookFor(Rubric rubric, LookFor lookFor, List<RubricRating> ratings, Func<Guid, string?> raterName)
    {
        var levels = ratings.Select(r => r.Level).Order().ToList();
        var counts = Enumerable.Range(Rubric.MinLevel, Rubric.MaxLevel).ToDictionary(l => l, l => levels.Count(x => x == l));
        decimal? median = levels.Count == 0 ? null
            : levels.Count % 2 == 1 ? levels[levels.Count / 2] : (levels[levels.Count / 2 - 1] + levels[levels.Count / 2]) / 2m;
        var discuss = levels.Count > 1 && levels[^1] - levels[0] >= 2;
        var missing = ratings.Count(r => rubric.AsksStrategy(r.Level) && string.IsNullOrWhiteSpace(r.Strategy));
        var strategies = ratings.Where(r => !string.IsNullOrWhiteSpace(r.Strategy)).Select(r => new NamedStrategy(r.Strategy!, raterName(r.RaterId))).ToList();
        return new LookForSummary(lookFor.Id, lookFor.Text, counts, median, discuss, missing, strategies);
    }

    private static decimal? Mean(IEnumerable<RubricRating> ratings)
    {
        var levels = ratings.Select(r => r.Level).ToList();
        return levels.Count == 0 ? null : Math.Round((decimal)levels.Sum() / levels.Count, 2, MidpointRounding.AwayFromZero);
    }
}
