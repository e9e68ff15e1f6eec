namespace Spc.Tests;

public class PartsAndEdgeCaseTests
{
    [Fact]
    public void Freeze_takes_the_centre_from_the_first_k_points_and_tests_the_rest_against_it()
    {
        // Median of 1..5 is 3; the 3 itself is on the line; 2 points below, then 9 above: longest run 9 > 6 for n = 11.
        var chart = SpcChart.Compute(ChartKind.Run, Series.Of(1, 2, 3, 4, 5, 10, 10, 10, 10, 10, 10, 10), new ChartSettings(Freeze: 5));

        Assert.All(chart.Points, p => Assert.Equal(3, p.Center));
        Assert.Equal(new RunsAnalysis(11, 9, 6, 1, 2, true), chart.Parts[0].Runs);
        Assert.Equal(new Signal(SignalKind.Runs, 1, Series.Month(3), Series.Month(11), null), Assert.Single(chart.Signals));
    }

    [Fact]
    public void Frozen_limits_are_extended_over_the_part()
    {
        // The hand-worked I chart (centre 4, limits -0.255319 and 8.255319) frozen on its six points, then a 20.
        var chart = SpcChart.Compute(ChartKind.I, Series.Of(2, 4, 3, 5, 4, 6, 20), new ChartSettings(Freeze: 6, Direction: Direction.Down));

        Assert.All(chart.Points, p => { Assert.Equal(4, p.Center!.Value, 9); Assert.Equal(8.255319, p.Upper!.Value, 6); });
        Assert.True(chart.Points[6].OutsideLimits);
        Assert.Contains(new Signal(SignalKind.OutsideLimits, 1, Series.Month(6), Series.Month(6), false), chart.Signals);
    }

    [Fact]
    public void A_freeze_longer_than_the_first_part_uses_the_whole_part()
    {
        var frozen = SpcChart.Compute(ChartKind.C, Series.Of(4, 6, 5, 9), new ChartSettings(Freeze: 40));
        Assert.Equal(SpcChart.Compute(ChartKind.C, Series.Of(4, 6, 5, 9)).Points, frozen.Points);
    }

    [Fact]
    public void Splits_give_each_part_its_own_centre_and_runs_analysis()
    {
        var chart = SpcChart.Compute(ChartKind.Run, Series.Of(1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16),
            new ChartSettings(Splits: [Series.Month(6)]));

        Assert.Equal(2, chart.Parts.Count);
        Assert.Equal((Series.Month(0), Series.Month(5), 3.5), (chart.Parts[0].FirstPeriod, chart.Parts[0].LastPeriod, chart.Parts[0].Center!.Value));
        Assert.Equal((Series.Month(6), Series.Month(11), 13.5), (chart.Parts[1].FirstPeriod, chart.Parts[1].LastPeriod, chart.Parts[1].Center!.Value));
        Assert.Equal(Enumerable.Repeat(1, 6).Concat(Enumerable.Repeat(2, 6)), chart.Points.Select(p => p.Part));
        Assert.Equal(new RunsAnalysis(6, 3, 6, 1, 1, false), chart.Parts[1].Runs);
    }

    [Fact]
    public void A_split_between_periods_starts_the_part_at_the_next_point_and_splits_outside_the_series_add_no_part()
    {
        var chart = SpcChart.Compute(ChartKind.C, Series.Of(4, 6, 5, 9, 1, 2),
            new ChartSettings(Splits: [Series.Month(3).AddDays(-5), Series.Month(-3), Series.Month(0), Series.Month(40), Series.Month(3)]));

        Assert.Equal([1, 1, 1, 2, 2, 2], chart.Points.Select(p => p.Part));
    }

    [Fact]
    public void Freeze_applies_to_the_first_part_only()
    {
        var chart = SpcChart.Compute(ChartKind.C, Series.Of(4, 6, 5, 9, 1, 2, 3), new ChartSettings(Freeze: 2, Splits: [Series.Month(4)]));
        Assert.Equal(5, chart.Parts[0].Center);
        Assert.Equal(2, chart.Parts[1].Center);
    }

    [Fact]
    public void An_empty_series_has_no_parts_points_or_signals()
    {
        var chart = SpcChart.Compute(ChartKind.P, []);
        Assert.Empty(chart.Parts);
        Assert.Empty(chart.Points);
        Assert.Empty(chart.Signals);
    }

