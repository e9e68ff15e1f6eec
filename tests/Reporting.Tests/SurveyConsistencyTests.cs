using Platform.Contracts.Surveys;
using Platform.Reporting.Domain;

namespace Reporting.Tests;

public sealed class SurveyConsistencyTests
{
    private static readonly Guid Tenant = Guid.CreateVersion7();
    private static readonly DateTimeOffset Before = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Waves_with_equal_counts_are_consistent_and_a_lost_response_is_named_by_its_wave()
    {
        Guid complete = Guid.CreateVersion7(), lossy = Guid.CreateVersion7();
        var report = SurveyConsistency.Compare(Tenant, Before,
            [new WaveSubmittedCount(complete, 12), new WaveSubmittedCount(lossy, 300)],
            new Dictionary<Guid, int> { [complete] = 12, [lossy] = 104 });

        Assert.Equal(2, report.WavesCompared);
        Assert.Equal([new WaveMismatch(lossy, 300, 104)], report.Mismatches);
        Assert.False(report.Consistent);
    }

    [Fact]
    public void A_wave_only_one_side_knows_counts_as_zero_on_the_other()
    {
        Guid neverArrived = Guid.CreateVersion7(), unknownToSurveys = Guid.CreateVersion7();
        var report = SurveyConsistency.Compare(Tenant, Before, [new WaveSubmittedCount(neverArrived, 3)],
            new Dictionary<Guid, int> { [unknownToSurveys] = 2 });

        Assert.Equal(new[] { new WaveMismatch(neverArrived, 3, 0), new WaveMismatch(unknownToSurveys, 0, 2) }.OrderBy(m => m.WaveId), report.Mismatches);
    }

    [Fact]
    public void No_waves_is_consistent() =>
        Assert.True(SurveyConsistency.Compare(Tenant, Before, [], new Dictionary<Guid, int>()).Consistent);
}
