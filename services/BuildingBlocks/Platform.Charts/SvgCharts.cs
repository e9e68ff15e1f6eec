using System.Text.RegularExpressions;
using ScottPlot;

namespace Platform.Charts;

/// <summary>One line of a line chart: a value (or a gap) per x position.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// The platform's chart style and its SVG output. Every series differs by more than colour (marker shape or hatching),
/// values are printed on bars, and every page that shows a chart also shows its table.
/// </summary>
public static partial class SvgCharts
{
    public static readonly Color Ink = Color.FromHex("#1f2937");
    public static readonly Color Primary = Color.FromHex("#1d4ed8");
    public static readonly Color Secondary = Color.FromHex("#93c5fd");
    public static readonly Color Highlight = Color.FromHex("#f59e0b");
    private static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare];
    private static readonly Color[] Palette = [.. new[] { "#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0f766e" }.Select(Color.FromHex)];

    /// <summary>"2025-26": how a network year is labelled everywhere.</summary>
    public static string YearLabel(int year) => $"{year}-{(year + 1) % 100:00}";

    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Axes.Color(Ink);
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        return plot;
    }

    /// <summary>One line per series over network years, each with its own marker shape.</summary>
    public static string YearLines(IReadOnlyList<int> years, IReadOnlyList<ChartSeries> series, string yLabel, double? yMin, double? yMax, string id,
        int width = 860, int height = 320, string? label = null)
    {
        var plot = NewPlot();
        for (var i = 0; i < series.Count; i++)
        {
            var points = years.Zip(series[i].Values).Where(p => p.Second is not null).ToList();
            if (points.Count == 0) continue;
            var line = plot.Add.Scatter(points.Select(p => (double)p.First).ToArray(), points.Select(p => p.Second!.Value).ToArray());
            line.Color = Palette[i % Palette.Length];
            line.MarkerShape = Shapes[i % Shapes.Length];
            line.MarkerSize = 8;
            line.LegendText = series[i].Name;
        }
        if (years.Count > 0)
        {
            plot.Axes.Bottom.SetTicks([.. years.Select(y => (double)y)], [.. years.Select(YearLabel)]);
            plot.Axes.SetLimitsX(years[0] - 0.3, years[^1] + 0.3);
        }
        if (yMin is { } low && yMax is { } high) plot.Axes.SetLimitsY(low, high);
        plot.Axes.Left.Label.Text = yLabel;
        plot.ShowLegend(Alignment.LowerLeft, Orientation.Horizontal);
        return Svg(plot, width, height, id, label);
    }

    /// <summary>One labelled bar per network year.</summary>
    public static string YearBars(IReadOnlyList<(int Year, double Value, string Label)> bars, string yLabel, string id, int width = 860, int height = 260,
        string? label = null)
    {
        var plot = NewPlot();
        var plotted = plot.Add.Bars(bars.Select(b => new Bar
        {
            Position = b.Year, Value = b.Value, FillColor = Primary, LineColor = Ink, LineWidth = 0.5f, Size = 0.6, Label = b.Label,
        }).ToList());
        plotted.ValueLabelStyle.FontSize = 9;
        plot.Axes.Bottom.SetTicks([.. bars.Select(b => (double)b.Year)], [.. bars.Select(b => YearLabel(b.Year))]);
        plot.Axes.Left.Label.Text = yLabel;
        plot.Axes.Margins(bottom: 0, top: 0.2);
        return Svg(plot, width, height, id, label);
    }

    /// <summary>Long labels break at the space nearest their middle, so tick labels do not collide.</summary>
    public static string Wrap(string title)
    {
        if (title.Length <= 16) return title;
        var spaces = Enumerable.Range(0, title.Length).Where(i => title[i] == ' ').ToList();
        if (spaces.Count == 0) return title;
        var at = spaces.MinBy(i => Math.Abs(i - title.Length / 2));
        return title[..at] + "\n" + title[(at + 1)..];
    }

    /// <summary>
    /// The SVG without its XML declaration, ready to sit inside HTML and scale with it. Skia numbers clip paths
    /// (cl_ and a hex counter) process-wide; they are renumbered per chart under <paramref name="id"/> so the same
    /// figures always give the same page, and ids stay unique on it. <paramref name="label"/> names the chart for screen readers.
    /// </summary>
    public static string Svg(Plot plot, int width, int height, string id, string? label = null)
    {
        var svg = plot.GetSvgXml(width, height);
        var name = label is null ? "" : $" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\"";
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..]
            .Replace($"width=\"{width}\" height=\"{height}\"", $"viewBox=\"0 0 {width} {height}\" role=\"img\"{name}");
        var ids = new Dictionary<string, int>();
        return ClipId().Replace(svg, m => $"{id}-clip-{(ids.TryGetValue(m.Value, out var k) ? k : ids[m.Value] = ids.Count)}");
    }

    [GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial Regex ClipId();
}