    [Fact]
    public void All_points_excluded_leaves_a_part_without_centre_limits_or_runs()
    {
        var chart = SpcChart.Compute(ChartKind.I, Series.Of(1, 5, 2).Excluding(1, 2, 3));

        var part = Assert.Single(chart.Parts);
        Assert.Null(part.Center);
        Assert.Equal(new RunsAnalysis(0, 0, null, 0, null, false), part.Runs);
        Assert.All(chart.Points, p => { Assert.True(p.Excluded); Assert.Null(p.Center); Assert.Null(p.Upper); Assert.False(p.OutsideLimits); });
        Assert.Empty(chart.Signals);
    }

    [Fact]
    public void A_freeze_on_excluded_points_only_leaves_the_part_without_a_centre()
    {
        var chart = SpcChart.Compute(ChartKind.C, Series.Of(4, 6, 5, 9).Excluding(1, 2), new ChartSettings(Freeze: 2));
        Assert.Null(chart.Parts[0].Center);
        Assert.All(chart.Points, p => { Assert.Null(p.Center); Assert.False(p.OutsideLimits); });
        Assert.Empty(chart.Signals);
    }

    [Fact]
    public void One_point_is_its_own_centre_without_limits_on_an_I_chart()
    {
        var chart = SpcChart.Compute(ChartKind.I, Series.Of(7));

        Assert.Equal(7, chart.Parts[0].Center);
        Assert.Equal(new ChartPoint(Series.Month(0), 7, 7, null, null, false, false, 1), Assert.Single(chart.Points));
        Assert.Equal(new RunsAnalysis(0, 0, null, 0, null, false), chart.Parts[0].Runs);
    }

    [Fact]
    public void One_point_has_limits_on_a_c_chart()
    {
        var point = Assert.Single(SpcChart.Compute(ChartKind.C, Series.Of(4)).Points);
        Assert.Equal(10, point.Upper);
    }

    [Fact]
    public void Points_are_ordered_by_period()
    {
        var points = Series.Of(3, 1, 2);
        points.Reverse();
        Assert.Equal([3, 1, 2], SpcChart.Compute(ChartKind.Run, points).Points.Select(p => p.Value));
    }

    [Fact]
    public void Run_I_and_C_charts_plot_the_numerator()
    {
        var points = Series.Of([3, 4], [10, 10]);
        Assert.Equal([3, 4], SpcChart.Compute(ChartKind.Run, points).Points.Select(p => p.Value));
    }

    public static TheoryData<ChartKind, MeasurePoint> Refused => new()
    {
        { ChartKind.P, new MeasurePoint(Series.Month(1), 1, 0) },
        { ChartKind.U, new MeasurePoint(Series.Month(1), 1, 0) },
        { ChartKind.P, new MeasurePoint(Series.Month(1), 1) },
        { ChartKind.U, new MeasurePoint(Series.Month(1), 1, -2) },
        { ChartKind.P, new MeasurePoint(Series.Month(1), 3, 2) },
        { ChartKind.C, new MeasurePoint(Series.Month(1), -1) },
        { ChartKind.I, new MeasurePoint(Series.Month(1), double.NaN) },
        { ChartKind.P, new MeasurePoint(Series.Month(1), 1, double.PositiveInfinity) },
        { ChartKind.Run, new MeasurePoint(Series.Month(0), 1) }, // a second point for the same period
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Points_that_make_no_chart_are_refused(ChartKind chart, MeasurePoint bad) =>
        Assert.Throws<ArgumentException>(() => SpcChart.Compute(chart, [new MeasurePoint(Series.Month(0), 1, 2), bad]));

    [Fact]
    public void Settings_that_make_no_chart_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpcChart.Compute(ChartKind.C, Series.Of(1), new ChartSettings(Multiplier: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpcChart.Compute(ChartKind.C, Series.Of(1), new ChartSettings(Multiplier: double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpcChart.Compute(ChartKind.C, Series.Of(1), new ChartSettings(Freeze: 0)));
    }

    [Fact]
    public void A_negative_value_is_fine_on_run_and_I_charts() =>
        Assert.Equal(-1.5, SpcChart.Compute(ChartKind.I, Series.Of(-1, -2)).Parts[0].Center);
}
