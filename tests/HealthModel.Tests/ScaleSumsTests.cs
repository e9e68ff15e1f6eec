using FsCheck;
using FsCheck.Xunit;

namespace HealthModel.Tests;

public class ScaleSumsTests
{
    /// <summary>Running sums, added in any split, give the figures a direct two-pass computation gives.</summary>
    [Property(MaxTest = 300)]
    public void Sums_added_in_any_split_give_the_two_pass_statistics(NonEmptyArray<byte> raw, byte split)
    {
        var scores = raw.Get.Select(b => 1m + b % 17 / 4m).ToList(); // 1.00 to 5.00 in quarter steps
        var at = split % (scores.Count + 1);
        var sums = ScaleSums.Of(scores.Take(at)) + ScaleSums.Of(scores.Skip(at));
        var stats = ScaleStatistics.Of("S", sums)!;

        var mean = scores.Average();
        var sd = scores.Count < 2 ? (decimal?)null
            : Math.Round((decimal)Math.Sqrt((double)(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Count - 1))), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(scores.Count, stats.N);
        Assert.Equal(Math.Round(mean, 2, MidpointRounding.AwayFromZero), stats.Mean);
        Assert.Equal(sd, stats.StandardDeviation);
        Assert.Equal(Math.Round(100m * scores.Count(s => s >= 4m) / scores.Count, 1, MidpointRounding.AwayFromZero), stats.PctFavorable);
    }

    [Fact]
    public void Nobody_means_no_statistics() => Assert.Null(ScaleStatistics.Of("S", ScaleSums.None));
}
