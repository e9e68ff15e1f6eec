using Platform.Charts;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.Spc;

namespace Platform.Improvement.Application;

/// <summary>A measure's chart as SVG through the shared chart style, with the cycles testing its change ideas marked at their start dates.</summary>
public static class MeasureChartSvg
{
    public static string Draw(Measure measure, ChartResult chart, IReadOnlyList<CycleMark> cycles)
    {
        // A point belongs to a run signal when it lies within the periods of a Runs, Shift or Trend signal of its part.
        var runs = chart.Signals.Where(s => s.Kind != SignalKind.OutsideLimits).ToList();
        var points = chart.Points.Select(p => new ControlChartPoint(p.Period, p.Value, p.Center, p.Lower, p.Upper, p.Part, p.Excluded, p.OutsideLimits,
            runs.Any(s => s.Part == p.Part && p.Period >= s.FirstPeriod && p.Period <= s.LastPeriod))).ToList();
        var kind = chart.Chart == ChartKind.Run ? "Run chart" : $"{chart.Chart} chart";
        var title = $"{kind}: {measure.Name}";
        var yLabel = chart.Multiplier == 100 && chart.Chart == ChartKind.P ? "Percent" : measure.Chart is ChartKind.P ? "Proportion" : "Value";
        return SvgCharts.ControlChart(title, points, cycles.Select(c => new ChartAnnotation(c.StartedOn, c.Title)).ToList(), yLabel,
            $"measure-{measure.Id:N}", measure.Target);
    }
}
