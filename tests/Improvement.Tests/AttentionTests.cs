using Platform.Improvement.Domain;

namespace Improvement.Tests;

public sealed class AttentionTests
{
    private static readonly DateOnly Today = new(2026, 3, 10); // a Tuesday

    [Theory]
    [InlineData(CycleStatus.Do, 30, false)] // 30 days after the start is still on time
    [InlineData(CycleStatus.Do, 31, true)]
    [InlineData(CycleStatus.Study, 30, false)]
    [InlineData(CycleStatus.Study, 31, true)]
    [InlineData(CycleStatus.Plan, 90, false)] // not started: nothing to be late with
    [InlineData(CycleStatus.Done, 90, false)]
    public void A_cycle_is_overdue_in_Do_or_Study_more_than_30_days_after_it_started(CycleStatus status, int daysAgo, bool overdue) =>
        Assert.Equal(overdue, Attention.IsOverdue(status, Today.AddDays(-daysAgo), Today));

    [Fact]
    public void A_cycle_with_no_start_date_is_not_overdue() => Assert.False(Attention.IsOverdue(CycleStatus.Do, null, Today));

    [Fact]
    public void Points_on_the_first_of_months_are_monthly_and_weekly_points_are_weekly()
    {
        Assert.Equal(MeasureFrequency.Monthly, Attention.FrequencyOf([new(2026, 1, 1), new(2026, 2, 1)]));
        Assert.Equal(MeasureFrequency.Monthly, Attention.FrequencyOf([new(2026, 2, 1)]));
        Assert.Equal(MeasureFrequency.Weekly, Attention.FrequencyOf([new(2026, 2, 23), new(2026, 3, 2)]));
        // Weekly points that happen to fall on the first of a month are still a week apart.
        Assert.Equal(MeasureFrequency.Weekly, Attention.FrequencyOf([new(2026, 6, 1), new(2026, 6, 8)]));
    }

    [Fact]
    public void A_monthly_measure_needs_a_point_for_last_month()
    {
        // On 10 March the last complete month is February.
        Assert.False(Attention.HasNoDataForLastPeriod([new(2026, 1, 1), new(2026, 2, 1)], Today));
        Assert.True(Attention.HasNoDataForLastPeriod([new(2025, 12, 1), new(2026, 1, 1)], Today));
        // On the first of a month the month before has just become complete.
        Assert.True(Attention.HasNoDataForLastPeriod([new(2026, 1, 1)], new DateOnly(2026, 3, 1)));
        Assert.False(Attention.HasNoDataForLastPeriod([new(2026, 1, 1)], new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public void A_weekly_measure_needs_a_point_for_the_last_week_whose_seven_days_have_passed()
    {
        // Weeks start on Mondays (the latest point's weekday). On Monday 9 March the week of 2 March has just ended.
        DateOnly[] upTo2March = [new(2026, 2, 23), new(2026, 3, 2)];
        Assert.False(Attention.HasNoDataForLastPeriod(upTo2March, new DateOnly(2026, 3, 9)));
        Assert.False(Attention.HasNoDataForLastPeriod(upTo2March, new DateOnly(2026, 3, 15)));
        // On Monday 16 March the week of 9 March is complete and has no point.
        Assert.True(Attention.HasNoDataForLastPeriod(upTo2March, new DateOnly(2026, 3, 16)));
        // A point for the week still running does not stand in for the last complete one.
        Assert.True(Attention.HasNoDataForLastPeriod([new(2026, 2, 16), new(2026, 3, 9)], new DateOnly(2026, 3, 10)));
        Assert.False(Attention.HasNoDataForLastPeriod([new(2026, 3, 2), new(2026, 3, 9)], new DateOnly(2026, 3, 10)));
    }

    [Fact]
    public void A_measure_without_points_has_no_data_for_the_last_period() => Assert.True(Attention.HasNoDataForLastPeriod([], Today));
}
