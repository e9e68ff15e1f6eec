using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Local;

/// <summary>
/// Survey waves for the demo networks, through the public APIs only: for each of the last three network years a wave is
/// opened, the personal links are read from the local mail catcher, synthetic members answer through the respond API
/// (fixed random seeds, a different health profile per network, so reports and clusters show real variation), and the
/// wave is closed. The current year's wave stays open, with member@riverbend.demo among those invited.
/// Networks that already have waves are left alone.
/// </summary>
public static partial class DemoSurveys
{
    public const string DemoMember = "member@riverbend.demo";
    private const string Instrument = "network-health-member";

    public static async Task RunAsync(PlatformApiClient api, Uri mailWeb, CancellationToken ct = default)
    {
        using var mail = new HttpClient { BaseAddress = mailWeb };
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var currentYear = today >= new DateOnly(today.Year, 8, 1) ? today.Year : today.Year - 1;
        var networks = new List<(string Token, Guid Id, string Name, int LaunchYear)>();
        foreach (var hub in new[] { "hubadmin@riverbend.demo", "hubadmin@lakeside.demo" })
        {
            var token = await api.GetTokenAsync(hub, LocalPlatform.DemoPassword, ct);
            foreach (var network in await api.GetAsync<JsonElement[]>("/api/networks", token, ct))
            {
                var id = network.GetProperty("id").GetGuid();
                if ((await api.GetAsync<JsonElement[]>($"/api/surveys/waves?networkId={id}", token, ct)).Length > 0) continue;
                networks.Add((token, id, network.GetProperty("name").GetString()!,
                    DateOnly.Parse(network.GetProperty("launchDate").GetString()!, CultureInfo.InvariantCulture).Year));
            }
        }
        if (networks.Count == 0) return;
        var instrument = await api.GetAsync<JsonElement>($"/api/surveys/instruments/{Instrument}/versions/1", networks[0].Token, ct);

        // Past years first, clearing their mail from the catcher; then this year's waves, whose mail stays (it is how
        // the demo member reaches their survey).
        foreach (var (token, id, name, launchYear) in networks)
        {
            var profile = new Profile(name);
            for (var year = Math.Max(launchYear, currentYear - 3); year < currentYear; year++)
            {
                if (await OpenWaveAsync(api, token, id, year, $"{year + 1}-03-01", today.ToString("yyyy-MM-dd"), ct) is not { } wave) continue;
                await AnswerAsync(api, instrument, profile, year - currentYear, await LinksAsync(mail, name, ct), profile.ResponseRate, ct);
                using (await mail.DeleteAsync("email/all", ct)) { }
                using var closed = await api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/close", token, null, ct);
                closed.EnsureSuccessStatusCode();
            }
        }
        foreach (var (token, id, name, _) in networks)
        {
            // About 45 % answer; results are released from 30 %, so this year's profile shows while the wave is open.
            if (await OpenWaveAsync(api, token, id, currentYear, $"{currentYear}-10-01", $"{currentYear + 1}-05-31", ct, releaseThreshold: 30) is null) continue;
            await AnswerAsync(api, instrument, new Profile(name), 0, await LinksAsync(mail, name, ct), 0.45, ct);
        }
    }

    private static async Task<Guid?> OpenWaveAsync(PlatformApiClient api, string token, Guid network, int year, string opensOn, string closesOn, CancellationToken ct,
        int releaseThreshold = 50)
    {
        if (await CreateWaveAsync(api, token, network, year, opensOn, closesOn, releaseThreshold, ct) is not { } wave) return null;
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", token, new { }, ct);
        return wave;
    }

