namespace Platform.Contracts.Surveys;

/// <summary>
/// Surveys' service-only API (not an event): per wave, how many responses Surveys has released to Reporting, before a
/// time and in all. Reporting compares them with the responses it counts (the consistency check an operator runs).
/// </summary>
public sealed record WaveReleasedCount(Guid WaveId, int ReleasedBefore, int Released)
{
    public static string Path(Guid tenantId, DateTimeOffset before) =>
        $"/api/service/tenants/{tenantId}/survey-waves/released-counts?before={Uri.EscapeDataString(before.ToString("O"))}";
}
