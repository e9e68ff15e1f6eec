using Platform.Contracts.Surveys;

namespace Platform.Reporting.Domain;

/// <summary>A wave whose submitted responses in Surveys and counted responses in Reporting differ.</summary>
public sealed record WaveMismatch(Guid WaveId, int SubmittedInSurveys, int CountedInReporting);

/// <summary>What the consistency check found for one hub: how many waves it compared, and those that differ.</summary>
public sealed record SurveyConsistencyReport(Guid TenantId, DateTimeOffset SubmittedBefore, int WavesCompared, IReadOnlyList<WaveMismatch> Mismatches)
{
    public bool Consistent => Mismatches.Count == 0;
}

/// <summary>
/// Compares, per wave, the responses Surveys holds with those Reporting counts. Both sides count only responses submitted
/// before the same time, so a response still on its way is not taken for a lost one. A wave either side lacks counts as 0
/// there.
/// </summary>
public static class SurveyConsistency
{
    public static SurveyConsistencyReport Compare(Guid tenantId, DateTimeOffset before, IReadOnlyList<WaveSubmittedCount> surveys,
        IReadOnlyDictionary<Guid, int> reporting)
    {
        var submitted = surveys.ToDictionary(w => w.WaveId, w => w.Submitted);
        var waves = submitted.Keys.Union(reporting.Keys).Order().ToList();
        var mismatches = waves
            .Select(w => new WaveMismatch(w, submitted.GetValueOrDefault(w), reporting.GetValueOrDefault(w)))
            .Where(m => m.SubmittedInSurveys != m.CountedInReporting)
            .ToList();
        return new SurveyConsistencyReport(tenantId, before, waves.Count, mismatches);
    }
}
