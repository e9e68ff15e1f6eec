using Platform.Data;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Application;

/// <summary>Compares, per wave of a hub, the responses Reporting counts with those Surveys released to it; logs each mismatch.</summary>
public sealed class SurveyConsistencyCheck(Database db, SurveyResultsStore results, SurveysClient surveys, TimeProvider clock, ILoggerFactory logs)
{
    private readonly ILogger _logger = logs.CreateLogger(typeof(SurveyConsistency).FullName!);

    /// <summary>Responses released less than this ago may still be on their way to Reporting: by default the check does not require them.</summary>
    private static readonly TimeSpan InFlight = TimeSpan.FromMinutes(1);

    public async Task<SurveyConsistencyReport> CheckAsync(Guid tenantId, DateTimeOffset? before, CancellationToken ct)
    {
        var cutoff = before ?? clock.GetUtcNow() - InFlight;
        var released = await surveys.ReleasedCountsAsync(tenantId, cutoff, ct);
        IReadOnlyDictionary<Guid, int> counted;
        await using (var uow = await db.BeginAsync(tenantId, ct))
            counted = await results.CountedByWaveAsync(uow, ct);
        var report = SurveyConsistency.Compare(tenantId, cutoff, released, counted);
        foreach (var m in report.Mismatches)
            _logger.LogError("Survey wave {WaveId} of tenant {TenantId}: Surveys released {ReleasedBefore} responses before {Before:O} and {Released} in all, Reporting counts {Counted}; `./dev rebuild-reports` (POST /api/reporting/admin/rebuild) repairs it",
                m.WaveId, tenantId, m.ReleasedBefore, cutoff, m.Released, m.CountedInReporting);
        return report;
    }
}
