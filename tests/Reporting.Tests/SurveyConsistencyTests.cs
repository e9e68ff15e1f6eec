using Platform.Contracts.Surveys;
using Platform.Reporting.Domain;

namespace Reporting.Tests;

public sealed class SurveyConsistencyTests
{
    private static readonly Guid Tenant = Guid.CreateVersion7();
    private static readonly DateTimeOffset Before = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Waves_with_every_released_response_are_consistent_and_a_lost_response_is_named_by_its_wave()
    {
        Guid complete = Guid.CreateVersion7(), lossy = Guid.CreateVersion7();
        var report = SurveyConsistency.Compare(Tenant, Before,
            [new WaveReleasedCount(complete, 12, 12), new WaveReleasedCount(lossy, 300, 300)],
            new Dictionary<Guid, int> { [complete] = 12, [lossy] = 104 });

        Assert.Equal(2, report.WavesCompared);
        Assert.Equal([new WaveMismatch(lossy, 300, 300, 104)], report.Mismatches);
        Assert.False(report.Consistent);
    }

    [Fact]
    public void Responses_released_after_the_checks_time_may_or_may_not_have_arrived()
    {
        var wave = Guid.CreateVersion7();
        foreach (var counted in new[] { 10, 12, 15 })
            Assert.True(SurveyConsistency.Compare(Tenant, Before, [new WaveReleasedCount(wave, 10, 15)], new Dictionary<Guid, int> { [wave] = counted }).Consistent);
        Assert.False(SurveyConsistency.Compare(Tenant, Before, [new WaveReleasedCount(wave, 10, 15)], new Dictionary<Guid, int> { [wave] = 9 }).Consistent);
        Assert.False(SurveyConsistency.Compare(Tenant, Before, [new WaveReleasedCount(wave, 10, 15)], new Dictionary<Guid, int> { [wave] = 16 }).Consistent);
    }

    [Fact]
    public void A_wave_only_one_side_knows_counts_as_zero_on_the_other()
    {
        Guid neverArrived = Guid.CreateVersion7(), unknownToSurveys = Guid.CreateVersion7();
        var report = SurveyConsistency.Compare(Tenant, Before, [new WaveReleasedCount(neverArrived, 3, 3)],
            new Dictionary<Guid, int> { [unknownToSurveys] = 2 });

        Assert.Equal(new[] { new WaveMismatch(neverArrived, 3, 3, 0), new WaveMismatch(unknownToSurveys, 0, 0, 2) }.OrderBy(m => m.WaveId), report.Mismatches);
    }

    [Fact]
    public void No_waves_is_consistent() =>
        Assert.True(SurveyConsistency.Compare(Tenant, Before, [], new Dictionary<Guid, int>()).Consistent);
}
