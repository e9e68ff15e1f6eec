using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Contracts.Improvement;
using Platform.Contracts.Networks;
using Platform.Contracts.Surveys;
using Platform.HealthModel;
using Platform.Local;
using Platform.Messaging;

namespace Platform.Benchmarks;

/// <summary>
/// A portfolio of 1,000 networks, 300,000 members and 1,000,000 survey responses over 3 network years, delivered to
/// Reporting as events (published on the broker as the services publish them, never written into Reporting's tables).
/// Reporting is stopped while they are published and started on the full backlog, to time its ingestion alone; then the
/// read endpoints are timed through the gateway. Targets: ingestion >= 5,000 events/s; portfolio/health p95 < 100 ms;
/// a network's health p95 < 20 ms; the feedback report < 300 ms. Then each network's improvement work (teams, PDSA
/// cycles, touchpoints, signals, theory versions: as Improvement publishes them) and the funder's improvement table over
/// the 1,000 networks: p95 < 100 ms.
/// </summary>
public static class ReportingBenchmark
{
    private const int Networks = 1_000, MembersPerNetwork = 300, Hubs = 10, Year = 2025;
    private const int TeamsPerNetwork = 4, CyclesPerTeam = 6, TouchpointsPerNetwork = 6;
    private static readonly int[] Years = [2023, 2024, 2025];
    /// <summary>333 per network year, plus one more in the last: 1,000,000. A smaller number (an argument) gives a quicker run.</summary>
    private static int ResponsesPerNetworkYear = 333;
    private static readonly string?[] Roles = ["TeamMember", "TeamMember", "TeamMember", "TeamLead", "DistrictLead", "Other"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && int.TryParse(args[0], out var perYear) && perYear > 0) ResponsesPerNetworkYear = perYear;
        return await BenchPlatform.RunAsync(MeasureAsync);
    }

    private static async Task<int> MeasureAsync(BenchPlatform bench)
    {
        var api = bench.Api;
        var hubToken = await api.GetTokenAsync("hubadmin@riverbend.demo", LocalPlatform.DemoPassword);
        var funderToken = await api.GetTokenAsync("funder@foundation.demo", LocalPlatform.DemoPassword);
        var riverbend = PlatformApiClient.TenantOf(hubToken);
        var funder = PlatformApiClient.TenantOf(funderToken);
        // Network 0 belongs to the demo hub (so its admin can read it); the rest to synthetic hubs. All are shared with the demo funder.
        var hubs = new[] { riverbend }.Concat(Enumerable.Range(1, Hubs - 1).Select(_ => Guid.NewGuid())).ToArray();
        var networks = Enumerable.Range(0, Networks).Select(i => (Id: Guid.NewGuid(), Tenant: hubs[i % Hubs], Level: 2.6m + i % 17 * 0.1m)).ToArray();

        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host("127.0.0.1", (ushort)bench.Platform.Options.RabbitMqPort, "/", h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        await bus.StartAsync();
        try
        {
            Console.WriteLine("Stopping Reporting, then publishing the portfolio's events ...");
            await bench.Platform.StopServiceAsync("reporting");
            var published = Stopwatch.StartNew();
            var at = DateTimeOffset.UtcNow;
            var facts = new List<IIntegrationEvent>();
            foreach (var hub in hubs.Skip(1))
                facts.Add(new TenantCreated(hub, $"Bench hub {hub:N}"[..18], "hub", "Ngo", at));
            foreach (var (n, i) in networks.Select((n, i) => (n, i)))
            {
                facts.Add(new NetworkRegistered(n.Tenant, n.Id, $"Bench network {i:D4}", "Raise on-track rates", "EarlyWarning", new DateOnly(2020, 8, 1), at));
                facts.Add(new NetworkSharedWithFunder(n.Tenant, n.Id, funder, at));
                facts.Add(new HubStaffAssigned(n.Tenant, n.Id, Guid.NewGuid(), Guid.NewGuid(), "HubLead", true, new DateOnly(2020, 8, 1), at));
                facts.Add(new HubStaffAssigned(n.Tenant, n.Id, Guid.NewGuid(), Guid.NewGuid(), "ImprovementCoach", true, new DateOnly(2021, 8, 1), at));
                foreach (var y in Years)
                {
                    facts.Add(new NetworkYearStabilityComputed(n.Tenant, n.Id, y, MembersPerNetwork, 40, 35, 86.7m, 3.1m, "Stable", null, null, at));
                    facts.Add(new SurveyWaveClosed(n.Tenant, Guid.NewGuid(), n.Id, y, "network-health-member", 1, MembersPerNetwork, Responses(y), at));
                }
            }
            await PublishAsync(bus, facts);
            var responses = 0;
            var messages = facts.Count;
            var random = new Random(11);
            foreach (var chunk in networks.Chunk(50))
            {
                var submitted = new List<SurveyResponseSubmitted>();
                foreach (var n in chunk)
                    foreach (var y in Years)
                        for (var r = 0; r < Responses(y); r++)
                            submitted.Add(Response(n.Tenant, n.Id, y, n.Level + (y - 2023) * 0.05m, random));
                // As Surveys' outbox relay sends them from a backlog: 200 pending rows a pass, one pack per tenant.
                var packs = submitted.Chunk(OutboxRelay.BatchSize).SelectMany(pass => pass.GroupBy(r => r.TenantId)
                    .Select(t => (IIntegrationEvent)SurveyResponsesSubmitted.Of(t.ToList()))).ToList();
                await PublishAsync(bus, packs);
                responses += submitted.Count;
                messages += packs.Count;
            }
            var events = facts.Count + responses;
            Console.WriteLine($"Published {events:N0} events ({responses:N0} responses, packed as Surveys' relay packs them) in {messages:N0} messages in {published.Elapsed.TotalSeconds:F0} s. Starting Reporting on the backlog ...");

            var ingest = Stopwatch.StartNew();
            (TimeSpan At, long Stored)? firstResponses = null;
            await bench.Platform.StartServiceAsync("reporting");
            await using (var db = new NpgsqlConnection(bench.Platform.Postgres.ConnectionString("reporting")))
            {
                await db.OpenAsync();
                while (true)
                {
                    await using var count = new NpgsqlCommand("select (select count(*) from survey_scale_scores), (select count(*) from survey_waves_closed)", db);
                    await using var reader = await count.ExecuteReaderAsync();
                    await reader.ReadAsync();
                    var (stored, closed) = (reader.GetInt64(0), reader.GetInt64(1));
                    var have = stored + closed;
                    if (stored > 0 && firstResponses is null) firstResponses = (ingest.Elapsed, stored);
                    if (have >= responses + Networks * Years.Length) break;
                    if (ingest.Elapsed > TimeSpan.FromMinutes(20)) throw new TimeoutException($"Reporting had {have:N0} after 20 minutes.");
                    await Task.Delay(500);
                }
            }
            ingest.Stop();
            // The small facts (networks, grants, stability) were consumed alongside; the responses dominate.
            var perSecond = events / ingest.Elapsed.TotalSeconds;
            // The rate while responses were being stored (from the first stored batch seen to the end): Reporting's start-up excluded.
            var responseRate = (responses - firstResponses!.Value.Stored) / (ingest.Elapsed - firstResponses.Value.At).TotalSeconds;

            // The improvement work after the ingestion was timed, so that figure stays comparable with earlier runs.
            var work = ImprovementWork(networks, at);
            Console.WriteLine($"Publishing the networks' improvement work ({work.Count:N0} events) ...");
            const string cycleCount = "select count(*) from improvement_cycles", touchpointCount = "select count(*) from coaching_touchpoints";
            var (cyclesBefore, touchpointsBefore) = (await CountAsync(bench, cycleCount), await CountAsync(bench, touchpointCount)); // the demo's own
            await PublishAsync(bus, work);
            await UntilStoredAsync(bench, cycleCount, cyclesBefore + Networks * TeamsPerNetwork * CyclesPerTeam);
            await UntilStoredAsync(bench, touchpointCount, touchpointsBefore + Networks * TouchpointsPerNetwork);

            // The small facts (networks, grants, stability) may still be arriving: reads are timed on a quiet machine.
            await BenchPlatform.WaitForQuietAsync();
            Console.WriteLine("Timing the read endpoints through the gateway ...");
            var first = networks[0].Id;
            // The first call computes the portfolio (nothing cached yet); later ones are answered from Reporting's cache
            // until a read model changes. The cold figure is printed too, so the cache does not hide the computation.
            var cold = await TimeAsync(api, funderToken, $"/api/reporting/portfolio/health?year={Year}", 1);
            await TimeAsync(api, funderToken, $"/api/reporting/portfolio/health?year={Year}", 3); // warm-up
            var portfolio = await TimeAsync(api, funderToken, $"/api/reporting/portfolio/health?year={Year}", 40);
            var clusters = await TimeAsync(api, funderToken, $"/api/reporting/portfolio/clusters?year={Year}", 20);
            // Warm-ups long enough for .NET's tiered JIT to finish compiling the path (it recompiles hot methods after 30 calls).
            await TimeAsync(api, hubToken, $"/api/reporting/networks/{first}/health?year={Year}", 60);
            var health = await TimeAsync(api, hubToken, $"/api/reporting/networks/{first}/health?year={Year}", 200);
            await TimeAsync(api, hubToken, $"/api/reporting/networks/{first}/feedback-report?year={Year}", 10);
            var report = await TimeAsync(api, hubToken, $"/api/reporting/networks/{first}/feedback-report?year={Year}", 30);
            // The funder's improvement table, like portfolio/health, from the portfolio cache after its first call (printed too).
            var improvementCold = await TimeAsync(api, funderToken, $"/api/reporting/portfolio/improvement?year={Year}", 1);
            await TimeAsync(api, funderToken, $"/api/reporting/portfolio/improvement?year={Year}", 10);
            var improvementTable = await TimeAsync(api, funderToken, $"/api/reporting/portfolio/improvement?year={Year}", 40);
            var improvementRows = JsonDocument.Parse(await (await api.SendAsync(HttpMethod.Get, $"/api/reporting/portfolio/improvement?year={Year}", funderToken))
                .Content.ReadAsStringAsync()).RootElement.GetArrayLength();
            var rows = JsonDocument.Parse(await (await api.SendAsync(HttpMethod.Get, $"/api/reporting/portfolio/health?year={Year}", funderToken)).Content.ReadAsStringAsync())
                .RootElement.GetArrayLength();

            Console.WriteLine($"""

                portfolio: {Networks:N0} networks, {Networks * MembersPerNetwork:N0} members, {responses:N0} responses over {Years.Length} network years ({events:N0} events in {messages:N0} messages)
                ingestion into Reporting (started on the full backlog): {ingest.Elapsed.TotalSeconds:F1} s, {perSecond:N0} events/s   (target: >= 5,000/s)
                responses stored once under way:  {responseRate:N0} /s (from {firstResponses.Value.At.TotalSeconds:F1} s on)
                portfolio/health ({rows:N0} rows):   p50 {portfolio.P(50):F1} ms, p95 {portfolio.P(95):F1} ms   (target: p95 < 100 ms)
                portfolio/health, first call (computed, not cached): {cold.P(50):F1} ms
                portfolio/clusters:               p50 {clusters.P(50):F1} ms, p95 {clusters.P(95):F1} ms
                a network's health:               p50 {health.P(50):F1} ms, p95 {health.P(95):F1} ms   (target: p95 < 20 ms)
                the feedback report:              p50 {report.P(50):F1} ms, p95 {report.P(95):F1} ms   (target: < 300 ms)
                portfolio/improvement ({improvementRows:N0} rows, {TeamsPerNetwork * CyclesPerTeam} cycles a network): p50 {improvementTable.P(50):F1} ms, p95 {improvementTable.P(95):F1} ms   (target: p95 < 100 ms, {(improvementTable.P(95) < 100 ? "met" : "MISSED")})
                portfolio/improvement, first call (computed, not cached): {improvementCold.P(50):F1} ms
                ratios to target: ingestion {perSecond / 5000:F2}x, portfolio p95 {portfolio.P(95) / 100:F2}x, health p95 {health.P(95) / 20:F2}x, report p95 {report.P(95) / 300:F2}x, improvement table p95 {improvementTable.P(95) / 100:F2}x
                """);
            return 0;
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>
    /// Each network's improvement work in network year 2025 and the one before, as Improvement's events carry it: teams,
    /// completed and open cycles spread over the months, coaching touchpoints, a signal each way and two theory versions.
    /// </summary>
    private static List<IIntegrationEvent> ImprovementWork(IEnumerable<(Guid Id, Guid Tenant, decimal Level)> networks, DateTimeOffset at)
    {
        var work = new List<IIntegrationEvent>();
        var start = new DateOnly(Year, 8, 1);
        foreach (var (n, i) in networks.Select((n, i) => (n, i)))
        {
            var teams = Enumerable.Range(0, TeamsPerNetwork).Select(_ => Guid.NewGuid()).ToArray();
            foreach (var team in teams)
                work.Add(new ImprovementTeamFormed(n.Tenant, n.Id, team, "Bench team", Guid.NewGuid(), "Bench school", at));
            for (var c = 0; c < TeamsPerNetwork * CyclesPerTeam; c++)
            {
                var team = teams[c % TeamsPerNetwork];
                var started = start.AddDays(-120 + (i + c * 23) % 480);
                // Most finish two to six weeks later; every fifth is still open.
                if (c % 5 == 4) work.Add(new CycleStarted(n.Tenant, n.Id, Guid.NewGuid(), team, null, c % 3 != 0, started, at));
                else work.Add(new CycleCompleted(n.Tenant, n.Id, Guid.NewGuid(), team, null, Decisions[c % Decisions.Length], c % 3 != 0, started,
                    started.AddDays(14 + c % 29), at));
            }
            for (var t = 0; t < TouchpointsPerNetwork; t++)
                work.Add(new CoachingTouchpointLogged(n.Tenant, n.Id, Guid.NewGuid(), teams[t % TeamsPerNetwork], start.AddDays(20 + 50 * t), at));
            var measure = Guid.NewGuid();
            work.Add(new MeasureSignalDetected(n.Tenant, n.Id, measure, "Shift", start.AddMonths(3 + i % 6), i % 4 != 0, at));
            work.Add(new MeasureSignalDetected(n.Tenant, n.Id, Guid.NewGuid(), "OutsideLimits", start.AddMonths(1 + i % 9), false, at));
            work.Add(new TheoryOfImprovementRevised(n.Tenant, n.Id, 1, 2, 4, 6, start.AddDays(-200), at, true));
            work.Add(new TheoryOfImprovementRevised(n.Tenant, n.Id, 2, 2, 5, 8, start.AddDays(30 + i % 200), at, true));
        }
        return work;
    }

    private static readonly string[] Decisions = ["Adopt", "Adapt", "Abandon", "TestAgain"];

    private static async Task<long> CountAsync(BenchPlatform bench, string countSql)
    {
        await using var db = new NpgsqlConnection(bench.Platform.Postgres.ConnectionString("reporting"));
        await db.OpenAsync();
        await using var count = new NpgsqlCommand(countSql, db);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task UntilStoredAsync(BenchPlatform bench, string countSql, long expected)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var have = await CountAsync(bench, countSql);
            if (have >= expected) return;
            if (waited.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"{countSql}: {have:N0} of {expected:N0} after 10 minutes.");
            await Task.Delay(500);
        }
    }

    private static int Responses(int year) => year == Years[^1] ? ResponsesPerNetworkYear + 1 : ResponsesPerNetworkYear;

    private static SurveyResponseSubmitted Response(Guid tenant, Guid network, int year, decimal level, Random random)
    {
        var scores = HealthScales.All.ToDictionary(s => s.Key, s => Math.Clamp(Math.Round(level + (decimal)(random.NextDouble() * 2 - 1), 2), 1m, 5m));
        var role = Roles[random.Next(Roles.Length)];
        return new SurveyResponseSubmitted(tenant, Guid.NewGuid(), network, year, Guid.NewGuid(), role, null, scores, DateTimeOffset.UtcNow);
    }

    /// <summary>Publishes as the services' outbox relays do: each event as its own type, many in flight at once.</summary>
    private static async Task PublishAsync(IBus bus, IReadOnlyList<IIntegrationEvent> events)
    {
        foreach (var chunk in events.Chunk(2_000))
            await Task.WhenAll(chunk.Select(e => bus.Publish(e, e.GetType())));
    }

    private sealed record Timing(double[] Milliseconds)
    {
        public double P(int percentile) => Milliseconds[Math.Min(Milliseconds.Length - 1, (int)Math.Ceiling(percentile / 100.0 * Milliseconds.Length) - 1)];
    }

    private static async Task<Timing> TimeAsync(PlatformApiClient api, string token, string path, int times)
    {
        var ms = new double[times];
        for (var i = 0; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await api.SendAsync(HttpMethod.Get, path, token);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            ms[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(ms);
        return new Timing(ms);
    }
}
