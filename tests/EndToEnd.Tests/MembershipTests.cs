using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;

namespace EndToEnd.Tests;

/// <summary>Onboarding a network by hand through the gateway: organizations, teams, members, hub staff, and the figures they give.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MembershipTests(PlatformFixture platform)
{
    private async Task<(string Token, Guid Network)> NewNetworkAsync(string launchDate = "2021-08-01")
    {
        var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var network = await platform.Api.PostAsync<JsonElement>("/api/networks", token,
            new { name = "Membership " + Guid.NewGuid().ToString("N")[..6], aim = "On track", goalType = "EarlyWarning", launchDate });
        return (token, network.GetProperty("id").GetGuid());
    }

    private async Task<HttpResponseMessage> Post(string token, string path, object body) => await platform.Api.SendAsync(HttpMethod.Post, path, token, body);

    [Fact]
    public async Task Members_leave_and_rejoin_and_the_stability_figures_follow_the_domain_rules()
    {
        var (token, id) = await NewNetworkAsync();
        var school = await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/organizations", token,
            new { kind = "School", name = "North High", district = "River District", joinedOn = "2021-08-01" });
        var team = await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/teams", token,
            new { organizationId = school.GetProperty("id").GetGuid(), name = "Ninth-grade team" });
        var teamId = team.GetProperty("id").GetGuid();
        Assert.Equal("Single", (await platform.Api.GetAsync<JsonElement>($"/api/networks/{id}", token)).GetProperty("districtScope").GetString());
        await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/organizations", token,
            new { kind = "School", name = "South High", district = "Lake District", joinedOn = "2022-08-01" });
        Assert.Equal("Multiple", (await platform.Api.GetAsync<JsonElement>($"/api/networks/{id}", token)).GetProperty("districtScope").GetString());

        // A member organization is edited and its participation ended; bad edits change nothing.
        var schoolId = school.GetProperty("id").GetGuid();
        using (var edited = await platform.Api.SendAsync(HttpMethod.Put, $"/api/networks/{id}/organizations/{schoolId}", token,
            new { name = "North High School", district = "River District", joinedOn = "2021-08-01", leftOn = "2025-06-30" }))
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        using (var backwards = await platform.Api.SendAsync(HttpMethod.Put, $"/api/networks/{id}/organizations/{schoolId}", token,
            new { name = "North High School", district = "River District", joinedOn = "2021-08-01", leftOn = "2020-01-01" }))
            Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        using (var clash = await platform.Api.SendAsync(HttpMethod.Put, $"/api/networks/{id}/organizations/{schoolId}", token,
            new { name = "South High", district = "River District", joinedOn = "2021-08-01" }))
            Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        using (var unknown = await platform.Api.SendAsync(HttpMethod.Put, $"/api/networks/{id}/organizations/{Guid.NewGuid()}", token,
            new { name = "Nowhere", district = "River District", joinedOn = "2021-08-01" }))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var north = (await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/organizations", token)).Single(o => o.GetProperty("id").GetGuid() == schoolId);
        Assert.Equal("North High School", north.GetProperty("name").GetString());
        Assert.Equal("2025-06-30", north.GetProperty("leftOn").GetString());

        var ana = (await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/members", token,
            new { email = "ana@north.test", givenName = "Ana", familyName = "Lopez", role = "TeamLead", teamId, startDate = "2021-09-01" }))
            .GetProperty("personId").GetGuid();
        await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/members", token,
            new { email = "ben@north.test", givenName = "Ben", familyName = "Okafor", role = "teammember", teamId, startDate = "2022-09-01" });

        using (var leave = await Post(token, $"/api/networks/{id}/members/{ana}/leave", new { date = "2023-03-01", reason = "moved school" }))
            Assert.Equal(HttpStatusCode.NoContent, leave.StatusCode);
        // 2023 (Aug 2023 - Jul 2024): Ben only, in his second year; Ana left during 2022.
        var y2023 = await platform.Api.GetAsync<JsonElement>($"/api/networks/{id}/stability?year=2023", token);
        Assert.Equal(1, y2023.GetProperty("members").GetInt32());
        Assert.Equal(0, y2023.GetProperty("joiners").GetInt32());
        Assert.Equal(1, y2023.GetProperty("leavers").GetInt32());
        Assert.Equal(100m, y2023.GetProperty("memberStabilityPct").GetDecimal());
        Assert.Equal(2m, y2023.GetProperty("averageTenureYears").GetDecimal());

        // Rejoin: a new period, and tenure keeps counting the earlier years.
        await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/members", token,
            new { email = "ANA@north.test", givenName = "Ana", familyName = "Lopez", role = "TeamMember", teamId, startDate = "2024-09-01" });
        var members2024 = await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/members?year=2024", token);
        var anaRow = members2024.Single(m => m.GetProperty("personId").GetGuid() == ana);
        Assert.Equal(3, anaRow.GetProperty("tenure").GetInt32());
        Assert.Equal(2, anaRow.GetProperty("periods").GetArrayLength());
        Assert.Equal(3, members2024.Single(m => m.GetProperty("email").GetString() == "ben@north.test").GetProperty("tenure").GetInt32());

        var history = await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/stability/history", token);
        Assert.Equal(2021, history[0].GetProperty("year").GetInt32());
        Assert.Equal([1, 2, 1, 2], history.Take(4).Select(h => h.GetProperty("members").GetInt32()));

        // Events went out through the outbox, carrying ids and no email addresses.
        await using var db = platform.ConnectAsSuperuser("networks");
        var payloads = (await db.QueryAsync<string>(
            "select payload::text from outbox_messages where payload->>'networkId' = @id", new { id = id.ToString() })).ToList();
        Assert.Contains(payloads, p => p.Contains("\"membershipId\""));
        Assert.DoesNotContain(payloads, p => p.Contains("@north.test", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, await db.ExecuteScalarAsync<long>(
            "select count(*) from outbox_messages where message_type like '%MemberJoined' and payload->>'networkId' = @id", new { id = id.ToString() }));
    }

    [Fact]
    public async Task Hub_staff_departures_classify_hub_stability_and_an_override_needs_a_reason()
    {
        var (token, id) = await NewNetworkAsync("2020-08-01");
        var lead = await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/hub-staff", token,
            new { email = "lead@hub.test", givenName = "Lee", familyName = "Park", hubRole = "HubLead", core = true, startDate = "2020-08-01" });
        await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/hub-staff", token,
            new { email = "coach@hub.test", givenName = "Cam", familyName = "Diaz", hubRole = "ImprovementCoach", core = true, startDate = "2020-08-01" });
        Assert.Equal("Stable", (await HubStability(token, id, 2023)).GetProperty("computed").GetString());

        using (var ended = await Post(token, $"/api/networks/{id}/hub-staff/{lead.GetProperty("assignmentId").GetGuid()}/end", new { date = "2023-01-15", reason = "Departure" }))
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal("HighTurnover", (await HubStability(token, id, 2022)).GetProperty("computed").GetString()); // 1 of 2 core seats, after the early window
        Assert.Equal("Stable", (await HubStability(token, id, 2021)).GetProperty("computed").GetString());     // judged as of the end of 2021

        using (var noReason = await platform.Api.SendAsync(HttpMethod.Put, $"/api/networks/{id}/hub-stability-override", token, new { value = "SomeTurnover" }))
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using (var set = await platform.Api.SendAsync(HttpMethod.Put, $"/api/networks/{id}/hub-stability-override", token,
                   new { value = "SomeTurnover", reason = "The lead's departure was covered by the deputy at once." }))
            Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        var hub = await HubStability(token, id, 2022);
        Assert.Equal("HighTurnover", hub.GetProperty("computed").GetString());
        Assert.Equal("SomeTurnover", hub.GetProperty("override").GetString());
        Assert.StartsWith("The lead's departure", hub.GetProperty("reason").GetString());

        var staff = await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/hub-staff", token);
        Assert.Equal(2, staff.Length);
        Assert.Contains(staff, s => s.GetProperty("endReason").ValueKind == JsonValueKind.String && s.GetProperty("endReason").GetString() == "Departure");

        var audit = await platform.Api.GetAsync<JsonElement[]>("/api/networks/audit", token);
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "hubstability.overridden" && a.GetProperty("targetId").GetGuid() == id);
    }

    [Fact]
    public async Task Bad_membership_requests_are_clear_problems_and_change_nothing()
    {
        var (token, id) = await NewNetworkAsync();
        var (_, other) = await NewNetworkAsync();
        var school = await platform.Api.PostAsync<JsonElement>($"/api/networks/{other}/organizations", token,
            new { kind = "School", name = "Elsewhere High", district = "Far District", joinedOn = "2021-08-01" });
        var foreignTeam = await platform.Api.PostAsync<JsonElement>($"/api/networks/{other}/teams", token,
            new { organizationId = school.GetProperty("id").GetGuid(), name = "Their team" });

        async Task Expect(HttpStatusCode status, string path, object body)
        {
            using var response = await Post(token, path, body);
            Assert.True(status == response.StatusCode, $"{path}: expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await Expect(HttpStatusCode.BadRequest, $"/api/networks/{id}/organizations", new { kind = "School", name = "No District High", joinedOn = "2021-08-01" });
        await Expect(HttpStatusCode.BadRequest, $"/api/networks/{id}/organizations", new { kind = "Church", name = "X", joinedOn = "2021-08-01" });
        await Expect(HttpStatusCode.BadRequest, $"/api/networks/{id}/teams", new { organizationId = school.GetProperty("id").GetGuid(), name = "Not ours" });
        await Expect(HttpStatusCode.BadRequest, $"/api/networks/{id}/members",
            new { email = "x@y.test", givenName = "X", familyName = "Y", role = "TeamMember", teamId = foreignTeam.GetProperty("id").GetGuid(), startDate = "2022-01-01" });
        await Expect(HttpStatusCode.BadRequest, $"/api/networks/{id}/members",
            new { email = "not-an-email", givenName = "X", familyName = "Y", role = "TeamMember", startDate = "2022-01-01" });
        await Expect(HttpStatusCode.BadRequest, $"/api/networks/{id}/members",
            new { email = "x@y.test", givenName = "X", familyName = "Y", role = "Principal", startDate = "2022-01-01" });

        var person = (await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/members", token,
            new { email = "dup@y.test", givenName = "Dee", familyName = "Upp", role = "TeamMember", startDate = "2022-01-01" })).GetProperty("personId").GetGuid();
        await Expect(HttpStatusCode.Conflict, $"/api/networks/{id}/members",
            new { email = "dup@y.test", givenName = "Dee", familyName = "Upp", role = "TeamMember", startDate = "2022-02-01" });
        await Expect(HttpStatusCode.Conflict, $"/api/networks/{other}/members",
            new { email = "dup@y.test", givenName = "Different", familyName = "Name", role = "TeamMember", startDate = "2022-02-01" });
        await Expect(HttpStatusCode.BadRequest, $"/api/networks/{id}/members/{person}/leave", new { date = "2021-12-31" });
        await Expect(HttpStatusCode.NotFound, $"/api/networks/{id}/members/{Guid.NewGuid()}/leave", new { date = "2023-01-01" });

        var members = await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/members?year=2021", token);
        Assert.Single(members);
        Assert.Empty(await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/organizations", token));
    }

    [Fact]
    public async Task Another_hub_gets_404_and_a_funder_403_on_every_membership_endpoint()
    {
        var (_, id) = await NewNetworkAsync();
        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var funder = await platform.TokenAsync(PlatformFixture.Funder);
        var member = new { email = "a@b.test", givenName = "A", familyName = "B", role = "TeamMember", startDate = "2022-01-01" };
        var calls = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"/api/networks/{id}", null),
            (HttpMethod.Put, $"/api/networks/{id}", new { name = "X", aim = "Y", goalType = "Other", launchDate = "2021-08-01", phase = "Develop", status = "Active" }),
            (HttpMethod.Get, $"/api/networks/{id}/organizations", null),
            (HttpMethod.Post, $"/api/networks/{id}/organizations", new { kind = "District", name = "D", joinedOn = "2021-08-01" }),
            (HttpMethod.Get, $"/api/networks/{id}/teams", null),
            (HttpMethod.Get, $"/api/networks/{id}/members", null),
            (HttpMethod.Post, $"/api/networks/{id}/members", member),
            (HttpMethod.Post, $"/api/networks/{id}/members/{Guid.NewGuid()}/leave", new { date = "2023-01-01" }),
            (HttpMethod.Get, $"/api/networks/{id}/hub-staff", null),
            (HttpMethod.Post, $"/api/networks/{id}/hub-staff", new { email = "h@b.test", givenName = "H", familyName = "B", hubRole = "HubLead", core = true, startDate = "2022-01-01" }),
            (HttpMethod.Get, $"/api/networks/{id}/stability", null),
            (HttpMethod.Get, $"/api/networks/{id}/stability/history", null),
            (HttpMethod.Put, $"/api/networks/{id}/hub-stability-override", new { value = "Stable", reason = "r" }),
            (HttpMethod.Get, $"/api/networks/{id}/grants", null),
            (HttpMethod.Post, $"/api/networks/{id}/grants", new { funderTenantId = Guid.NewGuid() }),
            (HttpMethod.Delete, $"/api/networks/{id}/grants/{Guid.NewGuid()}", null),
            (HttpMethod.Get, $"/api/networks/{id}/invitations", null),
            (HttpMethod.Post, $"/api/networks/{id}/invitations", new { email = "i@b.test", role = "TeamMember" }),
        };
        foreach (var (method, path, body) in calls)
        {
            using (var other = await platform.Api.SendAsync(method, path, lakeside, body))
                Assert.True(other.StatusCode == HttpStatusCode.NotFound, $"{method} {path} for another hub: {(int)other.StatusCode}");
            using (var f = await platform.Api.SendAsync(method, path, funder, body))
                Assert.True(f.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} for a funder: {(int)f.StatusCode}");
        }
        using var audit = await platform.Api.SendAsync(HttpMethod.Get, "/api/networks/audit", funder);
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
    }

    private async Task<JsonElement> HubStability(string token, Guid id, int year) =>
        (await platform.Api.GetAsync<JsonElement>($"/api/networks/{id}/stability?year={year}", token)).GetProperty("hubStability");
}
