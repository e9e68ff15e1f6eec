using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Local;

namespace Platform.Benchmarks;

/// <summary>
/// Improvement's measures at the size of a large network, through the gateway: one new network of the demo hub with
/// 50 improvement teams, 200 measures of 60 monthly points each and 2,000 PDSA cycles, seeded through the API. Measured
/// in the same run: a chart as JSON (p95 target &lt; 20 ms) and as SVG (&lt; 50 ms), the network's measures list
/// (&lt; 100 ms), an upload of 1,000 points (median of a few, &lt; 200 ms), each with its ratio to a plain
/// GET /api/networks/{id} (p95).
/// </summary>
public static class ImprovementBenchmark
{
    private const int Teams = 50, Measures = 200, PointsPerMeasure = 60, Cycles = 2000, Parallel = 8;
    private const int Warmup = 20, Samples = 200, Uploads = 7;

    public static Task<int> RunAsync() => BenchPlatform.RunAsync(MeasureAsync);

    private static async Task<int> MeasureAsync(BenchPlatform bench)
    {
        var api = bench.Api;
        var token = await api.GetTokenAsync("hubadmin@riverbend.demo", LocalPlatform.DemoPassword);
        var seed = Stopwatch.StartNew();
        var network = Id(await api.PostAsync<JsonElement>("/api/networks", token,
            new { name = "Improvement bench " + Guid.NewGuid().ToString("N")[..8], aim = "Measure", goalType = "Other", launchDate = "2018-08-01" }));
        var school = Id(await api.PostAsync<JsonElement>($"/api/networks/{network}/organizations", token,
            new { kind = "School", name = "Bench School", joinedOn = "2018-08-01", district = "Bench District" }));
        var teams = new List<Guid>();
        for (var i = 0; i < Teams; i++)
            teams.Add(Id(await api.PostAsync<JsonElement>($"/api/networks/{network}/teams", token, new { organizationId = school, name = $"Team {i + 1}" })));

        // Improvement learns the network and its teams from Networks' events: wait until it answers for the network
        // and accepts a cycle for the last team added.
        await UntilAsync(async () =>
        {
            using var r = await api.SendAsync(HttpMethod.Get, $"/api/improvement/networks/{network}/measures", token);
            return r.StatusCode == HttpStatusCode.OK;
        });
        await UntilAsync(async () =>
        {
            using var r = await api.SendAsync(HttpMethod.Post, $"/api/improvement/networks/{network}/cycles", token, Cycle(teams[^1], 0));
            return r.IsSuccessStatusCode;
        });

        var measures = new Guid[Measures];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, Measures), new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (i, ct) =>
        {
            measures[i] = Id(await api.PostAsync<JsonElement>($"/api/improvement/networks/{network}/measures", token, new
            {
                name = $"Measure {i + 1}", kind = "Process", chart = i % 2 == 0 ? "P" : "I", definition = "Share of students on track, by month",
                direction = "Up", teamId = i % 4 == 0 ? (Guid?)null : teams[i % Teams],
            }, ct));
            await PutPointsAsync(api, token, measures[i], Points(PointsPerMeasure, i % 2 == 0, i), ct);
        });
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(1, Cycles - 1), new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (i, ct) =>
        {
            using var r = await api.SendAsync(HttpMethod.Post, $"/api/improvement/networks/{network}/cycles", token, Cycle(teams[i % Teams], i), ct);
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"cycle {i}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(ct)}");
        });
        seed.Stop();
        Console.WriteLine($"Seeded 1 network, {Teams} teams, {Measures} measures x {PointsPerMeasure} points, {Cycles} cycles in {seed.Elapsed.TotalSeconds:F0} s.");
        await BenchPlatform.WaitForQuietAsync();

        var measure = measures[0]; // a P chart
        var baseline = await P95Async(api, token, $"/api/networks/{network}", null);
        var chart = await P95Async(api, token, $"/api/improvement/measures/{measure}/chart", null);
        var svg = await P95Async(api, token, $"/api/improvement/measures/{measure}/chart", "image/svg+xml");
        var list = await P95Async(api, token, $"/api/improvement/networks/{network}/measures", null);

        // 1,000 monthly points (the most one upload takes) onto a measure of its own, replaced each time.
        var target = measures[1];
        var thousand = Points(1000, false, 7);
        var uploads = new List<double>();
        for (var i = 0; i < Uploads + 2; i++)
        {
            var clock = Stopwatch.StartNew();
            await PutPointsAsync(api, token, target, thousand, CancellationToken.None);
            if (i >= 2) uploads.Add(clock.Elapsed.TotalMilliseconds);
        }
        uploads.Sort();
        var upload = uploads[uploads.Count / 2];

        Console.WriteLine();
        Console.WriteLine($"{"through the gateway",-58} {"ms",7} {"target",7}  {"",6}  ratio to GET network");
        void Line(string what, double ms, double? targetMs) =>
            Console.WriteLine($"{what,-58} {ms,7:F1} {(targetMs is { } t ? $"< {t:F0}" : "-"),7}  {(targetMs is { } t2 ? ms < t2 ? "met" : "MISSED" : ""),6}  {ms / baseline,6:F2}x");
        Line("GET /api/networks/{id}, p95 (baseline)", baseline, null);
        Line("measure chart JSON, p95", chart, 20);
        Line("measure chart SVG (Accept: image/svg+xml), p95", svg, 50);
        Line($"network's measures list ({Measures} measures), p95", list, 100);
        Line($"PUT 1,000 points, median of {Uploads}", upload, 200);
        return 0;
    }

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private static object Cycle(Guid team, int i) => new
    {
        teamId = team, title = $"Cycle {i + 1}", objective = "Test whether a weekly check-in raises attendance",
        questions = new[] { new { question = "Will attendance rise?", prediction = "Yes, by a few points" } },
        plan = new { who = "Team lead", where = "Grade 9", when = "Next two weeks", dataToCollect = "Daily attendance" },
    };

    private static object[] Points(int count, bool proportion, int seed)
    {
        var random = new Random(seed);
        var start = new DateOnly(2026, 1, 1).AddMonths(-count);
        return Enumerable.Range(0, count).Select(m => proportion
            ? (object)new { period = start.AddMonths(m).ToString("yyyy-MM-dd"), numerator = (double)random.Next(20, 80), denominator = 100.0 }
            : new { period = start.AddMonths(m).ToString("yyyy-MM-dd"), numerator = 50 + random.NextDouble() * 10 }).ToArray();
    }

    private static async Task PutPointsAsync(PlatformApiClient api, string token, Guid measure, object[] points, CancellationToken ct)
    {
        using var r = await api.SendAsync(HttpMethod.Put, $"/api/improvement/measures/{measure}/points", token, points, ct);
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"points of {measure}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(ct)}");
    }

    private static async Task<double> P95Async(PlatformApiClient api, string token, string path, string? accept)
    {
        var times = new List<double>();
        for (var i = 0; i < Warmup + Samples; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            var clock = Stopwatch.StartNew();
            using var response = await api.Http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
            if (accept is not null && response.Content.Headers.ContentType?.MediaType != accept)
                throw new InvalidOperationException($"{path}: {response.Content.Headers.ContentType} instead of {accept}");
            if (i >= Warmup) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[(int)Math.Ceiling(times.Count * 0.95) - 1];
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("Improvement did not learn the network and its teams within 60 s.");
            await Task.Delay(250);
        }
    }
}
