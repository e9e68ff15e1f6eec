using System.Net;
using System.Text.Json;
using Dapper;

namespace EndToEnd.Tests;

/// <summary>
/// Reporting holds nothing that is not in an event: drop its database, start it again, and the publishers' replayed facts
/// give back the same answers, byte for byte, on every funder and hub endpoint. The consistency check names a wave whose
/// responses Reporting lost, and the rebuild repairs it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RebuildTests(PlatformFixture platform)
{
    private const int Year = 2026;

    [Fact]
    public async Task Dropping_reportings_database_and_replaying_the_publishers_gives_identical_answers()
    {
        var api = platform.Api;
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var funder = await platform.TokenAsync(PlatformFixture.Funder);

        // A network with everything Reporting builds from: survey responses and a closed wave, hub seats, a funder grant.
        var driver = new SurveyDriver(platform, Year);
        var (network, emails) = await driver.NetworkWithMembersAsync(hub, 5);
        var wave = await driver.DraftWaveAsync(hub, network, 5);
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });
        await driver.AllSubmitAsync(emails, level: 4);
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/close", hub, new { });
        await api.PostAsync<JsonElement>($"/api/networks/{network}/hub-staff", hub, new
        {
            email = $"lead-{Guid.NewGuid():N}@rebuild.test", givenName = "Lee", familyName = "Hub", hubRole = "HubLead", core = true, startDate = "2025-08-01",
        });
        // An improvement team that has done no work yet: only Networks' replay can tell Reporting of it again.
        var school = (await api.PostAsync<JsonElement>($"/api/networks/{network}/organizations", hub,
            new { kind = "School", name = "Rebuild High", district = "River District", joinedOn = "2024-08-01" })).GetProperty("id").GetGuid();
        await api.PostAsync<JsonElement>($"/api/networks/{network}/teams", hub, new { organizationId = school, name = "Team without cycles" });
        var foundation = (await api.GetAsync<JsonElement[]>("/api/funders", hub))
            .Single(f => f.GetProperty("name").GetString() == "Demo Foundation").GetProperty("id").GetGuid();
        await api.PostAsync<JsonElement>($"/api/networks/{network}/grants", hub, new { funderTenantId = foundation });

        string[] Paths() =>
        [
            $"F/api/reporting/portfolio/structure?year={Year}",
            $"F/api/reporting/portfolio/health?year={Year}",
            $"F/api/reporting/portfolio/health?year={Year}&format=csv",
            $"F/api/reporting/portfolio/clusters?year={Year}",
            "F/api/reporting/portfolio/trend",
            $"F/api/reporting/portfolio/leadership?year={Year}",
            "H/api/reporting/networks",
            $"H/api/reporting/networks/{network}/health?year={Year}",
            $"H/api/reporting/networks/{network}/health/trend",
            $"H/api/reporting/networks/{network}/structure?year={Year}",
            $"H/api/reporting/networks/{network}/warnings?year={Year}",
            $"H/api/reporting/networks/{network}/feedback-report?year={Year}",
            $"H/api/reporting/networks/{network}/improvement?year={Year}",
        ];
        async Task<Dictionary<string, string>> AnswersAsync()
        {
            var answers = new Dictionary<string, string>();
            foreach (var path in Paths())
            {
                using var response = await api.SendAsync(HttpMethod.Get, path[1..], path[0] == 'F' ? funder : hub);
                answers[path] = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            return answers;
        }

        // Before: wait until Reporting has every fact of the new network (all five responses, the closed wave, the seat, the grant, the team).
        Dictionary<string, string> before = [];
        await PlatformFixture.EventuallyAsync(async () =>
        {
            before = await AnswersAsync();
            return before[$"H/api/reporting/networks/{network}/health?year={Year}"].Contains("\"respondents\":5,\"responseRate\":100")
                && before[$"F/api/reporting/portfolio/structure?year={Year}"].Contains(network.ToString())
                && !before[$"H/api/reporting/networks/{network}/warnings?year={Year}"].Contains("No core hub seat")
                && before[$"H/api/reporting/networks/{network}/improvement?year={Year}"].Contains("\"teams\":1");
        }, TimeSpan.FromSeconds(30), "Reporting takes in the new network's facts");
        Assert.All(before, a => Assert.StartsWith("200 ", a.Value));
        // Earlier tests' events may still be arriving: take the snapshot once two reads a second apart agree.
        var settling = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(1000);
            var again = await AnswersAsync();
            var moved = before.FirstOrDefault(b => again[b.Key] != b.Value);
            if (moved.Key is null) break;
            Assert.True(settling.Elapsed < TimeSpan.FromSeconds(30), "Reporting does not settle: " + Difference(moved.Key, moved.Value, again[moved.Key]));
            before = again;
        }

        // A response lost on its way (issue 23): Reporting forgets one of the wave's five. The check names the wave, and
        // Reporting logs it as an error.
        await using (var reporting = platform.ConnectAsSuperuser("reporting"))
            await reporting.ExecuteAsync("delete from survey_scale_scores where response_id = (select response_id from survey_scale_scores where wave_id = @wave order by response_id limit 1)", new { wave });
        var admin = await platform.TokenAsync(PlatformFixture.PlatformAdmin);
        var tenant = PlatformFixture.TenantOf(hub);
        async Task<(Guid Wave, int Released, int Reporting)[]> MismatchesAsync() =>
            (await api.GetAsync<JsonElement>($"/api/reporting/admin/tenants/{tenant}/survey-consistency?before={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}", admin))
                .GetProperty("mismatches").EnumerateArray()
                .Select(m => (m.GetProperty("waveId").GetGuid(), m.GetProperty("releasedBefore").GetInt32(), m.GetProperty("countedInReporting").GetInt32()))
                .ToArray();
        Assert.Equal([(wave, 5, 4)], await MismatchesAsync());
        // The service's output reaches its log file a moment after the answer: read until the line is there.
        await PlatformFixture.EventuallyAsync(async () =>
            (await File.ReadAllTextAsync(Path.Combine(platform.Platform.Options.LogDirectory, "reporting.log")))
                .Split('\n').Any(line => line.Contains("fail:") && line.Contains($"Survey wave {wave} of tenant {tenant}")),
            TimeSpan.FromSeconds(10), "Reporting logs the mismatch as an error");

        await platform.Platform.RebuildReportsAsync();

        Dictionary<string, string> after = [];
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            after = await AnswersAsync();
            if (before.All(b => after[b.Key] == b.Value)) break;
            await Task.Delay(500);
        } while (waited.Elapsed < TimeSpan.FromSeconds(60));
        foreach (var (path, answer) in before) Assert.True(answer == after[path], Difference(path, answer, after[path]));
        // The hub's other waves (earlier tests') are replayed too; once they are in, no wave differs.
        await PlatformFixture.EventuallyAsync(async () => (await MismatchesAsync()).Length == 0, TimeSpan.FromSeconds(60),
            "after the rebuild, Reporting counts every response Surveys holds");
    }

    /// <summary>Where two answers part, with some context either side.</summary>
    private static string Difference(string path, string before, string after)
    {
        var at = Enumerable.Range(0, Math.Min(before.Length, after.Length)).FirstOrDefault(i => before[i] != after[i], Math.Min(before.Length, after.Length));
        string Around(string s) => s[Math.Max(0, at - 120)..Math.Min(s.Length, at + 120)].Replace("\n", "⏎");
        return $"{path} differs at {at}\nbefore: ...{Around(before)}...\nafter:  ...{Around(after)}...";
    }
}
