using Platform.Contracts.Surveys;

namespace Platform.Reporting.Domain;

/// <summary>
/// A wave whose responses in Reporting are fewer than Surveys released before the check's time (some were lost), or more
/// than Surveys released at all.
/// </summary>
public sealed record WaveMismatch(Guid WaveId, int ReleasedBefore, int Released, int CountedInReporting);

/// <summary>What the consistency check found for one hub: how many waves it compared, and those that differ.</summary>
public sealed record SurveyConsistencyReport(Guid TenantId, DateTimeOffset ReleasedBefore, int WavesCompared, IReadOnlyList<WaveMismatch> Mismatches)
{
    public bool Consistent => Mismatches.Count == 0;
}

/// <summary>
/// Compares, per wave, the responses Surveys released to Reporting with those Reporting counts. Responses released
/// after <c>before</c> may still be on their way, so Reporting's count must lie between the number released before it and
/// the number released in all. A wave either side lacks counts as 0 there.
/// </summary>
public static class SurveyConsistency
{
    public static SurveyConsistencyReport Compare(Guid tenantId, DateTimeOffset before, IReadOnlyList<WaveReleasedCount> surveys,
        IReadOnlyDictionary<Guid, int> reporting)
    {
        var released = surveys.ToDictionary(w => w.WaveId);
        var waves = released.Keys.Union(reporting.Keys).Order().ToList();
        var mismatches = waves
            .Select(w => new WaveMismatch(w, released.GetValueOrDefault(w)?.ReleasedBefore ?? 0, released.GetValueOrDefault(w)?.Released ?? 0,
                reporting.GetValueOrDefault(w)))
            .Where(m => m.CountedInReporting < m.ReleasedBefore || m.CountedInReporting > m.Released)
            .ToList();
        return new SurveyConsistencyReport(tenantId, before, waves.Count, mismatches);
    }
}
