namespace Spc.Tests;

/// <summary>
/// Montgomery, Introduction to Statistical Quality Control (6th ed.), examples 6.5, 7.1, 7.3 and 7.5, with the data sets
/// and arguments of qicharts2's test fixtures (tests/testthat/test_montgomery.R; the data in its R/sysdata.rda:
/// tbl_06.07 with freeze = 20, tbl_07.03 with exclude = c(15, 23), tbl_07.08 with exclude = c(6, 20), tbl_07.11 with
/// multiply = 50). The textbook prints centre and limits to two decimals; ours agree with them and with qicharts2's
/// formulas to four. The runs analysis is qicharts2's (Anhøj).
/// </summary>
public class PublishedExampleTests
{
    private const int Precision = 4;

    /// <summary>Example 7.1 (table 7.1): orange juice cans, 30 samples of 50, nonconforming cans per sample.</summary>
    private static readonly double[] OrangeJuiceCans =
        [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6];

    /// <summary>Example 7.3 (table 7.7): nonconformities in 26 successive samples of 100 printed circuit boards.</summary>
    private static readonly double[] CircuitBoards =
        [21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24, 16, 19, 17, 15];

    /// <summary>Example 6.5 (table 6.7): weekly cost of processing mortgage loan applications; limits from the first 20 weeks.</summary>
    private static readonly double[] LoanCosts =
        [310, 288, 297, 298, 307, 303, 294, 297, 308, 306, 294, 299, 297, 299, 314, 295, 293, 306, 301, 304,
         305, 282, 305, 296, 314, 295, 287, 301, 298, 311, 310, 292, 305, 299, 304, 310, 304, 305, 333, 328];

    /// <summary>Example 7.5 (table 7.11): nonconformities in 10 rolls of dyed cloth of the given square metres; the inspection unit is 50 m².</summary>
    private static readonly double[] ClothDefects = [14, 12, 20, 11, 7, 10, 21, 16, 19, 23];
    private static readonly double[] ClothSquareMetres = [500, 400, 650, 500, 475, 500, 600, 525, 600, 625];

    /// <summary>The 1-based sample numbers outside the limits.</summary>
    private static IEnumerable<int> Outside(ChartResult chart) =>
        chart.Points.Select((p, i) => (p, i)).Where(x => x.p.OutsideLimits).Select(x => x.i + 1);

    private static List<MeasurePoint> Cans() => Series.Of(OrangeJuiceCans, OrangeJuiceCans.Select(_ => 50.0).ToArray());

    [Fact]
    public void Montgomery_7_1_trial_limits_of_the_p_chart()
    {
        // p̄ = 347 / 1500 = 0.2313, UCL 0.4102, LCL 0.0524; samples 15 (0.44) and 23 (0.48) are above.
        var chart = SpcChart.Compute(ChartKind.P, Cans());

        Assert.Equal(0.2313, chart.Parts[0].Center!.Value, Precision);
        Assert.All(chart.Points, p => { Assert.Equal(0.4102, p.Upper!.Value, Precision); Assert.Equal(0.0524, p.Lower!.Value, Precision); });
        Assert.Equal([15, 23], Outside(chart));
        Assert.Equal(new RunsAnalysis(30, 4, 8, 15, 10, false), chart.Parts[0].Runs);
    }

    [Fact]
    public void Montgomery_7_1_revised_limits_leave_out_samples_15_and_23()
    {
        // Revised: p̄ = 301 / 1400 = 0.2150, UCL 0.3893, LCL 0.0407; sample 21 (0.40) now exceeds the UCL, as the textbook
        // notes; the excluded samples are shown, not flagged.
        var chart = SpcChart.Compute(ChartKind.P, Cans().Excluding(15, 23));

        Assert.Equal(0.2150, chart.Parts[0].Center!.Value, Precision);
        Assert.All(chart.Points, p => { Assert.Equal(0.3893, p.Upper!.Value, Precision); Assert.Equal(0.0407, p.Lower!.Value, Precision); });
        Assert.Equal([21], Outside(chart));
        Assert.True(chart.Points[14].Excluded);
        Assert.False(chart.Points[14].OutsideLimits);
        Assert.Equal(new RunsAnalysis(28, 5, 8, 13, 9, false), chart.Parts[0].Runs);
    }

