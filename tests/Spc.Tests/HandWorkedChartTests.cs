namespace Spc.Tests;

/// <summary>Small series worked by hand (the arithmetic is in the comments), one or more per chart kind.</summary>
public class HandWorkedChartTests
{
    private const int Precision = 6;

    [Fact]
    public void Run_chart_centre_is_the_median_and_has_no_limits()
    {
        // 1..10: median 5.5; five points below then five above: longest run 5 (max 6), 1 crossing (min 2): signal.
        var chart = SpcChart.Compute(ChartKind.Run, Series.Of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), new ChartSettings(Direction: Direction.Up));

        var part = Assert.Single(chart.Parts);
        Assert.Equal(5.5, part.Center);
        Assert.Equal(new RunsAnalysis(10, 5, 6, 1, 2, true), part.Runs);
        Assert.All(chart.Points, p => { Assert.Null(p.Lower); Assert.Null(p.Upper); Assert.False(p.OutsideLimits); Assert.Equal(1, p.Part); });
        // The latest of the two longest runs (above the median) names the periods and the side: up is better here.
        var signal = Assert.Single(chart.Signals);
        Assert.Equal(new Signal(SignalKind.Runs, 1, Series.Month(5), Series.Month(9), true), signal);
    }

    [Fact]
    public void Points_on_the_median_are_not_useful()
    {
        // 1 2 3 3 3 4 5: median 3; useful points 1 2 | 4 5: two runs of 2, one crossing.
        var chart = SpcChart.Compute(ChartKind.Run, Series.Of(1, 2, 3, 3, 3, 4, 5));
        Assert.Equal(3, chart.Parts[0].Center);
        Assert.Equal(new RunsAnalysis(4, 2, 5, 1, 0, false), chart.Parts[0].Runs);
    }

    [Fact]
    public void I_chart_limits_come_from_the_mean_moving_range()
    {
        // 2 4 3 5 4 6: mean 4; moving ranges 2 1 2 1 2, mean 1.6 (screen 5.2272 keeps all); sigma 1.6 / 1.128;
        // limits 4 ± 4.2553191 = -0.2553191 and 8.2553191 (an I chart's lower limit is not cut at 0).
        var chart = SpcChart.Compute(ChartKind.I, Series.Of(2, 4, 3, 5, 4, 6));

        Assert.Equal(4, chart.Parts[0].Center!.Value, Precision);
        Assert.All(chart.Points, p =>
        {
            Assert.Equal(-0.255319, p.Lower!.Value, Precision);
            Assert.Equal(8.255319, p.Upper!.Value, Precision);
            Assert.False(p.OutsideLimits);
        });
        Assert.Empty(chart.Signals);
    }

    [Fact]
    public void I_chart_leaves_out_moving_ranges_above_3267_times_their_first_mean()
    {
        // Moving ranges 1 × 8 and 40: first mean 48 / 9 = 5.333, screen 17.424 leaves out the 40; sigma = 1 / 1.128.
        var values = new double[] { 10, 11, 10, 11, 10, 11, 10, 11, 10, 50 };
        var chart = SpcChart.Compute(ChartKind.I, Series.Of(values));

        // Mean 144 / 10 = 14.4; limits 14.4 ± 3 / 1.128 = 11.740426 and 17.059574.
        Assert.Equal(14.4, chart.Parts[0].Center!.Value, Precision);
        Assert.Equal(11.740426, chart.Points[0].Lower!.Value, Precision);
        Assert.Equal(17.059574, chart.Points[0].Upper!.Value, Precision);
        Assert.True(chart.Points[9].OutsideLimits);
    }

    [Fact]
    public void P_chart_limits_vary_with_each_denominator_and_are_cut_at_0()
    {
        // 2/10, 3/20, 5/10: centre 10/40 = 0.25; sigma sqrt(0.1875 / n): n = 10 gives 0.25 ± 0.410792, n = 20 ± 0.290474.
        var chart = SpcChart.Compute(ChartKind.P, Series.Of([2, 3, 5], [10, 20, 10]));

        Assert.Equal(0.25, chart.Parts[0].Center!.Value, Precision);
        Assert.Equal([0.2, 0.15, 0.5], chart.Points.Select(p => p.Value));
        Assert.Equal([0.660792, 0.540474, 0.660792], chart.Points.Select(p => Math.Round(p.Upper!.Value, Precision)));
        Assert.All(chart.Points, p => Assert.Equal(0, p.Lower));
    }

    [Fact]
    public void P_chart_upper_limit_is_cut_at_1()
    {
        // 9/10 and 1/2: centre 10/12 = 0.833333; n = 2: 0.833333 ± 3 × sqrt(0.833333 × 0.166667 / 2) = 0.833333 ± 0.790569:
        // the upper 1.623903 is cut to 1, the lower 0.042764 stays.
        var chart = SpcChart.Compute(ChartKind.P, Series.Of([9, 1], [10, 2]));
        Assert.Equal(1, chart.Points[1].Upper);
        Assert.Equal(0.042764, chart.Points[1].Lower!.Value, Precision);
    }

    [Fact]
    public void U_chart_limits_vary_with_each_denominator_and_the_lower_is_cut_at_0()
    {
        // 4/2, 9/3, 2/1: centre 15/6 = 2.5; upper 2.5 + 3 × sqrt(2.5 / n) = 5.854102, 5.238613, 7.243416; lower negative, cut to 0.
        var chart = SpcChart.Compute(ChartKind.U, Series.Of([4, 9, 2], [2, 3, 1]));

        Assert.Equal(2.5, chart.Parts[0].Center!.Value, Precision);
        Assert.Equal([5.854102, 5.238613, 7.243416], chart.Points.Select(p => Math.Round(p.Upper!.Value, Precision)));
        Assert.All(chart.Points, p => Assert.Equal(0, p.Lower));
    }

    [Fact]
    public void C_chart_centre_is_the_mean_count()
    {
        // 4 6 5 9: centre 6; limits 6 ± 3 × sqrt(6) = 6 ± 7.348469: lower cut to 0, upper 13.348469.
        var chart = SpcChart.Compute(ChartKind.C, Series.Of(4, 6, 5, 9));

        Assert.Equal(6, chart.Parts[0].Center!.Value, Precision);
        Assert.All(chart.Points, p => { Assert.Equal(0, p.Lower); Assert.Equal(13.348469, p.Upper!.Value, Precision); });
    }

    [Fact]
    public void The_multiplier_scales_values_centre_and_limits()
    {
        // The P chart above in percent.
        var chart = SpcChart.Compute(ChartKind.P, Series.Of([2, 3, 5], [10, 20, 10]), new ChartSettings(Multiplier: 100));

        Assert.Equal(100, chart.Multiplier);
        Assert.Equal(25, chart.Parts[0].Center!.Value, Precision);
        Assert.Equal(20, chart.Points[0].Value, Precision);
        Assert.Equal(66.079192, chart.Points[0].Upper!.Value, 5);
    }

    [Fact]
    public void A_point_outside_the_limits_says_whether_it_is_in_the_direction_of_improvement()
    {
        // C chart 5 5 5 5 5 5 5 20: mean 6.875, upper 6.875 + 3 × sqrt(6.875) = 14.741: the 20 is above.
        var points = Series.Of(5, 5, 5, 5, 5, 5, 5, 20);
        var up = SpcChart.Compute(ChartKind.C, points, new ChartSettings(Direction: Direction.Up));
        var down = SpcChart.Compute(ChartKind.C, points, new ChartSettings(Direction: Direction.Down));
        var none = SpcChart.Compute(ChartKind.C, points);

        Assert.Contains(new Signal(SignalKind.OutsideLimits, 1, Series.Month(7), Series.Month(7), true), up.Signals);
        Assert.Contains(new Signal(SignalKind.OutsideLimits, 1, Series.Month(7), Series.Month(7), false), down.Signals);
        Assert.Contains(new Signal(SignalKind.OutsideLimits, 1, Series.Month(7), Series.Month(7), null), none.Signals);
        Assert.True(up.Points[7].OutsideLimits);
    }
}
