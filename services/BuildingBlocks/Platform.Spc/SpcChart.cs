namespace Platform.Spc;

/// <summary>
/// Computes a run or control chart by the rules of domain.md section 8, as the R package qicharts2 does (the conventions
/// QI coaches know). The caller validates uploads; values that would make a chart meaningless are refused here with
/// an <see cref="ArgumentException"/> rather than drawn.
/// </summary>
public static class SpcChart
{
    /// <summary>Moving ranges above this many times their first mean are left out of sigma (Nelson 1982).</summary>
    public const double MovingRangeScreen = 3.267;

    /// <summary>d2 for moving ranges of two points: sigma = mean moving range / 1.128.</summary>
    public const double D2 = 1.128;

    /// <summary>IHI: a shift is six or more consecutive points on one side; a trend five or more going one way.</summary>
    public const int IhiShift = 6, IhiTrend = 5;

    public static ChartResult Compute(ChartKind chart, IReadOnlyList<MeasurePoint> points, ChartSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        settings ??= ChartSettings.Default;
        Validate(chart, points, settings);

        var series = points.OrderBy(p => p.Period).ToArray();
        var values = series.Select(p => chart is ChartKind.P or ChartKind.U ? p.Numerator / p.Denominator!.Value : p.Numerator).ToArray();
        var m = settings.Multiplier;
        var parts = new List<ChartPart>();
        var chartPoints = new List<ChartPoint>(series.Length);
        var signals = new List<Signal>();
        bool? InDirection(bool up) => settings.Direction is { } d ? (d == Direction.Up) == up : null;

        var starts = PartStarts(series, settings.Splits);
        for (var p = 0; p < starts.Count; p++)
        {
            var (from, to) = (starts[p], p + 1 < starts.Count ? starts[p + 1] : series.Length);
            var partNumber = p + 1;
            // The baseline: the frozen first K points of the first part, else the whole part; excluded points never count.
            var baselineEnd = p == 0 && settings.Freeze is { } k ? Math.Min(from + k, to) : to;
            var baseline = Enumerable.Range(from, baselineEnd - from).Where(i => !series[i].Excluded).ToArray();
            var included = Enumerable.Range(from, to - from).Where(i => !series[i].Excluded).ToArray();

            var center = baseline.Length == 0 ? (double?)null : Center(chart, series, values, baseline);
            var sigmaOfI = chart == ChartKind.I && center is not null ? IndividualsSigma(baseline.Select(i => values[i]).ToArray()) : null;

            for (var i = from; i < to; i++)
            {
                var (lower, upper) = center is { } c ? Limits(chart, c, series[i], sigmaOfI) : (null, null);
                var outside = !series[i].Excluded && (values[i] > upper || values[i] < lower);
                chartPoints.Add(new ChartPoint(series[i].Period, values[i] * m, center * m, lower * m, upper * m,
                    series[i].Excluded, outside, partNumber));
                if (outside)
                    signals.Add(new Signal(SignalKind.OutsideLimits, partNumber, series[i].Period, series[i].Period, InDirection(values[i] > upper)));
            }

            var runs = center is { } cl
                ? Runs(series, values, included, cl, settings.Rules, partNumber, InDirection, signals)
                : new RunsAnalysis(0, 0, null, 0, null, false);
            parts.Add(new ChartPart(series[from].Period, series[to - 1].Period, center * m, runs));
        }

        return new ChartResult(chart, m, parts, chartPoints, signals);
    }

