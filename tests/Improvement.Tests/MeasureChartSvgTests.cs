using Platform.Improvement.Application;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.Spc;

namespace Improvement.Tests;

/// <summary>A measure's chart as SVG: accessible, titled, its signals named in the legend, the cycles of its change ideas drawn where they started.</summary>
public sealed class MeasureChartSvgTests
{
    private static readonly DateOnly Start = new(2023, 1, 1);

    private static Measure Measure(ChartKind chart) => new(Guid.NewGuid(), Guid.NewGuid(), null, "Students absent 10+ days", MeasureKind.Outcome, chart,
        "Count per month", Direction.Down, 1, 5, [], null, [], [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private static string Draw(ChartKind chart, double[] values, IReadOnlyList<CycleMark> cycles)
    {
        var measure = Measure(chart);
        var result = SpcChart.Compute(chart, values.Select((v, i) => new MeasurePoint(Start.AddMonths(i), v)).ToList(), measure.Settings());
        return MeasureChartSvg.Draw(measure, result, cycles);
    }

    [Fact]
    public void The_chart_is_an_accessible_titled_svg_with_the_cycles_at_their_start_dates()
    {
        var svg = Draw(ChartKind.C, [8, 9, 7, 8, 10, 9, 8, 7, 9, 8, 8, 9], [new CycleMark(Guid.NewGuid(), "Attendance calls", Start.AddMonths(5))]);
        Assert.StartsWith("<svg", svg);
        Assert.Contains("role=\"img\"", svg);
        Assert.Contains("<title>C chart: Students absent 10+ days</title>", svg);
        Assert.Contains("Attendance calls", svg);
        Assert.Contains("Centre", svg);
        Assert.Contains("Limits", svg);
        Assert.DoesNotContain("Outside the limits", svg); // a stable series: no signal drawn
    }

    [Fact]
    public void Signals_are_named_in_the_legend_so_they_differ_by_more_than_colour()
    {
        // A point far above the limits and a long run below the centre afterwards.
        var svg = Draw(ChartKind.C, [8, 9, 7, 8, 10, 9, 8, 30, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3], []);
        Assert.Contains("Outside the limits", svg);
        Assert.Contains("Run signal", svg);
    }

    [Fact]
    public void A_run_chart_has_no_limits()
    {
        var svg = Draw(ChartKind.Run, [8, 9, 7, 8, 10, 9, 8, 7, 9, 8], []);
        Assert.Contains("<title>Run chart: Students absent 10+ days</title>", svg);
        Assert.DoesNotContain("Limits", svg);
    }
}
