using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Platform.HealthModel.SteppedRelease;

namespace HealthModel.Tests;

public class SteppedReleaseTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static Pending<int> Answer(int id, params string[] groups) => new(id, groups);

    private static List<Pending<int>> Answers(int count, params string[] groups) =>
        Enumerable.Range(1, count).Select(i => Answer(i, groups)).ToList();

    [Fact]
    public void The_first_step_comes_with_the_minimum_and_not_before()
    {
        Assert.Empty(Due(Answers(4), null, Monday, 5, final: false));
        Assert.Equal([1, 2, 3, 4, 5], Due(Answers(5), null, Monday, 5, final: false));
    }

    [Fact]
    public void A_step_comes_at_most_once_a_day_and_only_with_the_minimum_of_new_answers()
    {
        var released = Monday;
        Assert.Empty(Due(Answers(9), released, Monday.AddHours(23), 5, final: false)); // enough, but too soon
        Assert.Empty(Due(Answers(4), released, Monday.AddDays(2), 5, final: false)); // late enough, too few
        Assert.Equal(9, Due(Answers(9), released, Monday.AddDays(1), 5, final: false).Count);
    }

    [Fact]
    public void A_group_that_would_gain_fewer_than_the_minimum_waits_and_the_rest_goes()
    {
        var pending = Answers(6, "team:a").Concat([Answer(7, "team:b"), Answer(8, "team:b")]).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], Due(pending, null, Monday, 5, final: false));
    }

    [Fact]
    public void Dropping_a_small_group_can_shrink_another_below_the_minimum_and_both_wait()
    {
        // Five team-a answers, but one of them is the only TeamLead: without it team a has four, so nothing goes.
        var pending = Answers(4, "team:a").Append(Answer(5, "team:a", "role:TeamLead")).ToList();
        Assert.Empty(Due(pending, null, Monday, 5, final: false));
    }

    [Fact]
    public void The_final_step_releases_everything_at_once()
    {
        Assert.Equal([1, 2], Due(Answers(2, "team:a"), Monday, Monday.AddMinutes(1), 5, final: true));
    }

    /// <summary>
    /// Answers arrive in any order and groups, and a reader looks at any times: every difference between two successive
    /// releases holds at least the minimum of answers in the whole and in every group it touches, and two steps are a
    /// day apart, until the final step.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property No_two_successive_releases_differ_by_fewer_than_the_minimum(NonEmptyArray<(byte Team, byte Role, byte MinutesLater)> arrivals, PositiveInt raise)
    {
        var minimum = 5 + raise.Get % 3;
        var now = Monday;
        var pending = new List<Pending<int>>();
        DateTimeOffset? lastStep = null;
        var steps = new List<(DateTimeOffset At, List<Pending<int>> Answers)>();
        for (var i = 0; i < arrivals.Get.Length; i++)
        {
            var (team, role, later) = arrivals.Get[i];
            now = now.AddMinutes(later * 20); // up to about three and a half days between two answers
            pending.Add(Answer(i, $"team:{team % 4}", $"role:{role % 3}"));
            var due = Due(pending, lastStep, now, minimum, final: false).ToHashSet();
            if (due.Count == 0) continue;
            steps.Add((now, pending.Where(p => due.Contains(p.Id)).ToList()));
            pending.RemoveAll(p => due.Contains(p.Id));
            lastStep = now;
        }
        var stepsAreLargeInEveryGroup = steps.All(s => s.Answers.Count >= minimum
            && s.Answers.SelectMany(a => a.Groups).CountBy(g => g).All(g => g.Value >= minimum));
        var stepsAreADayApart = steps.Zip(steps.Skip(1)).All(p => p.Second.At - p.First.At >= Platform.HealthModel.SteppedRelease.Interval);
        var finalReleasesTheRest = Due(pending, lastStep, now, minimum, final: true).Count == pending.Count;
        return (stepsAreLargeInEveryGroup && stepsAreADayApart && finalReleasesTheRest)
            .Label($"steps {string.Join(" | ", steps.Select(s => $"{s.At:dd HH:mm} {s.Answers.Count}"))}");
    }
}