    private static void Validate(ChartKind chart, IReadOnlyList<MeasurePoint> points, ChartSettings settings)
    {
        if (!double.IsFinite(settings.Multiplier) || settings.Multiplier <= 0)
            throw new ArgumentOutOfRangeException(nameof(settings), "The multiplier must be a positive number.");
        if (settings.Freeze is < 1)
            throw new ArgumentOutOfRangeException(nameof(settings), "Freeze counts at least one point.");
        var seen = new HashSet<DateOnly>();
        foreach (var point in points)
        {
            if (!seen.Add(point.Period))
                throw new ArgumentException($"Two points for the period {point.Period:yyyy-MM-dd}.", nameof(points));
            if (!double.IsFinite(point.Numerator))
                throw new ArgumentException($"The numerator of {point.Period:yyyy-MM-dd} is not a number.", nameof(points));
            if (chart is ChartKind.P or ChartKind.U or ChartKind.C && point.Numerator < 0)
                throw new ArgumentException($"The {chart} chart counts: the numerator of {point.Period:yyyy-MM-dd} is negative.", nameof(points));
            if (chart is not (ChartKind.P or ChartKind.U)) continue;
            // Zero denominators are the caller's to refuse (a 422): a proportion or rate of nothing has no value or limits.
            if (point.Denominator is not { } n || !double.IsFinite(n) || n <= 0)
                throw new ArgumentException($"The {chart} chart needs a denominator above 0 for {point.Period:yyyy-MM-dd}.", nameof(points));
            if (chart == ChartKind.P && point.Numerator > n)
                throw new ArgumentException($"A proportion above 1 for {point.Period:yyyy-MM-dd}.", nameof(points));
        }
    }

    /// <summary>Where each part begins: index 0, then the first point on or after each split (a split adding no point adds no part).</summary>
    private static List<int> PartStarts(MeasurePoint[] series, IReadOnlyList<DateOnly>? splits)
    {
        var starts = new List<int>();
        if (series.Length == 0) return starts;
        starts.Add(0);
        foreach (var split in (splits ?? []).Distinct().Order())
        {
            var at = Array.FindIndex(series, p => p.Period >= split);
            if (at > starts[^1]) starts.Add(at);
        }
        return starts;
    }

    private static double Center(ChartKind chart, MeasurePoint[] series, double[] values, int[] baseline) => chart switch
    {
        ChartKind.Run => Median(baseline.Select(i => values[i]).ToArray()),
        ChartKind.I or ChartKind.C => Mean(baseline.Select(i => values[i]).ToArray()),
        // P and U: the pooled proportion or rate, not the mean of the points' own.
        _ => baseline.Sum(i => series[i].Numerator) / baseline.Sum(i => series[i].Denominator!.Value),
    };

    /// <summary>
    /// The mean with a second, correcting pass (as R's mean): a plain sum/n of ten 0.1s is not 0.1, which would put
    /// every point of a constant series on one side of its own centre line and make a runs signal out of nothing.
    /// </summary>
    internal static double Mean(double[] xs)
    {
        var mean = xs.Sum() / xs.Length;
        return mean + xs.Sum(x => x - mean) / xs.Length;
    }

    private static double Median(double[] xs)
    {
        Array.Sort(xs);
        var mid = xs.Length / 2;
        return xs.Length % 2 == 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
    }

    /// <summary>
    /// Sigma of an individuals chart: the mean moving range of consecutive baseline points, after leaving out the moving
    /// ranges above 3.267 times their first mean (a jump would otherwise widen the limits), divided by 1.128. Null with
    /// fewer than two points: one point has no moving range.
    /// </summary>
    internal static double? IndividualsSigma(double[] baseline)
    {
        if (baseline.Length < 2) return null;
        var ranges = baseline.Zip(baseline.Skip(1), (a, b) => Math.Abs(b - a)).ToArray();
        var screen = MovingRangeScreen * Mean(ranges);
        return Mean(ranges.Where(r => r <= screen).ToArray()) / D2;
    }

    private static (double? Lower, double? Upper) Limits(ChartKind chart, double center, MeasurePoint point, double? sigmaOfI)
    {
        switch (chart)
        {
            case ChartKind.Run:
                return (null, null);
            case ChartKind.I:
                return sigmaOfI is { } s ? (center - 3 * s, center + 3 * s) : (null, null);
            case ChartKind.P:
                var sp = Math.Sqrt(center * (1 - center) / point.Denominator!.Value);
                return (Math.Max(0, center - 3 * sp), Math.Min(1, center + 3 * sp));
            case ChartKind.U:
                var su = Math.Sqrt(center / point.Denominator!.Value);
                return (Math.Max(0, center - 3 * su), center + 3 * su);
            default:
                var sc = Math.Sqrt(center);
                return (Math.Max(0, center - 3 * sc), center + 3 * sc);
        }
    }

