using Platform.Surveys.Domain;

namespace Surveys.Tests;

public class ReleaseRuleTests
{
    [Theory]
    [InlineData(50, 9, 20, false)]
    [InlineData(50, 10, 20, true)]  // exactly the threshold
    [InlineData(50, 3, 7, false)]   // 42.9 %
    [InlineData(50, 4, 7, true)]    // 57.1 %
    [InlineData(67, 2, 3, false)]   // 66.67 % is below 67 %: compared exactly, not rounded
    [InlineData(0, 0, 10, true)]    // 0: at once (a step still needs five responses)
    [InlineData(100, 19, 20, false)]
    [InlineData(100, 20, 20, true)]
    [InlineData(50, 0, 0, false)]   // nobody invited: nothing to release before the close
    public void Results_are_released_once_the_response_rate_reaches_the_threshold(int threshold, int submitted, int invited, bool released)
    {
        Assert.Equal(released, ReleaseRule.Released(threshold, submitted, invited, closed: false, released: false));
        if (invited > 0) Assert.Equal(released, ReleaseRule.MoreNeeded(threshold, submitted, invited) == 0);
    }

    [Fact]
    public void The_close_or_an_earlier_step_releases_whatever_the_rate()
    {
        Assert.True(ReleaseRule.Released(90, 1, 20, closed: true, released: false));
        Assert.True(ReleaseRule.Released(90, 1, 20, closed: false, released: true)); // the threshold decides only the first step
        Assert.Equal(1, ReleaseRule.MoreNeeded(50, 9, 20));
        Assert.Equal(1, ReleaseRule.MoreNeeded(50, 3, 7));
        Assert.Equal(11, ReleaseRule.MoreNeeded(100, 9, 20));
    }
}
