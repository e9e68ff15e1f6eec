namespace Platform.Spc;

/// <summary>Run chart (median) or a Shewhart control chart: I (individuals, XmR), P (proportions), U (rates), C (counts).</summary>
public enum ChartKind { Run, I, P, U, C }

/// <summary>Anhøj's two runs rules (the default), or the IHI shift and trend rules some coaches were taught.</summary>
public enum RuleSet { Anhoej, Ihi }

/// <summary>Which way a measure improves; a signal is "in the direction of improvement" when it points that way.</summary>
public enum Direction { Up, Down }

/// <summary>
/// One period's data point. Run, I and C charts plot the numerator (a denominator is ignored); P and U plot
/// numerator / denominator. An excluded point is shown and flagged but left out of every calculation.
/// </summary>
public sealed record MeasurePoint(DateOnly Period, double Numerator, double? Denominator = null, bool Excluded = false);

/// <summary>
/// How to draw a chart. <paramref name="Freeze"/>: the first part's centre and limits come from its first K points
/// (excluded ones among them left out) and are extended over the rest of the part. <paramref name="Splits"/>: a new part
/// begins at the first point on or after each period. <paramref name="Multiplier"/> scales values, centres and limits
/// (100 for percent). <paramref name="Direction"/>: which way is better, null if the measure has none.
/// </summary>
public sealed record ChartSettings(
    int? Freeze = null,
    IReadOnlyList<DateOnly>? Splits = null,
    RuleSet Rules = RuleSet.Anhoej,
    double Multiplier = 1,
    Direction? Direction = null)
{
    public static readonly ChartSettings Default = new();
}

/// <summary>A computed chart, in the shape of the chart JSON of issue 22 plus the signals.</summary>
public sealed record ChartResult(
    ChartKind Chart,
    double Multiplier,
    IReadOnlyList<ChartPart> Parts,
    IReadOnlyList<ChartPoint> Points,
    IReadOnlyList<Signal> Signals);

/// <summary>A part of the chart (a phase): its periods, its centre (null when every point in it is excluded) and its runs analysis.</summary>
public sealed record ChartPart(DateOnly FirstPeriod, DateOnly LastPeriod, double? Center, RunsAnalysis Runs);

/// <summary>
/// The runs analysis of one part. Under Anhøj's rules it signals when <see cref="LongestRun"/> exceeds
/// <see cref="LongestRunMax"/> or <see cref="Crossings"/> falls below <see cref="CrossingsMin"/>; under IHI's when a shift
/// (longest run of 6 or more, so <see cref="LongestRunMax"/> is 5) or a trend is found, and <see cref="CrossingsMin"/> is null.
/// With no useful points the maxima are null and there is no signal.
/// </summary>
public sealed record RunsAnalysis(int UsefulPoints, int LongestRun, int? LongestRunMax, int Crossings, int? CrossingsMin, bool Signal);

/// <summary>
/// One plotted point. <see cref="Lower"/> and <see cref="Upper"/> are null on run charts (and where no limits can be
/// computed); <see cref="Part"/> counts from 1. An excluded point is never outside the limits.
/// </summary>
public sealed record ChartPoint(
    DateOnly Period,
    double Value,
    double? Center,
    double? Lower,
    double? Upper,
    bool Excluded,
    bool OutsideLimits,
    int Part);

public enum SignalKind
{
    /// <summary>A point above the upper or below the lower control limit.</summary>
    OutsideLimits,
    /// <summary>Anhøj: the part's longest run is too long or it has too few crossings; the periods are its longest run's.</summary>
    Runs,
    /// <summary>IHI: six or more consecutive points on one side of the centre line.</summary>
    Shift,
    /// <summary>IHI: five or more consecutive points going up, or going down.</summary>
    Trend,
}

/// <summary>
/// Something the chart says: a point outside the limits (one period) or a non-random pattern (its first and last period).
/// <see cref="InDirectionOfImprovement"/> is null when the settings name no direction.
/// </summary>
public sealed record Signal(SignalKind Kind, int Part, DateOnly FirstPeriod, DateOnly LastPeriod, bool? InDirectionOfImprovement);
