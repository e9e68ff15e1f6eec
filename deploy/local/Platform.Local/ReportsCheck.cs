using System.Text.Json;

namespace Platform.Local;

/// <summary>
/// `./dev check-reports`: for every hub, asks Reporting to compare its survey counts per wave with what Surveys released
/// (GET /api/reporting/admin/tenants/{id}/survey-consistency, as the platform admin). Reporting logs each mismatch as an
/// error; this prints them and says how to repair.
/// </summary>
public static class ReportsCheck
{
    /// <returns>The number of waves whose counts differ.</returns>
    public static async Task<int> RunAsync(PlatformApiClient api, Action<string> output, CancellationToken ct = default)
    {
        var admin = await api.GetTokenAsync(LocalPlatform.DemoAdminEmail, LocalPlatform.DemoPassword, ct);
        var tenants = await api.GetAsync<JsonElement>("/api/tenants", admin, ct);
        var mismatches = 0;
        foreach (var tenant in tenants.EnumerateArray().Where(t => t.GetProperty("kind").GetString() == "Hub"))
        {
            var report = await api.GetAsync<JsonElement>($"/api/reporting/admin/tenants/{tenant.GetProperty("id")}/survey-consistency", admin, ct);
            var differing = report.GetProperty("mismatches").EnumerateArray().ToList();
            output($"{tenant.GetProperty("name").GetString(),-32} {report.GetProperty("wavesCompared").GetInt32(),3} waves  " +
                   (differing.Count == 0 ? "consistent" : $"{differing.Count} differ"));
            foreach (var m in differing)
                output($"    wave {m.GetProperty("waveId")}: Surveys released {m.GetProperty("releasedBefore")} before the check ({m.GetProperty("released")} in all), Reporting counts {m.GetProperty("countedInReporting")}");
            mismatches += differing.Count;
        }
        output(mismatches == 0
            ? "Reporting counts every survey response Surveys released to it (those released in the last minute may still be on their way)."
            : $"{mismatches} wave(s) differ; `./dev rebuild-reports` rebuilds Reporting from every service's facts.");
        return mismatches;
    }
}
