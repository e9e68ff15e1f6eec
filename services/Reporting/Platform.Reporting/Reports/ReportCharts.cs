using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ScottPlot;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Reports;

/// <summary>
/// The feedback report's charts, drawn by ScottPlot as inline SVG. Every series differs by more than colour (hatching or
/// marker shape), every bar carries its value, and every chart sits beside a table with the same figures.
/// </summary>
public static partial class ReportCharts
{
    private static readonly Color Ink = Color.FromHex("#1f2937");
    private static readonly Color ThisYear = Color.FromHex("#1d4ed8");
    private static readonly Color LastYear = Color.FromHex("#93c5fd");
    private static readonly Color Median = Color.FromHex("#f59e0b");
    private static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare];
    private static readonly Color[] Palette = [.. new[] { "#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0f766e" }.Select(Color.FromHex)];

    /// <summary>This year, last year and (where shown) the portfolio median for each scale, grouped by scale.</summary>
    public static string Scales(IReadOnlyList<ScaleComparison> scales, bool withMedian)
    {
        var plot = NewPlot();
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
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, scales.Count).Select(i => (double)i)], [.. scales.Select(s => Wrap(s.Title))]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
        plot.Axes.SetLimits(-0.6, scales.Count - 0.4, 1, 5.4);
        plot.Axes.Left.Label.Text = "Mean (1 to 5)";
        foreach (var (name, color, hatch, _) in series)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = color, FillHatch = hatch, FillHatchColor = Colors.White.WithAlpha(0.6), OutlineColor = Ink });
        plot.ShowLegend(Alignment.UpperRight, Orientation.Horizontal);
        return Svg(plot, 860, 340);
    }

    /// <summary>Each of the six domains across network years: one line per domain, each with its own marker shape.</summary>
    public static string Trend(IReadOnlyList<ScaleTrend> trend)
    {
        var plot = NewPlot();
        var domains = trend.Where(t => Platform.HealthModel.HealthScales.Domains.Contains(t.Scale)).ToList();
        for (var i = 0; i < domains.Count; i++)
        {
            var points = domains[i].Points.Where(p => p.Mean is not null).ToList();
            if (points.Count == 0) continue;
            var line = plot.Add.Scatter(points.Select(p => (double)p.Year).ToArray(), points.Select(p => (double)p.Mean!.Value).ToArray());
            line.Color = Palette[i % Palette.Length];
            line.MarkerShape = Shapes[i % Shapes.Length];
            line.MarkerSize = 8;
            line.LegendText = Platform.HealthModel.HealthScales.Title(domains[i].Scale);
        }
        var years = trend.SelectMany(t => t.Points).Select(p => p.Year).Distinct().Order().ToArray();
        if (years.Length > 0)
        {
            plot.Axes.Bottom.SetTicks([.. years.Select(y => (double)y)], [.. years.Select(y => $"{y}-{(y + 1) % 100:00}")]);
            plot.Axes.SetLimits(years[0] - 0.3, years[^1] + 0.3, 1, 5);
        }
        plot.Axes.Left.Label.Text = "Mean (1 to 5)";
        plot.ShowLegend(Alignment.LowerLeft, Orientation.Horizontal);
        return Svg(plot, 860, 320);
    }

    /// <summary>Members per network year, each bar labelled with the share who stayed more than a year.</summary>
    public static string Stability(IReadOnlyList<StructureRow> years)
    {
        var plot = NewPlot();
        var bars = years.Where(y => y.Members is not null).Select(y => new Bar
        {
            Position = y.Year, Value = y.Members!.Value, FillColor = ThisYear, LineColor = Ink, LineWidth = 0.5f, Size = 0.6,
            Label = y.MemberStabilityPct is { } pct ? $"{y.Members} ({pct:0}% stayed)" : $"{y.Members}",
        }).ToList();
        var plotted = plot.Add.Bars(bars);
        plotted.ValueLabelStyle.FontSize = 9;
        plot.Axes.Bottom.SetTicks([.. years.Select(y => (double)y.Year)], [.. years.Select(y => $"{y.Year}-{(y.Year + 1) % 100:00}")]);
        plot.Axes.Left.Label.Text = "Members";
        plot.Axes.Margins(bottom: 0, top: 0.2);
        return Svg(plot, 860, 260);
    }

    /// <summary>The hub's own rubric area means (1 to 4), latest session beside the previous one.</summary>
    public static string Leadership(LeadershipProfile leadership)
    {
        var plot = NewPlot();
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
        return Svg(plot, 860, 280);
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Axes.Color(Ink);
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        return plot;
    }

    /// <summary>Long scale titles break at the space nearest their middle, so tick labels do not collide.</summary>
    private static string Wrap(string title)
    {
        if (title.Length <= 16) return title;
        var spaces = Enumerable.Range(0, title.Length).Where(i => title[i] == ' ').ToList();
        if (spaces.Count == 0) return title;
        var at = spaces.MinBy(i => Math.Abs(i - title.Length / 2));
        return title[..at] + "\n" + title[(at + 1)..];
    }

    /// <summary>
    /// The SVG without its XML declaration, ready to sit inside HTML. Skia numbers clip paths (cl_ and a hex counter) process-wide;
    /// they are renumbered per chart so the same figures always give the same page, and ids stay unique on it.
    /// </summary>
    private static string Svg(Plot plot, int width, int height, [CallerMemberName] string chart = "")
    {
        var svg = plot.GetSvgXml(width, height);
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..]
            .Replace($"width=\"{width}\" height=\"{height}\"", $"viewBox=\"0 0 {width} {height}\" role=\"img\"");
        var ids = new Dictionary<string, int>();
        return ClipId().Replace(svg, m => $"{chart.ToLowerInvariant()}-clip-{(ids.TryGetValue(m.Value, out var k) ? k : ids[m.Value] = ids.Count)}");
    }

    [GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial Regex ClipId();
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