    [Fact]
    public void Montgomery_7_3_trial_limits_of_the_c_chart()
    {
        // c̄ = 516 / 26 = 19.8462 (the textbook's 19.85), UCL 33.2109, LCL 6.4814; samples 6 (5) and 20 (39) outside.
        var chart = SpcChart.Compute(ChartKind.C, Series.Of(CircuitBoards));

        Assert.Equal(19.8462, chart.Parts[0].Center!.Value, Precision);
        Assert.Equal(33.2109, chart.Points[0].Upper!.Value, Precision);
        Assert.Equal(6.4814, chart.Points[0].Lower!.Value, Precision);
        Assert.Equal([6, 20], Outside(chart));
        // Seven crossings are fewer than the 8 expected at least for 26 useful points: a runs signal too.
        Assert.Equal(new RunsAnalysis(26, 6, 8, 7, 8, true), chart.Parts[0].Runs);
    }

    [Fact]
    public void Montgomery_7_3_revised_limits_leave_out_samples_6_and_20()
    {
        // Revised: c̄ = 472 / 24 = 19.6667, UCL 32.9708, LCL 6.3625 (the textbook's 19.67, 32.97, 6.36).
        var chart = SpcChart.Compute(ChartKind.C, Series.Of(CircuitBoards).Excluding(6, 20), new ChartSettings(Freeze: 26));

        Assert.Equal(19.6667, chart.Parts[0].Center!.Value, Precision);
        Assert.Equal(32.9708, chart.Points[0].Upper!.Value, Precision);
        Assert.Equal(6.3625, chart.Points[0].Lower!.Value, Precision);
        Assert.DoesNotContain(chart.Points, p => p.OutsideLimits);
        Assert.Equal(new RunsAnalysis(24, 6, 8, 7, 8, true), chart.Parts[0].Runs);
    }

    [Fact]
    public void Montgomery_6_5_individuals_chart_frozen_on_the_first_20_weeks()
    {
        // x̄ = 300.5, mean moving range 7.7895 (none above the 25.45 screen), sigma 6.9056: limits 279.7833 and 321.2167
        // (the textbook's 279.78 and 321.22); weeks 39 and 40 are above.
        var chart = SpcChart.Compute(ChartKind.I, Series.Of(LoanCosts), new ChartSettings(Freeze: 20, Direction: Direction.Down));

        Assert.Equal(300.5, chart.Parts[0].Center!.Value, Precision);
        Assert.All(chart.Points, p => { Assert.Equal(279.7833, p.Lower!.Value, Precision); Assert.Equal(321.2167, p.Upper!.Value, Precision); });
        Assert.Equal([39, 40], Outside(chart));
        Assert.All(chart.Signals, s => Assert.False(s.InDirectionOfImprovement)); // costs up: the wrong way
        Assert.Equal(new RunsAnalysis(40, 6, 8, 20, 14, false), chart.Parts[0].Runs);
    }

    [Fact]
    public void Montgomery_7_5_u_chart_per_inspection_unit_with_limits_for_each_roll()
    {
        // ū = 153 / 5375 m² × 50 = 1.4233 per 50 m² (the textbook's 1.42); a 500 m² roll is 10 units: 1.4233 ± 3 sqrt(1.4233 / 10)
        // = 0.2915 and 2.5550; 400 m²: 0.1579 and 2.6886; 650 m²: 0.4306 and 2.4159.
        var chart = SpcChart.Compute(ChartKind.U, Series.Of(ClothDefects, ClothSquareMetres), new ChartSettings(Multiplier: 50));

        Assert.Equal(1.4233, chart.Parts[0].Center!.Value, Precision);
        Assert.Equal(1.4, chart.Points[0].Value, Precision);
        Assert.Equal((0.2915, 2.5550), (Math.Round(chart.Points[0].Lower!.Value, Precision), Math.Round(chart.Points[0].Upper!.Value, Precision)));
        Assert.Equal((0.1579, 2.6886), (Math.Round(chart.Points[1].Lower!.Value, Precision), Math.Round(chart.Points[1].Upper!.Value, Precision)));
        Assert.Equal((0.4306, 2.4159), (Math.Round(chart.Points[2].Lower!.Value, Precision), Math.Round(chart.Points[2].Upper!.Value, Precision)));
        Assert.Empty(chart.Signals);
        Assert.Equal(new RunsAnalysis(10, 4, 6, 3, 2, false), chart.Parts[0].Runs);
    }
}
