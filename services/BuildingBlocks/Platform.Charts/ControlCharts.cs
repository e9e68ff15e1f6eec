using System.Net;
using ScottPlot;

namespace Platform.Charts;

/// <summary>
/// One point of a run or control chart as drawn: its value, its part's centre and limits (null on run charts), and how
/// it signals. Kept free of the SPC engine so any service can draw a chart it computed.
/// </summary>
public sealed record ControlChartPoint(DateOnly Period, double Value, double? Center, double? Lower, double? Upper, int Part, bool Excluded,
    bool OutsideLimits, bool InRunSignal);

/// <summary>A dated note drawn as a vertical line (a PDSA cycle's start, for example).</summary>
public sealed record ChartAnnotation(DateOnly On, string Text);

public static partial class SvgCharts
{
    public static readonly Color Signal = Color.FromHex("#be123c");
    private static readonly Color Muted = Color.FromHex("#6b7280");
    private static readonly Color Annotation = Color.FromHex("#047857");

    /// <summary>
    /// A run or control chart over dated periods: the values joined by a line, each part's centre (solid) and limits
    /// (dashed), dotted lines where a new part begins, and the annotations as labelled vertical lines. Signals differ by
    /// shape as well as colour: a point outside the limits is a large diamond, a point of a run signal a square, an
    /// excluded point an open circle. <paramref name="title"/> is drawn and is also the SVG's accessible name and title.
    /// </summary>
    public static string ControlChart(string title, IReadOnlyList<ControlChartPoint> points, IReadOnlyList<ChartAnnotation> annotations, string yLabel,
        string id, double? target = null, int width = 860, int height = 360)
    {
        var plot = NewPlot();
        static double X(DateOnly d) => d.ToDateTime(TimeOnly.MinValue).ToOADate();
        if (points.Count > 0)
        {
            var values = plot.Add.Scatter(points.Select(p => X(p.Period)).ToArray(), points.Select(p => p.Value).ToArray());
            values.Color = Primary;
            values.LineWidth = 1.5f;
            values.MarkerShape = MarkerShape.FilledCircle;
            values.MarkerSize = 6;
            values.LegendText = "Value";

            foreach (var part in points.GroupBy(p => p.Part))
            {
                var xs = part.Select(p => X(p.Period)).ToArray();
                AddLine(part.Select(p => p.Center).ToArray(), xs, Ink, LinePattern.Solid, part.Key == 1 ? "Centre" : null);
                AddLine(part.Select(p => p.Upper).ToArray(), xs, Muted, LinePattern.Dashed, part.Key == 1 ? "Limits" : null);
                AddLine(part.Select(p => p.Lower).ToArray(), xs, Muted, LinePattern.Dashed, null);
                if (part.Key > 1)
                {
                    var boundary = (X(points[points.ToList().IndexOf(part.First()) - 1].Period) + xs[0]) / 2;
                    var line = plot.Add.VerticalLine(boundary, 1, Muted, LinePattern.Dotted);
                    line.LabelText = $"Part {part.Key}";
                }
            }

            AddMarkers(points.Where(p => p.Excluded), MarkerShape.OpenCircle, 9, Muted, "Excluded");
            AddMarkers(points.Where(p => p.InRunSignal && !p.OutsideLimits && !p.Excluded), MarkerShape.FilledSquare, 9, Highlight, "Run signal");
            AddMarkers(points.Where(p => p.OutsideLimits), MarkerShape.FilledDiamond, 12, Signal, "Outside the limits");
            plot.Axes.DateTimeTicksBottom();
        }
        foreach (var note in annotations)
        {
            var line = plot.Add.VerticalLine(X(note.On), 1.5f, Annotation, LinePattern.Dashed);
            line.LabelText = note.Text.Length <= 30 ? note.Text : note.Text[..29] + "…";
        }
        if (target is { } t)
        {
            var line = plot.Add.HorizontalLine(t, 1, Annotation, LinePattern.DenselyDashed);
            line.LabelText = "Target";
        }
        plot.Title(title);
        plot.Axes.Left.Label.Text = yLabel;
        plot.ShowLegend(Alignment.UpperLeft, Orientation.Horizontal);
        var svg = Svg(plot, width, height, id, title);
        // A <title> as the first child too: some screen readers and every browser tooltip read it.
        var open = svg.IndexOf('>') + 1;
        return svg[..open] + $"<title>{WebUtility.HtmlEncode(title)}</title>" + svg[open..];

        void AddLine(double?[] ys, double[] xs, Color color, LinePattern pattern, string? legend)
        {
            var kept = xs.Zip(ys).Where(p => p.Second is not null).ToArray();
            if (kept.Length == 0) return;
            var line = plot.Add.Scatter(kept.Select(p => p.First).ToArray(), kept.Select(p => p.Second!.Value).ToArray());
            line.Color = color;
            line.LinePattern = pattern;
            line.LineWidth = 1.2f;
            line.MarkerSize = 0;
            if (legend is not null) line.LegendText = legend;
        }

        void AddMarkers(IEnumerable<ControlChartPoint> which, MarkerShape shape, float size, Color color, string legend)
        {
            var list = which.ToList();
            if (list.Count == 0) return;
            var markers = plot.Add.Markers(list.Select(p => X(p.Period)).ToArray(), list.Select(p => p.Value).ToArray(), shape, size, color);
            markers.LegendText = legend;
        }
    }
}
