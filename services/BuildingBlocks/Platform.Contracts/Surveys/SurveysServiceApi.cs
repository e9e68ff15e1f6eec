namespace Platform.Contracts.Surveys;

/// <summary>
/// Surveys' service-only API (not an event): per wave, how many responses were submitted before a time. Reporting
/// compares it with the responses it counts (the consistency check an operator runs, issue 23).
/// </summary>
public sealed record WaveSubmittedCount(Guid WaveId, int Submitted)
{
    public static string Path(Guid tenantId, DateTimeOffset before) =>
        $"/api/service/tenants/{tenantId}/survey-waves/submitted-counts?before={Uri.EscapeDataString(before.ToString("O"))}";
}
