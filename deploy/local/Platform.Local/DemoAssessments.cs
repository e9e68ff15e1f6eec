using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Platform.Local;

/// <summary>
/// Hub-leadership rubric sessions for three demo networks, through the public APIs: the hub staff get logins and rate
/// as themselves, two sessions held a year apart are closed (with some disagreement among raters), and Ninth Grade
/// On-Track has an open session where hubadmin@riverbend.demo (seated on its hub team) has yet to rate.
/// Reproducible (fixed seeds); networks that already have sessions are left alone.
/// </summary>
public static class DemoAssessments
{
    private const string Rubric = "hub-leadership-practice";
    private const string HubAdmin = "hubadmin@riverbend.demo";

    private static readonly (string Hub, string Network, bool OpenSession)[] Networks =
    [
        (HubAdmin, "Ninth Grade On-Track", true),
        (HubAdmin, "Algebra for All", false),
        ("hubadmin@lakeside.demo", "Literacy Collaborative", false),
    ];

    private static readonly string[] Strategies =
    [
        "Weekly hub stand-up with a shared task board.", "New hub members shadow a coach for their first month.",
        "We review our own routines each quarter with a short PDSA.", "District partners co-plan every convening.",
        "A data lead prepares run charts before each team meeting.",
    ];

    public static async Task RunAsync(PlatformApiClient api, CancellationToken ct = default)
    {
        var admin = await api.GetTokenAsync(LocalPlatform.DemoAdminEmail, LocalPlatform.DemoPassword, ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (hubEmail, name, openSession) in Networks)
        {
            var hub = await api.GetTokenAsync(hubEmail, LocalPlatform.DemoPassword, ct);
            var tenant = PlatformApiClient.TenantOf(hub);
            var network = (await api.GetAsync<JsonElement[]>("/api/networks", hub, ct)).FirstOrDefault(n => n.GetProperty("name").GetString() == name);
            if (network.ValueKind != JsonValueKind.Object) continue;
            var id = network.GetProperty("id").GetGuid();
            if ((await api.GetAsync<JsonElement[]>($"/api/assessments/sessions?networkId={id}", hub, ct)).Length > 0) continue;

            // The hub admin takes a (non-core) seat on the Riverbend hub teams, so they rate like any hub staff member.
            if (hubEmail == HubAdmin)
            {
                using var seat = await api.SendAsync(HttpMethod.Post, $"/api/networks/{id}/hub-staff", hub, new
                {
                    email = HubAdmin, givenName = "Riley", familyName = "Hub", hubRole = "Operations", core = false, startDate = today.AddYears(-2).ToString("yyyy-MM-dd"),
                }, ct);
                if (seat.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)) seat.EnsureSuccessStatusCode();
            }
            var staff = (await api.GetAsync<JsonElement[]>($"/api/networks/{id}/hub-staff", hub, ct))
                .Where(s => s.GetProperty("endDate").ValueKind == JsonValueKind.Null).Select(s => s.GetProperty("email").GetString()!).Distinct().ToList();
            var raters = new List<string>();
            foreach (var email in staff.Where(e => e != HubAdmin))
            {
                using (var created = await api.SendAsync(HttpMethod.Post, $"/api/tenants/{tenant}/users", admin, new { email, password = LocalPlatform.DemoPassword, role = "hub-staff" }, ct))
                    if (created.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict)) created.EnsureSuccessStatusCode();
                raters.Add(await api.GetTokenAsync(email, LocalPlatform.DemoPassword, ct));
            }
            await WaitForRatersAsync(api, hub, id, staff.Count, ct);

            var rubric = await api.GetAsync<JsonElement>($"/api/assessments/rubrics/{Rubric}/versions/1", hub, ct);
            var random = new Random(name.Sum(c => c * 17));
            var areaLevels = rubric.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, _ => 1.6 + random.NextDouble() * 2.0);
            var closesOn = today.ToString("yyyy-MM-dd");
            foreach (var (heldOn, growth) in new[] { (today.AddMonths(-13), 0.0), (today.AddMonths(-1), 0.4) })
            {
                var session = await CreateAsync(api, hub, id, $"Hub practice reflection {heldOn:MMMM yyyy}", heldOn, closesOn, ct);
                foreach (var rater in raters) await RateAsync(api, rater, session, rubric, areaLevels, growth, random, ct);
                using var closed = await api.SendAsync(HttpMethod.Post, $"/api/assessments/sessions/{session}/close", hub,
                    new { reflection = "We agree on our routines; we see the network's learning system very differently. Next: a shared way to collect what teams learn." }, ct);
                closed.EnsureSuccessStatusCode();
            }
            if (openSession)
            {
                var session = await CreateAsync(api, hub, id, "Hub practice reflection (this term)", today, today.AddDays(45).ToString("yyyy-MM-dd"), ct);
                foreach (var rater in raters.Take(Math.Max(1, raters.Count - 1))) await RateAsync(api, rater, session, rubric, areaLevels, 0.5, random, ct);
            }
        }
    }

    private static async Task WaitForRatersAsync(PlatformApiClient api, string hub, Guid network, int expected, CancellationToken ct)
    {
        for (var i = 0; i < 100; i++)
        {
            using var response = await api.SendAsync(HttpMethod.Get, $"/api/assessments/sessions/raters?networkId={network}", hub, null, ct);
            if (response.IsSuccessStatusCode && JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("raters").GetInt32() >= expected) return;
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"Assessments has not heard of network {network}'s {expected} hub staff.");
    }

    private static async Task<Guid> CreateAsync(PlatformApiClient api, string hub, Guid network, string title, DateOnly heldOn, string closesOn, CancellationToken ct) =>
        (await api.PostAsync<JsonElement>("/api/assessments/sessions", hub, new
        {
            networkId = network, rubricId = Rubric, version = 1, title, heldOn = heldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), closesOn,
        }, ct)).GetProperty("session").GetProperty("id").GetGuid();

    /// <summary>One rater's honest-looking ratings: the area's level, the team's growth, the rater's own lean, and noise (so raters sometimes disagree by two levels).</summary>
    private static async Task RateAsync(PlatformApiClient api, string rater, Guid session, JsonElement rubric, Dictionary<string, double> areaLevels, double growth,
        Random random, CancellationToken ct)
    {
        var lean = random.NextDouble() - 0.5;
        var ratings = rubric.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("practices").EnumerateArray()
            .SelectMany(p => p.GetProperty("lookFors").EnumerateArray()).Select(l =>
            {
                var level = (int)Math.Clamp(Math.Round(areaLevels[a.GetProperty("id").GetString()!] + growth + lean + (random.NextDouble() - 0.5) * 1.6), 1, 4);
                return new { lookForId = l.GetProperty("id").GetString()!, level, strategy = level >= 3 && random.NextDouble() < 0.7 ? Strategies[random.Next(Strategies.Length)] : null };
            })).ToList();
        using var response = await api.SendAsync(HttpMethod.Put, $"/api/assessments/sessions/{session}/my-ratings", rater, new { ratings }, ct);
        response.EnsureSuccessStatusCode();
    }
}