    /// <summary>
    /// The runs analysis of one part around its centre line, over its included points (after a freeze too: the later
    /// points are tested against the frozen line). Points exactly on the line are not useful: they neither make nor break
    /// a run. Adds the part's runs, shift and trend signals.
    /// </summary>
    private static RunsAnalysis Runs(MeasurePoint[] series, double[] values, int[] included, double center, RuleSet rules,
        int part, Func<bool, bool?> inDirection, List<Signal> signals)
    {
        var useful = included.Where(i => values[i] != center).ToArray();
        var trends = rules == RuleSet.Ihi ? Trends(values, included) : [];
        foreach (var (first, last, up) in trends)
            signals.Add(new Signal(SignalKind.Trend, part, series[first].Period, series[last].Period, inDirection(up)));
        if (useful.Length == 0)
            return new RunsAnalysis(0, 0, null, 0, null, trends.Count > 0);

        // Runs: maximal stretches of useful points on one side; crossings are the changes of side between them.
        var runs = new List<(int First, int Last, bool Above, int Length)>();
        foreach (var i in useful)
        {
            var above = values[i] > center;
            if (runs.Count > 0 && runs[^1].Above == above) runs[^1] = runs[^1] with { Last = i, Length = runs[^1].Length + 1 };
            else runs.Add((i, i, above, 1));
        }
        var lengths = runs.Select(r => r.Length).ToArray();
        var longestRun = lengths.Max();
        var crossings = runs.Count - 1;

        if (rules == RuleSet.Ihi)
        {
            var shifts = runs.Where(r => r.Length >= IhiShift).ToList();
            foreach (var (first, last, above, _) in shifts)
                signals.Add(new Signal(SignalKind.Shift, part, series[first].Period, series[last].Period, inDirection(above)));
            return new RunsAnalysis(useful.Length, longestRun, IhiShift - 1, crossings, null, shifts.Count > 0 || trends.Count > 0);
        }

        var limits = AnhoejLimits.For(useful.Length);
        var signal = longestRun > limits.LongestRunMax || crossings < limits.CrossingsMin;
        if (signal)
        {
            // The periods and side of the longest run (the latest of equally long ones): where the process has shifted to.
            var r = Array.LastIndexOf(lengths, longestRun);
            signals.Add(new Signal(SignalKind.Runs, part, series[runs[r].First].Period, series[runs[r].Last].Period, inDirection(runs[r].Above)));
        }
        return new RunsAnalysis(useful.Length, longestRun, limits.LongestRunMax, crossings, limits.CrossingsMin, signal);
    }

    /// <summary>
    /// IHI trends: five or more consecutive included points each above (or each below) the one before. Like values
    /// neither make nor break a trend (a repeat counts once), as IHI's run chart guidance says.
    /// </summary>
    private static List<(int First, int Last, bool Up)> Trends(double[] values, int[] included)
    {
        var distinct = included.Where((i, k) => k == 0 || values[i] != values[included[k - 1]]).ToArray();
        var trends = new List<(int First, int Last, bool Up)>();
        var start = 0;
        for (var k = 1; k <= distinct.Length; k++)
        {
            var continues = k < distinct.Length && k - start >= 2
                && values[distinct[k]] > values[distinct[k - 1]] == values[distinct[k - 1]] > values[distinct[k - 2]];
            if (k < distinct.Length && (k - start < 2 || continues)) continue;
            if (k - start >= IhiTrend) trends.Add((distinct[start], distinct[k - 1], values[distinct[k - 1]] > values[distinct[start]]));
            start = k - 1;
        }
        return trends;
    }
}
