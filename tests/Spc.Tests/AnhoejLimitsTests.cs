namespace Spc.Tests;

public class AnhoejLimitsTests
{
    /// <summary>
    /// Anhøj's table (longest run above round(log2 n) + 3; crossings below qbinom(0.05, n - 1, 0.5)). For n = 36 the exact
    /// quantile is 13, not 12: P(X ≤ 12) = 0.0448 < 0.05 ≤ P(X ≤ 13) = 0.0877 for X ~ binomial(35, 0.5), as R's qbinom says.
    /// </summary>
    [Theory]
    [InlineData(10, 6, 2)]
    [InlineData(12, 7, 3)]
    [InlineData(20, 7, 6)]
    [InlineData(24, 8, 8)]
    [InlineData(36, 8, 13)]
    public void Limits_for_n_useful_points(int n, int longestRunMax, int crossingsMin) =>
        Assert.Equal(new AnhoejLimits(longestRunMax, crossingsMin), AnhoejLimits.For(n));

    [Theory]
    [InlineData(1, 3, 0)]
    [InlineData(2, 4, 0)]
    [InlineData(100, 10, 41)]
    public void Small_and_large_n(int n, int longestRunMax, int crossingsMin) =>
        Assert.Equal(new AnhoejLimits(longestRunMax, crossingsMin), AnhoejLimits.For(n));

    /// <summary>The exact quantile agrees with a cumulative sum of binomial probabilities in doubles wherever doubles are precise enough.</summary>
    [Fact]
    public void The_quantile_is_the_smallest_x_with_a_cumulative_probability_of_at_least_5_percent()
    {
        for (var n = 2; n <= 60; n++)
        {
            var trials = n - 1;
            double cumulative = 0, coefficient = 1;
            var x = 0;
            for (; ; x++)
            {
                cumulative += coefficient / Math.Pow(2, trials);
                if (cumulative >= 0.05) break;
                coefficient = coefficient * (trials - x) / (x + 1);
            }
            Assert.Equal(x, AnhoejLimits.For(n).CrossingsMin);
        }
    }

    [Fact]
    public void No_limits_without_useful_points() => Assert.Throws<ArgumentOutOfRangeException>(() => AnhoejLimits.For(0));
}
