using System.Net;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>The hub-leadership rubric session and the private leader-qualities self-assessment, through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AssessmentTests(PlatformFixture platform)
{
    private const string Password = "Rater-pass-2026";

    [Fact]
    public async Task Three_raters_rate_the_summary_shows_where_they_disagree_and_the_closed_profile_reaches_reporting()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var api = platform.Api;
        var network = (await api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = "Rubric " + Guid.NewGuid().ToString("N")[..6], aim = "Lead well", goalType = "Other", launchDate = "2023-08-01" })).GetProperty("id").GetGuid();
        var raters = await HubStaffWithLoginsAsync(hub, network, 3);
        var outsider = await LoginAsync(hub, $"outsider-{Guid.NewGuid():N}@rubric.test");

        var session = await CreateSessionAsync(hub, network, expectedRaters: 3);
        await RateAsync(raters[0], session, HttpStatusCode.OK, ("A1.P1.L1", 1, null), ("A1.P1.L2", 3, "We recruit through district partners."));
        await RateAsync(raters[1], session, HttpStatusCode.OK, ("A1.P1.L1", 3, "Shared calendar"));
        await RateAsync(raters[2], session, HttpStatusCode.OK, ("A1.P1.L1", 2, null), ("A1.P1.L2", 4, null), ("A2.P1.L1", 2, null));
        await RateAsync(raters[1], session, HttpStatusCode.OK, ("A1.P1.L1", 3, "Shared calendar")); // repeatable

        // Bad ratings: every problem named, nothing saved.
        var bad = await RateAsync(raters[0], session, HttpStatusCode.BadRequest, ("A1.P1.L1", 4, null), ("NOPE", 2, null), ("A1.P2.L1", 5, null));
        Assert.Equal(["A1.P2.L1", "NOPE"], bad.GetProperty("lookFors").EnumerateArray().Select(p => p.GetProperty("lookForId").GetString()!).Order().ToArray());
        var mine = await api.GetAsync<JsonElement[]>($"/api/assessments/sessions/{session}/my-ratings", raters[0]);
        Assert.Equal(1, mine.Single(r => r.GetProperty("lookForId").GetString() == "A1.P1.L1").GetProperty("level").GetInt32());
        await RateAsync(outsider, session, HttpStatusCode.Forbidden, ("A1.P1.L1", 2, null));

        var summary = await api.GetAsync<JsonElement>($"/api/assessments/sessions/{session}/summary", raters[1]);
        var area1 = summary.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("areaId").GetString() == "A1");
        var lookFors = area1.GetProperty("practices")[0].GetProperty("lookFors");
        var l1 = lookFors.EnumerateArray().Single(l => l.GetProperty("lookForId").GetString() == "A1.P1.L1");
        Assert.Equal([1, 1, 1, 0], Enumerable.Range(1, 4).Select(level => l1.GetProperty("levelCounts").GetProperty(level.ToString()).GetInt32()).ToArray());
        Assert.Equal(2m, l1.GetProperty("median").GetDecimal());
        Assert.True(l1.GetProperty("discuss").GetBoolean());
        var l2 = lookFors.EnumerateArray().Single(l => l.GetProperty("lookForId").GetString() == "A1.P1.L2");
        Assert.Equal(3.5m, l2.GetProperty("median").GetDecimal());
        Assert.False(l2.GetProperty("discuss").GetBoolean());
        Assert.Equal(1, l2.GetProperty("missingStrategies").GetInt32());
        Assert.Equal("Rater0", l2.GetProperty("strategies")[0].GetProperty("rater").GetString());
        Assert.Equal(2.6m, area1.GetProperty("meanLevel").GetDecimal()); // (1+3+3+2+4) / 5
        Assert.Equal(["A2", "A1"], summary.GetProperty("areasWeakestFirst").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal(3, summary.GetProperty("participation").GetProperty("ratersStarted").GetInt32());

        var step = await api.PostAsync<JsonElement>($"/api/assessments/sessions/{session}/next-steps", hub,
            new { action = "Write onboarding notes for new hub members", owner = "Rater0", dueOn = "2027-01-31", areaId = "A1" });
        using (var done = await api.SendAsync(HttpMethod.Post, $"/api/assessments/sessions/{session}/next-steps/{step.GetProperty("id").GetGuid()}/complete", raters[0]))
            Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await api.GetAsync<JsonElement[]>($"/api/assessments/sessions/{session}/next-steps", hub)).Single().GetProperty("completedAt").ValueKind);

        // Other hubs see nothing; funders nothing at all.
        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var funder = await platform.TokenAsync(PlatformFixture.Funder);
        foreach (var path in new[] { $"/api/assessments/sessions/{session}", $"/api/assessments/sessions/{session}/summary" })
        {
            using (var other = await api.SendAsync(HttpMethod.Get, path, lakeside)) Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            using (var f = await api.SendAsync(HttpMethod.Get, path, funder)) Assert.Equal(HttpStatusCode.Forbidden, f.StatusCode);
        }

        using (var closed = await api.SendAsync(HttpMethod.Post, $"/api/assessments/sessions/{session}/close", hub, new { reflection = "We disagree most on recruiting." }))
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("We disagree most on recruiting.", (await api.GetAsync<JsonElement>($"/api/assessments/sessions/{session}", hub)).GetProperty("session").GetProperty("reflection").GetString());
        using (var again = await api.SendAsync(HttpMethod.Post, $"/api/assessments/sessions/{session}/close", hub))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var tooOld = await api.SendAsync(HttpMethod.Post, "/api/assessments/sessions", hub,
            new { networkId = network, rubricId = "hub-leadership-practice", version = 1, title = "Ancient", heldOn = "2015-01-01", closesOn = "2099-12-31" }))
            Assert.Equal(HttpStatusCode.BadRequest, tooOld.StatusCode);
        using (var wrongRubric = await api.SendAsync(HttpMethod.Post, "/api/assessments/sessions", hub,
            new { networkId = network, rubricId = "leader-qualities", version = 1, title = "Private", closesOn = "2099-12-31" }))
            Assert.Equal(HttpStatusCode.BadRequest, wrongRubric.StatusCode);
        await RateAsync(raters[0], session, HttpStatusCode.Conflict, ("A1.P1.L1", 2, null));

        JsonElement profile = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            profile = await api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/leadership", hub);
            return profile.GetProperty("areas").GetArrayLength() > 0;
        }, PlatformFixture.EventDelivery, "the closed session's area profile reaches Reporting");
        Assert.Equal(2.6m, profile.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("areaId").GetString() == "A1").GetProperty("mean").GetDecimal());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("previousHeldOn").ValueKind);

        // A funder learns only that a session was held and how many areas rated 3 or above, once the hub shares the network.
        var funderTenant = (await api.GetAsync<JsonElement[]>("/api/funders", hub)).Single(f => f.GetProperty("name").GetString() == "Demo Foundation").GetProperty("id").GetGuid();
        var year = DateTime.UtcNow.Month >= 8 ? DateTime.UtcNow.Year : DateTime.UtcNow.Year - 1;
        Assert.DoesNotContain(await api.GetAsync<JsonElement[]>($"/api/reporting/portfolio/leadership?year={year}", funder), r => r.GetProperty("networkId").GetGuid() == network);
        using (var grant = await api.SendAsync(HttpMethod.Post, $"/api/networks/{network}/grants", hub, new { funderTenantId = funderTenant }))
            Assert.True(grant.IsSuccessStatusCode);
        JsonElement row = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            row = (await api.GetAsync<JsonElement[]>($"/api/reporting/portfolio/leadership?year={year}", funder)).FirstOrDefault(r => r.GetProperty("networkId").GetGuid() == network);
            return row.ValueKind == JsonValueKind.Object;
        }, PlatformFixture.EventDelivery, "the granted network appears in the funder's leadership table");
        Assert.True(row.GetProperty("sessionHeld").GetBoolean());
        Assert.Equal(0, row.GetProperty("areasAtThreeOrAbove").GetInt32()); // A1 2.6, A2 2.0
        Assert.Equal(["areasAtThreeOrAbove", "networkId", "networkYear", "sessionHeld"], row.EnumerateObject().Select(p => p.Name).Order().ToArray());
    }

    [Fact]
    public async Task A_self_assessment_is_read_back_only_by_its_author_and_the_hub_sees_the_team_mean_from_three()
    {
        var hub = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var leaders = new List<string>();
        for (var i = 0; i < 3; i++) leaders.Add(await LoginAsync(hub, $"leader{i}-{Guid.NewGuid():N}@qualities.test"));
        var rubric = await platform.Api.GetAsync<JsonElement>("/api/assessments/rubrics/leader-qualities/versions/1", hub);
        var all = rubric.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("practices").EnumerateArray())
            .SelectMany(p => p.GetProperty("lookFors").EnumerateArray()).Select(l => l.GetProperty("id").GetString()!).ToList();
        Assert.Equal(5, rubric.GetProperty("areas").GetArrayLength());

        using (var notStarted = await platform.Api.SendAsync(HttpMethod.Get, "/api/assessments/self", leaders[1]))
            Assert.Equal(HttpStatusCode.NotFound, notStarted.StatusCode);
        for (var i = 0; i < 3; i++)
        {
            await platform.Api.PostAsync<JsonElement>("/api/assessments/self", leaders[i], new { });
            using var saved = await platform.Api.SendAsync(HttpMethod.Put, "/api/assessments/self", leaders[i],
                new { ratings = all.Select(id => new { lookForId = id, level = i + 2, strategy = (string?)null }) });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            if (i == 1)
            {
                var early = await platform.Api.GetAsync<JsonElement>("/api/assessments/self/team", hub);
                Assert.Equal(JsonValueKind.Null, early.GetProperty("qualities").ValueKind);
            }
        }
        var own = await platform.Api.GetAsync<JsonElement>("/api/assessments/self", leaders[0]);
        Assert.True(own.GetProperty("complete").GetBoolean());
        Assert.All(own.GetProperty("ratings").EnumerateArray(), r => Assert.Equal(2, r.GetProperty("level").GetInt32()));
        Assert.All((await platform.Api.GetAsync<JsonElement>("/api/assessments/self", leaders[2])).GetProperty("ratings").EnumerateArray(),
            r => Assert.Equal(4, r.GetProperty("level").GetInt32()));

        var team = await platform.Api.GetAsync<JsonElement>("/api/assessments/self/team", hub);
        Assert.Equal(3, team.GetProperty("completed").GetInt32());
        Assert.All(team.GetProperty("qualities").EnumerateArray(), q => Assert.Equal(3m, q.GetProperty("meanLevel").GetDecimal()));
        using (var notAdmin = await platform.Api.SendAsync(HttpMethod.Get, "/api/assessments/self/team", leaders[0]))
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        using (var badLevel = await platform.Api.SendAsync(HttpMethod.Put, "/api/assessments/self", leaders[0], new { ratings = new[] { new { lookForId = all[0], level = 0 } } }))
            Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);

        // Two reads around one change never isolate a person (issue 25): a fourth completes, one edits, a fifth completes;
        // the view stays as it was until a day has passed, then moves once, by all three.
        async Task CompleteAsync(string leader, int level)
        {
            await platform.Api.PostAsync<JsonElement>("/api/assessments/self", leader, new { });
            using var saved = await platform.Api.SendAsync(HttpMethod.Put, "/api/assessments/self", leader,
                new { ratings = all.Select(id => new { lookForId = id, level, strategy = (string?)null }) });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }
        var before = (await platform.Api.GetAsync<JsonElement>("/api/assessments/self/team", hub)).GetRawText();
        for (var i = 3; i < 5; i++) leaders.Add(await LoginAsync(hub, $"leader{i}-{Guid.NewGuid():N}@qualities.test"));
        await CompleteAsync(leaders[3], 1);
        Assert.Equal(before, (await platform.Api.GetAsync<JsonElement>("/api/assessments/self/team", hub)).GetRawText());
        await CompleteAsync(leaders[0], 4);
        Assert.Equal(before, (await platform.Api.GetAsync<JsonElement>("/api/assessments/self/team", hub)).GetRawText());
        await CompleteAsync(leaders[4], 4);
        Assert.Equal(before, (await platform.Api.GetAsync<JsonElement>("/api/assessments/self/team", hub)).GetRawText());
        await using (var assessments = platform.ConnectAsSuperuser("assessments"))
            await Dapper.SqlMapper.ExecuteAsync(assessments, "update self_assessment_team_steps set released_at = released_at - interval '1 day' where tenant_id = @tenant",
                new { tenant = PlatformFixture.TenantOf(hub) });
        var moved = await platform.Api.GetAsync<JsonElement>("/api/assessments/self/team", hub);
        Assert.Equal(5, moved.GetProperty("completed").GetInt32());
        Assert.All(moved.GetProperty("qualities").EnumerateArray(), q => Assert.Equal(3.2m, q.GetProperty("meanLevel").GetDecimal())); // (4 + 3 + 4 + 1 + 4) / 5
    }

    private async Task<string[]> HubStaffWithLoginsAsync(string hub, Guid network, int count)
    {
        var tokens = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = $"rater{i}-{Guid.NewGuid():N}@rubric.test";
            await platform.Api.PostAsync<JsonElement>($"/api/networks/{network}/hub-staff", hub,
                new { email, givenName = $"Rater{i}", familyName = "Hub", hubRole = i == 0 ? "HubLead" : "ImprovementCoach", core = true, startDate = "2023-08-01" });
            tokens.Add(await LoginAsync(hub, email));
        }
        return [.. tokens];
    }

    /// <summary>A hub-staff login in the hub's tenant, made by the platform admin; returns its access token.</summary>
    private async Task<string> LoginAsync(string hub, string email)
    {
        var admin = await platform.TokenAsync(PlatformFixture.PlatformAdmin);
        await platform.Api.PostAsync<JsonElement>($"/api/tenants/{PlatformFixture.TenantOf(hub)}/users", admin, new { email, password = Password, role = "hub-staff" });
        return await platform.Api.GetTokenAsync(email, Password);
    }

    private async Task<Guid> CreateSessionAsync(string hub, Guid network, int expectedRaters)
    {
        Guid session = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var response = await platform.Api.SendAsync(HttpMethod.Post, "/api/assessments/sessions", hub,
                new { networkId = network, rubricId = "hub-leadership-practice", version = 1, title = "Autumn reflection", closesOn = "2099-12-31" });
            if (response.StatusCode != HttpStatusCode.Created) return false;
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (body.GetProperty("raters").GetArrayLength() != expectedRaters) return false; // staff events still arriving: try again
            session = body.GetProperty("session").GetProperty("id").GetGuid();
            return true;
        }, PlatformFixture.EventDelivery, "Assessments learns of the network and its hub staff");
        return session;
    }

    private async Task<JsonElement> RateAsync(string token, Guid session, HttpStatusCode expected, params (string LookFor, int Level, string? Strategy)[] ratings)
    {
        using var response = await platform.Api.SendAsync(HttpMethod.Put, $"/api/assessments/sessions/{session}/my-ratings", token,
            new { ratings = ratings.Select(r => new { lookForId = r.LookFor, level = r.Level, strategy = r.Strategy }) });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length > 0 ? JsonDocument.Parse(body).RootElement : default;
    }
}
