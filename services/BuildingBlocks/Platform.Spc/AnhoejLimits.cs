using System.Collections.Concurrent;
using System.Numerics;

namespace Platform.Spc;

/// <summary>
/// Anhøj's limits for n useful points: the longest run signals above round(log2(n)) + 3 (Schilling), the crossings
/// below the 5 % lower quantile of binomial(n - 1, 0.5) (Chen). The quantile is computed exactly, with integers.
/// </summary>
public readonly record struct AnhoejLimits(int LongestRunMax, int CrossingsMin)
{
    private static readonly ConcurrentDictionary<int, int> Quantiles = new();

    public static AnhoejLimits For(int usefulPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(usefulPoints, 1);
        // log2(n) is never exactly halfway between two integers for an integer n, so the rounding mode does not matter.
        return new((int)Math.Round(Math.Log2(usefulPoints)) + 3, Quantiles.GetOrAdd(usefulPoints - 1, LowerFivePercentQuantile));
    }

    /// <summary>The smallest x with P(X ≤ x) ≥ 0.05 for X ~ binomial(trials, 0.5), as R's qbinom(0.05, trials, 0.5).</summary>
    internal static int LowerFivePercentQuantile(int trials)
    {
        // P(X ≤ x) = sum of C(trials, k) for k ≤ x, over 2^trials; "≥ 0.05" is "20 × sum ≥ 2^trials", exact in integers.
        var total = BigInteger.One << trials;
        var coefficient = BigInteger.One;
        var sum = BigInteger.Zero;
        for (var x = 0; ; x++)
        {
            sum += coefficient;
            if (20 * sum >= total) return x;
            coefficient = coefficient * (trials - x) / (x + 1);
        }
    }
}
