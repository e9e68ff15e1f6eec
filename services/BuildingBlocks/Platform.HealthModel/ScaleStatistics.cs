namespace Platform.HealthModel;

/// <summary>A group's score on one survey scale: mean of respondents' scale scores, n, standard deviation, % favorable.</summary>
public sealed record ScaleStatistics(string Scale, int N, decimal Mean, decimal? StandardDeviation, decimal PctFavorable)
{
    /// <summary>A respondent scale score at or above this is favorable (domain.md section 3).</summary>
    public const decimal FavorableThreshold = 4m;

    /// <summary>
    /// Summarises the respondent scale scores of one scale (each already subject to the two-thirds rule, so missing
    /// ones are simply absent). Null when nobody has a score. The standard deviation is the sample one (n - 1), null for n = 1.
    /// </summary>
    public static ScaleStatistics? Of(string scale, IReadOnlyCollection<decimal> respondentScores)
    {
        var n = respondentScores.Count;
        if (n == 0) return null;
        var mean = respondentScores.Sum() / n;
        decimal? sd = n < 2 ? null
            : (decimal)Math.Sqrt((double)(respondentScores.Sum(s => (s - mean) * (s - mean)) / (n - 1)));
        var favorable = respondentScores.Count(s => s >= FavorableThreshold);
        return new ScaleStatistics(scale, n, Round(mean, 2), sd is { } d ? Round(d, 2) : null, Round(100m * favorable / n, 1));
    }

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
