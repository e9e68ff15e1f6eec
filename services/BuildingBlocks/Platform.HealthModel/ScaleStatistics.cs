namespace Platform.HealthModel;

/// <summary>
/// Running sums of one scale's respondent scores: all that mean, standard deviation and % favorable need, and they add
/// up, so a read model can keep them per group instead of every response.
/// </summary>
public sealed record ScaleSums(int N, decimal Sum, decimal SumOfSquares, int Favorable)
{
    public static readonly ScaleSums None = new(0, 0m, 0m, 0);

    public static ScaleSums Of(IEnumerable<decimal> respondentScores) =>
        respondentScores.Aggregate(None, (sums, s) => sums + Of(s));

    public static ScaleSums Of(decimal respondentScore) =>
        new(1, respondentScore, respondentScore * respondentScore, respondentScore >= ScaleStatistics.FavorableThreshold ? 1 : 0);

    public static ScaleSums operator +(ScaleSums a, ScaleSums b) =>
        new(a.N + b.N, a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares, a.Favorable + b.Favorable);
}

/// <summary>A group's score on one survey scale: mean of respondents' scale scores, n, standard deviation, % favorable.</summary>
public sealed record ScaleStatistics(string Scale, int N, decimal Mean, decimal? StandardDeviation, decimal PctFavorable)
{
    /// <summary>A respondent scale score at or above this is favorable (domain.md section 3).</summary>
    public const decimal FavorableThreshold = 4m;

    /// <summary>
    /// Summarises the respondent scale scores of one scale (each already subject to the two-thirds rule, so missing
    /// ones are simply absent). Null when nobody has a score. The standard deviation is the sample one (n - 1), null for n = 1.
    /// </summary>
    public static ScaleStatistics? Of(string scale, IReadOnlyCollection<decimal> respondentScores) => Of(scale, ScaleSums.Of(respondentScores));

    /// <summary>The same figures from running sums (exact in decimal: the sum of squared deviations is Σx² − (Σx)²/n).</summary>
    public static ScaleStatistics? Of(string scale, ScaleSums sums)
    {
        var n = sums.N;
        if (n == 0) return null;
        var mean = sums.Sum / n;
        decimal? sd = n < 2 ? null : (decimal)Math.Sqrt((double)Math.Max(0m, (sums.SumOfSquares - sums.Sum * sums.Sum / n) / (n - 1)));
        return new ScaleStatistics(scale, n, Round(mean, 2), sd is { } d ? Round(d, 2) : null, Round(100m * sums.Favorable / n, 1));
    }

    // Reporting's benchmark function computes the pool's means in SQL the same way (round(sum / n, 2), half away from
    // zero); a test on PostgreSQL pins it to this (EndToEnd.Tests' BenchmarkPoolTests).
    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
