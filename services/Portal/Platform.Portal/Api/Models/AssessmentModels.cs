namespace Platform.Portal.Api.Models;

// The parts of the Assessments API's answers that the leadership pages show (api/assessments/rubrics, /sessions, /self).

public sealed record RubricListing(string Id, string Name, int LatestVersion);

public sealed record RubricLevel(int Level, string Label, bool AsksStrategy);

public sealed record RubricLookFor(string Id, string Text);

public sealed record RubricPractice(string Id, string Title, IReadOnlyList<RubricLookFor> LookFors);

/// <summary>An area of the hub-leadership rubric, or a quality of the leader-qualities one.</summary>
public sealed record RubricArea(string Id, string Title, string Goal, bool Draft, IReadOnlyList<RubricPractice> Practices);

public sealed record RubricContent(string Id, int Version, string Name, string? Description, IReadOnlyList<RubricLevel> Levels, IReadOnlyList<RubricArea> Areas);

public sealed record RubricSessionDetails(
    Guid Id, Guid NetworkId, string RubricId, int RubricVersion, string Title, DateOnly HeldOn, DateOnly ClosesOn, string Attribution, string Status,
    DateTimeOffset? ClosedAt, string? Reflection)
{
    /// <summary>As the API decides: ratings are taken while the session is open and its closing day has not passed.</summary>
    public bool AcceptsRatingsOn(DateOnly today) => Status == "Open" && today <= ClosesOn;
}

public sealed record RubricSessionView(RubricSessionDetails Session, IReadOnlyList<string> Raters);

/// <summary>One look-for's rating, as the API takes and returns it (PUT my-ratings, PUT self).</summary>
public sealed record RubricRating(string LookForId, int Level, string? Strategy);

public sealed record NamedStrategy(string Text, string? Rater);

public sealed record LookForSummary(
    string LookForId, string Text, IReadOnlyDictionary<int, int> LevelCounts, decimal? Median, bool Discuss, int MissingStrategies, IReadOnlyList<NamedStrategy> Strategies)
{
    /// <summary>Why the team should talk about it: the lowest and highest level chosen.</summary>
    public (int Low, int High) Spread => (LevelCounts.Where(c => c.Value > 0).Min(c => c.Key), LevelCounts.Where(c => c.Value > 0).Max(c => c.Key));
}

public sealed record PracticeSummary(string PracticeId, string Title, decimal? MeanLevel, IReadOnlyList<LookForSummary> LookFors);

public sealed record AreaSummary(string AreaId, string Title, bool Draft, decimal? MeanLevel, IReadOnlyList<PracticeSummary> Practices);

public sealed record RaterParticipation(int RatersInvited, int RatersStarted, int RatersComplete);

public sealed record SessionSummary(IReadOnlyList<AreaSummary> Areas, IReadOnlyList<string> AreasWeakestFirst, RaterParticipation Participation);

public sealed record NextStep(Guid Id, string Action, string Owner, DateOnly DueOn, string? AreaId, DateTimeOffset? CompletedAt);

public sealed record SelfAssessmentView(string RubricId, int RubricVersion, IReadOnlyList<RubricRating> Ratings, bool Complete, DateTimeOffset UpdatedAt);
