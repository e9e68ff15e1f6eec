using Platform.Charts;
using Platform.HealthModel;
using ScottPlot;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Reports;

/// <summary>
/// The feedback report's charts, drawn by ScottPlot as inline SVG. Every series differs by more than colour (hatching or
/// marker shape), every bar carries its value, and every chart sits beside a table with the same figures.
/// </summary>
public static class ReportCharts
{
    private static readonly Color Ink = SvgCharts.Ink;
    private static readonly Color ThisYear = SvgCharts.Primary;
    private static readonly Color LastYear = SvgCharts.Secondary;
    private static readonly Color Median = SvgCharts.Highlight;

    /// <summary>This year, last year and (where shown) the portfolio median for each scale, grouped by scale.</summary>
    public static string Scales(IReadOnlyList<ScaleComparison> scales, bool withMedian)
    {
        var plot = SvgCharts.NewPlot();
        var series = new List<(string Name, Color Color, IHatch? Hatch, Func<ScaleComparison, decimal?> Value)>
        {
            ("This year", ThisYear, null, s => s.ThisYear?.Mean),
            ("Last year", LastYear, new ScottPlot.Hatches.Striped(), s => s.LastYear),
        };
        if (withMedian) series.Add(("Portfolio median", Median, new ScottPlot.Hatches.Dots(), s => s.PortfolioMedian));
        var width = 0.8 / series.Count;
        var bars = new List<Bar>();
        for (var i = 0; i < scales.Count; i++)
            for (var k = 0; k < series.Count; k++)
                if (series[k].Value(scales[i]) is { } value)
                    bars.Add(new Bar
                    {
                        Position = i - 0.4 + width * (k + 0.5), Value = (double)value, Size = width * 0.9, FillColor = series[k].Color,
                        FillHatch = series[k].Hatch, FillHatchColor = Colors.White.WithAlpha(0.6), LineColor = Ink, LineWidth = 0.5f,
                        Label = value.ToString("0.0"),
                    });
        var plotted = plot.Add.Bars(bars);
        plotted.ValueLabelStyle.FontSize = 9;
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, scales.Count).Select(i => (double)i)], [.. scales.Select(s => SvgCharts.Wrap(s.Title))]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
        plot.Axes.SetLimits(-0.6, scales.Count - 0.4, 1, 5.4);
        plot.Axes.Left.Label.Text = "Mean (1 to 5)";
        foreach (var (name, color, hatch, _) in series)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = color, FillHatch = hatch, FillHatchColor = Colors.White.WithAlpha(0.6), OutlineColor = Ink });
        plot.ShowLegend(Alignment.UpperRight, Orientation.Horizontal);
        return SvgCharts.Svg(plot, 860, 340, "scales", "Bar chart of the scale means this year, last year and the portfolio median; the table gives the figures.");
    }

    /// <summary>Each of the six domains across network years: one line per domain, each with its own marker shape.</summary>
    public static string Trend(IReadOnlyList<ScaleTrend> trend)
    {
        var years = trend.SelectMany(t => t.Points).Select(p => p.Year).Distinct().Order().ToArray();
        var domains = trend.Where(t => HealthScales.Domains.Contains(t.Scale))
            .Select(t => new ChartSeries(HealthScales.Title(t.Scale),
                [.. years.Select(y => t.Points.FirstOrDefault(p => p.Year == y)?.Mean is { } mean ? (double?)(double)mean : null)]))
            .ToList();
        return SvgCharts.YearLines(years, domains, "Mean (1 to 5)", 1, 5, "trend",
            label: "Line chart of the six domain means by network year; the table gives the figures.");
    }

    /// <summary>Members per network year, each bar labelled with the share who stayed more than a year.</summary>
    public static string Stability(IReadOnlyList<StructureRow> years) =>
        SvgCharts.YearBars([.. years.Where(y => y.Members is not null).Select(y => (y.Year, (double)y.Members!.Value,
            y.MemberStabilityPct is { } pct ? $"{y.Members} ({pct:0}% stayed)" : $"{y.Members}"))], "Members", "stability",
            label: "Bar chart of members by network year with the share who stayed; the table gives the figures.");

    /// <summary>The hub's own rubric area means (1 to 4), latest session beside the previous one.</summary>
    public static string Leadership(LeadershipProfile leadership)
    {
        var plot = SvgCharts.NewPlot();
        var bars = new List<Bar>();
        for (var i = 0; i < leadership.Areas.Count; i++)
        {
            var area = leadership.Areas[i];
            bars.Add(new Bar { Position = i + 0.2, Value = (double)area.Mean, Size = 0.38, FillColor = ThisYear, LineColor = Ink, LineWidth = 0.5f, Label = area.Mean.ToString("0.0") });
            if (area.Previous is { } before)
                bars.Add(new Bar
                {
                    Position = i - 0.2, Value = (double)before, Size = 0.38, FillColor = LastYear, FillHatch = new ScottPlot.Hatches.Striped(),
                    FillHatchColor = Colors.White.WithAlpha(0.6), LineColor = Ink, LineWidth = 0.5f, Label = before.ToString("0.0"),
                });
        }
        var plotted = plot.Add.Bars(bars);
        plotted.ValueLabelStyle.FontSize = 9;
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, leadership.Areas.Count).Select(i => (double)i)], [.. leadership.Areas.Select(a => a.AreaId)]);
        plot.Axes.SetLimits(-0.6, leadership.Areas.Count - 0.4, 0, 4.4);
        plot.Axes.Left.Label.Text = "Mean level (1 to 4)";
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Latest session", FillColor = ThisYear, OutlineColor = Ink });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Previous session", FillColor = LastYear, FillHatch = new ScottPlot.Hatches.Striped(), FillHatchColor = Colors.White.WithAlpha(0.6), OutlineColor = Ink });
        plot.ShowLegend(Alignment.UpperRight, Orientation.Horizontal);
        return SvgCharts.Svg(plot, 860, 280, "leadership", "Bar chart of the rubric area means, latest and previous session; the table gives the figures.");
    }
}

/// <summary>The report's charts as SVG markup, drawn once per request.</summary>
public sealed record FeedbackCharts(string Scales, string Trend, string Stability, string Leadership)
{
    public static FeedbackCharts For(FeedbackReport report) => new(
        ReportCharts.Scales(report.Scales, report.Benchmark.Shown),
        ReportCharts.Trend(report.Trend),
        report.Stability.Count > 0 ? ReportCharts.Stability(report.Stability) : "",
        report.Leadership.Areas.Count > 0 ? ReportCharts.Leadership(report.Leadership) : "");
}
