using Platform.HealthModel;

namespace HealthModel.Tests;

public class HubStabilityLabelsTests
{
    [Fact]
    public void Every_class_has_one_label_wherever_it_is_shown()
    {
        // The feedback report read "Early turnover then stable" while the portal wrote "Early turnover, then stable".
        Assert.Equal("Early turnover, then stable", HubStabilityLabels.Label("EarlyTurnoverThenStable"));
        Assert.Equal(["Stable", "EarlyTurnoverThenStable", "SomeTurnover", "HighTurnover"], HubStabilityLabels.Classes.Select(c => c.Value));
        Assert.Equal("Unheard", HubStabilityLabels.Label("Unheard")); // a class added upstream shows as it came
    }
}
