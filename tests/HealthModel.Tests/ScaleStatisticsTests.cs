namespace HealthModel.Tests;

public class ScaleStatisticsTests
{
    [Fact]
    public void Mean_sample_deviation_and_share_favorable()
    {
        var s = ScaleStatistics.Of("CI_PROCESSES", [2m, 4m, 4m, 5m])!;
        Assert.Equal(4, s.N);
        Assert.Equal(3.75m, s.Mean);
        Assert.Equal(1.26m, s.StandardDeviation); // sqrt(((1.75)^2 + 2*(0.25)^2 + (1.25)^2) / 3) = 1.258
        Assert.Equal(75.0m, s.PctFavorable);      // 4 counts as favorable
    }

    [Fact]
    public void A_score_just_under_four_is_not_favorable()
    {
        Assert.Equal(0m, ScaleStatistics.Of("BENEFITS", [3.99m, 3.67m])!.PctFavorable);
    }

    [Fact]
    public void One_respondent_has_no_deviation_and_none_has_no_statistics()
    {
        Assert.Null(ScaleStatistics.Of("BENEFITS", [4m])!.StandardDeviation);
        Assert.Null(ScaleStatistics.Of("BENEFITS", []));
    }
}
