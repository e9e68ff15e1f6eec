namespace Spc.Tests;

public class IhiRulesTests
{
    private static readonly ChartSettings Ihi = new(Rules: RuleSet.Ihi, Direction: Direction.Up);

    [Fact]
    public void Six_points_on_one_side_are_a_shift()
    {
        var chart = SpcChart.Compute(ChartKind.Run, Series.Of(1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5), Ihi);

        Assert.Equal(new RunsAnalysis(12, 6, 5, 1, null, true), chart.Parts[0].Runs);
        Assert.Equal(
            [new Signal(SignalKind.Shift, 1, Series.Month(0), Series.Month(5), false), new Signal(SignalKind.Shift, 1, Series.Month(6), Series.Month(11), true)],
            chart.Signals);
    }

    [Fact]
    public void Five_on_one_side_are_not_a_shift()
    {
        var chart = SpcChart.Compute(ChartKind.Run, Series.Of(1, 1, 1, 1, 1, 5, 5, 5, 5, 5), Ihi);
        Assert.False(chart.Parts[0].Runs.Signal);
        Assert.Empty(chart.Signals);
    }

    [Fact]
    public void Points_on_the_centre_line_neither_make_nor_break_a_shift()
    {
        // Centre 3 (the median of the first three points); after the 4, six points below with a 3 among them.
        var chart = SpcChart.Compute(ChartKind.Run, Series.Of(2, 3, 4, 1, 2, 3, 1, 2, 1, 2),
            new ChartSettings(Freeze: 3, Rules: RuleSet.Ihi, Direction: Direction.Down));

        Assert.Equal(new Signal(SignalKind.Shift, 1, Series.Month(3), Series.Month(9), true), Assert.Single(chart.Signals));
    }

    [Fact]
    public void Five_points_going_up_are_a_trend_and_a_repeat_counts_once()
    {
        var chart = SpcChart.Compute(ChartKind.Run, Series.Of(1, 2, 2, 3, 4, 5), Ihi);
        Assert.Equal(new Signal(SignalKind.Trend, 1, Series.Month(0), Series.Month(5), true), Assert.Single(chart.Signals));
        Assert.True(chart.Parts[0].Runs.Signal);
    }

    [Fact]
    public void Five_points_going_down_are_a_trend()
    {
        var chart = SpcChart.Compute(ChartKind.I, Series.Of(7, 9, 8, 7, 6, 5, 6), Ihi);
        Assert.Equal(new Signal(SignalKind.Trend, 1, Series.Month(1), Series.Month(5), false), Assert.Single(chart.Signals));
    }

    [Fact]
    public void Four_points_going_up_are_not_a_trend()
    {
        var chart = SpcChart.Compute(ChartKind.Run, Series.Of(3, 1, 2, 3, 4, 2), Ihi);
        Assert.Empty(chart.Signals);
    }

    [Fact]
    public void Excluded_points_are_skipped_by_a_trend()
    {
        var chart = SpcChart.Compute(ChartKind.Run, Series.Of(1, 2, 100, 3, 4, 5).Excluding(3), Ihi);
        Assert.Equal(new Signal(SignalKind.Trend, 1, Series.Month(0), Series.Month(5), true), Assert.Single(chart.Signals));
    }

    [Fact]
    public void Anhoej_rules_do_not_signal_a_trend_of_five()
    {
        var chart = SpcChart.Compute(ChartKind.Run, Series.Of(1, 2, 2, 3, 4, 5));
        Assert.Empty(chart.Signals);
    }
}