    /// <summary>A draft wave once Surveys knows the network's members for that year (they arrive by events); null if none.</summary>
    private static async Task<Guid?> CreateWaveAsync(PlatformApiClient api, string token, Guid network, int year, string opensOn, string closesOn, int releaseThreshold, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await api.SendAsync(HttpMethod.Post, "/api/surveys/waves", token,
                new { networkId = network, instrumentId = Instrument, version = 1, networkYear = year, opensOn, closesOn, releaseThreshold }, ct);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var wave = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("id").GetGuid();
                // Wait until the member events have settled: the roster count stops changing.
                var last = -1;
                for (var i = 0; i < 100; i++)
                {
                    var members = (await api.GetAsync<JsonElement>($"/api/surveys/waves/{wave}/roster", token, ct)).GetProperty("members").GetInt32();
                    if (members > 0 && members == last) return wave;
                    last = members;
                    await Task.Delay(300, ct);
                }
                return last > 0 ? wave : null;
            }
            if (attempt == 100) throw new TimeoutException($"Surveys has not heard of network {network}: {(int)response.StatusCode}");
            await Task.Delay(200, ct);
        }
    }

    [GeneratedRegex(@"/survey/([A-Za-z0-9_-]+)")]
    private static partial Regex SurveyLink();

    /// <summary>The survey links mailed for this network's wave, read from the mail catcher.</summary>
    private static async Task<List<(string To, string Token)>> LinksAsync(HttpClient mail, string network, CancellationToken ct) =>
        JsonDocument.Parse(await mail.GetStringAsync("email", ct)).RootElement.EnumerateArray()
            .Where(m => m.GetProperty("subject").GetString() == $"Your {network} network survey")
            .Select(m => (To: m.GetProperty("to")[0].GetProperty("address").GetString()!, Link: SurveyLink().Match(m.GetProperty("text").GetString() ?? "")))
            .Where(m => m.Link.Success).Select(m => (m.To, m.Link.Groups[1].Value)).ToList();

    private static async Task AnswerAsync(PlatformApiClient api, JsonElement instrument, Profile profile, int yearOffset, List<(string To, string Token)> links,
        double responseRate, CancellationToken ct)
    {
        var items = instrument.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray())
            .Select(i => (Id: i.GetProperty("id").GetString()!, Scale: i.TryGetProperty("scale", out var s) ? s.GetString() : null,
                Required: i.TryGetProperty("required", out var r) && r.GetBoolean())).ToList();
        var random = new Random(profile.Seed + yearOffset * 7919);
        var respondents = links.Where(l => l.To != DemoMember && random.NextDouble() < responseRate)
            .Select(l => (l.Token, Answers: profile.Answers(random, items, yearOffset))).ToList();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(respondents, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (r, token) =>
        {
            using var saved = await api.SendAsync(HttpMethod.Put, $"/api/surveys/respond/{r.Token}", null, new { answers = r.Answers }, token);
            using var submitted = await api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{r.Token}/submit", null, null, token);
            if (!saved.IsSuccessStatusCode || !submitted.IsSuccessStatusCode) failures.Add($"{(int)saved.StatusCode}/{(int)submitted.StatusCode}");
        });
        if (!failures.IsEmpty) throw new InvalidOperationException($"{failures.Count} demo responses failed: {string.Join(", ", failures.Take(5))}");
    }

    /// <summary>A network's health profile: a level per scale, a trend, how many answer. Reproducible from its name.</summary>
    private sealed class Profile
    {
        private static readonly string[] Comments =
        [
            "The cross-school visits, where we see another team's test up close.",
            "Monthly data huddles with the coach.",
            "Shorter meetings with clearer next steps.",
            "More time to plan tests with my team during the school day.",
            "Sharing the change ideas that did not work, not only the ones that did.",
        ];

        public Profile(string network)
        {
            Seed = network.Sum(c => c * 31);
            var random = new Random(Seed);
            Level = 2.4 + random.NextDouble() * 1.9;
            Trend = -0.1 + random.NextDouble() * 0.3;
            ResponseRate = 0.55 + random.NextDouble() * 0.3;
            Scales = ["HUB_LEADERSHIP", "ROLES_ENGAGEMENT", "CI_PROCESSES", "WITHIN_TEAM", "ACROSS_TEAM", "NETWORK_CULTURE", "CONTEXT_ALIGNMENT", "BENEFITS", "AIM_PROGRESS"];
            Offsets = Scales.ToDictionary(s => s, _ => -0.6 + random.NextDouble() * 1.2);
        }

        public int Seed { get; }
        public double Level { get; }
        public double Trend { get; }
        public double ResponseRate { get; }
        private string[] Scales { get; }
        private Dictionary<string, double> Offsets { get; }

        public Dictionary<string, object> Answers(Random random, List<(string Id, string? Scale, bool Required)> items, int yearOffset)
        {
            var person = Normal(random) * 0.55;
            var answers = new Dictionary<string, object>();
            foreach (var (id, scale, required) in items)
            {
                if (scale is null)
                {
                    if (random.NextDouble() < 0.3) answers[id] = Comments[random.Next(Comments.Length)];
                    continue;
                }
                if (!required && random.NextDouble() < 0.05) continue; // an occasional skipped question
                var value = Level + Offsets[scale] + Trend * yearOffset + person + Normal(random) * 0.6;
                answers[id] = (int)Math.Clamp(Math.Round(value), 1, 5);
            }
            return answers;
        }

        private static double Normal(Random random) =>
            Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
