using Platform.Assessments.Application;
using Platform.Assessments;
using Platform.Assessments.Domain;

namespace Assessments.Tests;

public class RubricTests
{
    private static readonly RubricCatalog Catalog = new();
    private static readonly Rubric Practice = Catalog.Latest(RubricCatalog.HubLeadershipPractice);
    private static readonly Rubric Qualities = Catalog.Latest(RubricCatalog.LeaderQualities);
    private static readonly Guid Ana = Guid.NewGuid(), Ben = Guid.NewGuid(), Cy = Guid.NewGuid();

    [Fact]
    public void The_shipped_rubrics_have_the_shape_the_domain_describes()
    {
        Assert.Equal(["A1", "A2", "A3", "A4", "A5", "A6", "A7"], Practice.Areas.Select(a => a.Id).ToArray());
        Assert.False(Practice.Areas[0].Draft);
        Assert.All(Practice.Areas.Skip(1), a => Assert.True(a.Draft));
        Assert.Equal(5, Practice.Areas[0].Practices.Count);
        Assert.Equal([false, false, true, true], Practice.Levels.OrderBy(l => l.Level).Select(l => l.AsksStrategy).ToArray());
        Assert.Equal(5, Qualities.Areas.Count);
        Assert.All(Qualities.Areas, q => Assert.InRange(q.Practices.Sum(p => p.LookFors.Count), 3, 6));
    }

    [Fact]
    public void Levels_median_spread_and_missing_strategies_per_look_for()
    {
        RubricRating[] ratings =
        [
            new(Ana, "A1.P1.L1", 1, null), new(Ben, "A1.P1.L1", 3, "Shared calendar"), new(Cy, "A1.P1.L1", 2, null),
            new(Ana, "A1.P1.L2", 3, "  "), new(Ben, "A1.P1.L2", 4, "Onboarding pack"),
        ];
        var summary = RubricSummaries.Summarize(Practice, ratings, 4, r => r == Ben ? "Ben" : null);
        var lookFors = summary.Areas[0].Practices[0].LookFors;
        var l1 = lookFors.Single(l => l.LookForId == "A1.P1.L1");
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 1, [3] = 1, [4] = 0 }, l1.LevelCounts);
        Assert.Equal(2m, l1.Median);
        Assert.True(l1.Discuss);        // 1 and 3 are two levels apart
        Assert.Equal(0, l1.MissingStrategies);
        var l2 = lookFors.Single(l => l.LookForId == "A1.P1.L2");
        Assert.Equal(3.5m, l2.Median);  // even count: mean of the middle two
        Assert.False(l2.Discuss);       // 3 and 4 are neighbours
        Assert.Equal(1, l2.MissingStrategies); // a blank strategy at level 3 counts as missing
        Assert.Equal(new NamedStrategy("Onboarding pack", "Ben"), Assert.Single(l2.Strategies));
        Assert.DoesNotContain(summary.Areas[0].Practices[1].LookFors, l => l.Median is not null); // nobody rated these
        Assert.Equal(2.6m, summary.Areas[0].MeanLevel);
        Assert.Equal(new Participation(4, 3, 0), summary.Participation);
    }

    [Fact]
    public void Areas_are_ranked_weakest_first_and_unrated_areas_are_left_out()
    {
        RubricRating[] ratings = [new(Ana, "A1.P1.L1", 4, "x"), new(Ana, "A3.P1.L1", 1, null), new(Ana, "A5.P1.L1", 2, null)];
        var summary = RubricSummaries.Summarize(Practice, ratings, 1, _ => null);
        Assert.Equal(["A3", "A5", "A1"], summary.AreasWeakestFirst);
        Assert.Equal(new Dictionary<string, decimal> { ["A1"] = 4m, ["A3"] = 1m, ["A5"] = 2m }, RubricSummaries.AreaMeans(summary));
    }

    [Fact]
    public void A_rater_who_rated_every_look_for_is_complete()
    {
        var all = Practice.LookFors.Select(l => new RubricRating(Ana, l.LookFor.Id, 2, null)).Append(new RubricRating(Ben, "A1.P1.L1", 2, null)).ToList();
        Assert.Equal(new Participation(2, 2, 1), RubricSummaries.Summarize(Practice, all, 2, _ => null).Participation);
    }

    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static LeaderQualities.Assessment Self(string user, int level, DateTimeOffset updated) =>
        new(user, updated, Qualities.LookFors.ToDictionary(l => l.LookFor.Id, _ => level));

    [Fact]
    public void The_team_sees_leader_qualities_only_from_three_completed_besides_the_reader()
    {
        var two = LeaderQualities.Release(Qualities, null, [Self("ana", 3, Monday), Self("ben", 3, Monday)], Monday);
        Assert.Null(two);
        Assert.Null(LeaderQualities.View(Qualities, two, "hub").Qualities);

        var three = LeaderQualities.Release(Qualities, null, [Self("ana", 3, Monday), Self("ben", 3, Monday), Self("cy", 4, Monday)], Monday);
        var seen = LeaderQualities.View(Qualities, three, "hub");
        Assert.Equal(3, seen.Completed);
        Assert.All(seen.Qualities!, q => Assert.Equal(3.33m, q.MeanLevel));
        // Ana is one of the three: without her own, two are left, and she sees nothing.
        Assert.Null(LeaderQualities.View(Qualities, three, "ana").Qualities);
        Assert.False(LeaderQualities.IsComplete(Qualities, new Dictionary<string, int> { ["Q1.L1"] = 2 }));
    }

    [Fact]
    public void The_team_mean_moves_only_with_three_new_or_changed_and_at_most_once_a_day()
    {
        List<LeaderQualities.Assessment> team = [Self("ana", 3, Monday), Self("ben", 3, Monday), Self("cy", 4, Monday)];
        var first = LeaderQualities.Release(Qualities, null, team, Monday)!;

        // A fourth completes and Ana edits hers: two changes, and too soon anyway. Nothing moves, even a day later.
        team = [Self("ana", 1, Monday.AddHours(2)), Self("ben", 3, Monday), Self("cy", 4, Monday), Self("dee", 2, Monday.AddHours(3))];
        Assert.Same(first, LeaderQualities.Release(Qualities, first, team, Monday.AddHours(4)));
        Assert.Same(first, LeaderQualities.Release(Qualities, first, team, Monday.AddDays(2)));

        // A third change: the next step takes in all three, once a day has passed since the first.
        team.Add(Self("eve", 4, Monday.AddHours(5)));
        Assert.Same(first, LeaderQualities.Release(Qualities, first, team, Monday.AddHours(6)));
        var second = LeaderQualities.Release(Qualities, first, team, Monday.AddDays(1))!;
        Assert.Equal(5, second.Contributors.Count);
        Assert.All(second.QualityMeans.Values, m => Assert.Equal(2.8m, m)); // (1 + 3 + 4 + 2 + 4) / 5
    }
}
