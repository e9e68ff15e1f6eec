using Platform.Surveys.Application;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Platform.Local;
using Platform.Surveys;

namespace Platform.Benchmarks;

/// <summary>
/// 20,000 survey submits (answers sent with the submit) through the gateway by concurrent clients, with the same kind
/// of submits straight to the Surveys service just before and just after, in one run (so that a host that speeds up or
/// slows down during the run weighs on both sides of the ratio alike); then the wave closes, and how long until Reporting
/// has every response (responses leave Surveys in released steps, at most one a day; the close releases the rest).
/// Targets: at least 1,000 submits/s, p99 under 100 ms, gateway/direct at most 1.3x, Reporting complete within 5 s of the close.
/// </summary>
public static class SurveyBenchmark
{
    // The warm-up is long enough for .NET's tiered compilation to finish with the hot paths (two recompilations each,
    // after 30 calls): with 1,000 the JIT still took a quarter of Surveys' CPU while measuring.
    private const int Warmup = 5_000, ThroughGateway = 20_000, DirectBefore = 5_000, DirectAfter = 5_000, Clients = 32;

    public static Task<int> RunAsync() => BenchPlatform.RunAsync(MeasureAsync);

    private static async Task<int> MeasureAsync(BenchPlatform bench)
    {
        var api = bench.Api;
        var hub = await api.GetTokenAsync("hubadmin@riverbend.demo", LocalPlatform.DemoPassword);
        var tenant = PlatformApiClient.TenantOf(hub);
        const int members = Warmup + DirectBefore + ThroughGateway + DirectAfter;

        Console.WriteLine($"Importing {members:N0} members and opening a wave ...");
        var network = (await api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = "Survey bench", aim = "Measure", goalType = "Other", launchDate = "2024-08-01" })).GetProperty("id").GetGuid();
        var roster = new StringBuilder("email,given_name,family_name,school,district,team,role,start_date,end_date\n");
        for (var i = 0; i < members; i++)
            roster.Append($"m{i}@survey.bench,Given{i},Family{i},School {i % 40},District {i % 5},Team {i % 3},{(i % 7 == 0 ? "TeamLead" : "TeamMember")},2025-09-01,\n");
        using (var import = new HttpRequestMessage(HttpMethod.Post, $"/api/networks/{network}/roster") { Content = new StringContent(roster.ToString(), Encoding.UTF8, "text/csv") })
        {
            import.Headers.Authorization = new("Bearer", hub);
            (await api.Http.SendAsync(import)).EnsureSuccessStatusCode();
        }
        var wave = await WaveWithRosterAsync(api, hub, network, members);
        (await api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/open", hub)).EnsureSuccessStatusCode();

        var links = new SurveyLinks(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Surveys:LinkSecret"] = bench.Platform.SurveyLinkSecret,
        }).Build());
        var tokens = (await InvitationIdsAsync(bench.Platform, wave)).Select(id => links.TokenFor(tenant, id)).ToList();
        var random = new Random(7);
        string[] items = ["HL1", "HL2", "HL3", "HL4", "RE1", "RE2", "RE3", "RE4", "CI1", "CI2", "CI3", "CI4", "WT1", "WT2", "WT3", "AT1", "AT2", "AT3", "AT4",
            "NC1", "NC2", "NC3", "NC4", "CA1", "CA2", "CA3", "BE1", "BE2", "BE3", "BE4", "AP1", "AP2", "AP3"];
        var bodies = tokens.Select(_ => JsonSerializer.Serialize(new { answers = items.ToDictionary(i => i, _ => random.Next(1, 6)) })).ToList();

        var gateway = bench.Platform.Options.GatewayUrl;
        var direct = new Uri($"http://127.0.0.1:{bench.Platform.Options.Ports["surveys"]}/");
        Console.WriteLine($"Warm-up: {Warmup:N0} submits ...");
        await SubmitAllAsync(gateway, tokens[..Warmup], bodies[..Warmup]);
        // The members' import and the wave's mail are still being worked off by the services: measure on a quiet machine.
        await BenchPlatform.WaitForQuietAsync();
        Console.WriteLine($"Measuring: {DirectBefore:N0} submits straight to Surveys, {ThroughGateway:N0} through the gateway, {DirectAfter:N0} straight again, {Clients} clients each ...");
        const int gatewayFrom = Warmup + DirectBefore, afterFrom = gatewayFrom + ThroughGateway;
        var before = await SubmitAllAsync(direct, tokens[Warmup..gatewayFrom], bodies[Warmup..gatewayFrom]);
        var cpuBefore = BenchPlatform.CpuByPart();
        var gatewayRun = Stopwatch.StartNew();
        var viaGateway = await SubmitAllAsync(gateway, tokens[gatewayFrom..afterFrom], bodies[gatewayFrom..afterFrom]);
        var cores = BenchPlatform.CoresByPart(cpuBefore, BenchPlatform.CpuByPart(), gatewayRun.Elapsed, ThroughGateway);
        var straight = Run.Both(before, await SubmitAllAsync(direct, tokens[afterFrom..], bodies[afterFrom..]));
        var closing = Stopwatch.StartNew();
        (await api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/close", hub)).EnsureSuccessStatusCode();
        var closeTook = closing.Elapsed;

        var respondents = 0;
        while (closing.Elapsed < TimeSpan.FromSeconds(60))
        {
            respondents = (await api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/survey?year=2026", hub)).GetProperty("respondents").GetInt32();
            if (respondents >= members) break;
            await Task.Delay(100);
        }
        var reportingLag = closing.Elapsed;

        Console.WriteLine($"""

            survey submits through the gateway ({ThroughGateway:N0}, {Clients} clients): {viaGateway.PerSecond:N0}/s, p50 {viaGateway.P(50):F1} ms, p95 {viaGateway.P(95):F1} ms, p99 {viaGateway.P(99):F1} ms, failed {viaGateway.Failed}
            survey submits straight to Surveys ({DirectBefore:N0} before, {DirectAfter:N0} after, {Clients} clients):  {straight.PerSecond:N0}/s, p50 {straight.P(50):F1} ms, p95 {straight.P(95):F1} ms, p99 {straight.P(99):F1} ms, failed {straight.Failed}
            cores busy while submitting through the gateway (CPU per submit): {cores}
            gateway / direct, mean latency:               {viaGateway.Mean / straight.Mean:F2}x   (goal: at most 1.3x)
            Reporting had {respondents:N0} of {members:N0} responses {reportingLag.TotalSeconds:F1} s after the close (the close itself took {closeTook.TotalSeconds:F1} s)   (target: all within 5 s)
            targets: >= 1,000 submits/s and p99 < 100 ms through the gateway
            """);
        return 0;
    }

    private sealed record Run(double PerSecond, double[] Latencies, int Failed)
    {
        public static Run Both(Run a, Run b) =>
            new((a.Latencies.Length + b.Latencies.Length) / (a.Latencies.Length / a.PerSecond + b.Latencies.Length / b.PerSecond),
                [.. a.Latencies.Concat(b.Latencies).Order()], a.Failed + b.Failed);

        public double P(int percentile) => Latencies[Math.Min(Latencies.Length - 1, (int)Math.Ceiling(percentile / 100.0 * Latencies.Length) - 1)];
        public double Mean => Latencies.Average();
    }

    private static async Task<Run> SubmitAllAsync(Uri baseAddress, List<string> tokens, List<string> bodies)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = baseAddress };
        var latencies = new double[tokens.Count];
        var failed = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < tokens.Count; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync($"api/surveys/respond/{tokens[i]}/submit", new StringContent(bodies[i], Encoding.UTF8, "application/json"));
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode && Interlocked.Increment(ref failed) == 1)
                    Console.WriteLine($"first failure: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }));
        clock.Stop();
        Array.Sort(latencies);
        return new Run(tokens.Count / clock.Elapsed.TotalSeconds, latencies, failed);
    }

    private static async Task<Guid> WaveWithRosterAsync(PlatformApiClient api, string hub, Guid network, int members)
    {
        var clock = Stopwatch.StartNew();
        Guid? wave = null;
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (wave is null)
            {
                using var created = await api.SendAsync(HttpMethod.Post, "/api/surveys/waves", hub,
                    new { networkId = network, instrumentId = "network-health-member", version = 1, networkYear = 2026, opensOn = "2026-09-01", closesOn = "2099-06-30", releaseThreshold = 0 });
                if (created.IsSuccessStatusCode) wave = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }
            else if ((await api.GetAsync<JsonElement>($"/api/surveys/waves/{wave}/roster", hub)).GetProperty("members").GetInt32() == members)
                return wave.Value;
            await Task.Delay(500);
        }
        throw new TimeoutException("Surveys did not learn of every member within 5 minutes.");
    }

    /// <summary>The bench's own setup read (as the database superuser): which invitations the opening created.</summary>
    private static async Task<List<Guid>> InvitationIdsAsync(LocalPlatform platform, Guid wave)
    {
        await using var db = new NpgsqlConnection(platform.Postgres.ConnectionString("surveys"));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("select id from survey_invitations where wave_id = @wave order by id", db);
        command.Parameters.AddWithValue("wave", wave);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
