namespace Spc.Tests;

/// <summary>Builds monthly series starting January 2024.</summary>
internal static class Series
{
    public static readonly DateOnly Start = new(2024, 1, 1);

    public static DateOnly Month(int index) => Start.AddMonths(index);

    public static List<MeasurePoint> Of(params double[] values) =>
        values.Select((v, i) => new MeasurePoint(Month(i), v)).ToList();

    public static List<MeasurePoint> Of(double[] numerators, double[] denominators) =>
        numerators.Select((v, i) => new MeasurePoint(Month(i), v, denominators[i])).ToList();

    /// <summary>The same series with the points at the given 1-based positions excluded (qicharts2's exclude = c(...)).</summary>
    public static List<MeasurePoint> Excluding(this List<MeasurePoint> points, params int[] positions) =>
        points.Select((p, i) => positions.Contains(i + 1) ? p with { Excluded = true } : p).ToList();
}
