using System.Net;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// The hub-wide reads of Improvement behind the portal's landing pages: a member's own teams (<c>me/teams</c>), and what
/// needs the hub team's attention (<c>attention</c>: overdue cycles, measures with no data for the last period).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ImprovementHubHomeTests(PlatformFixture platform)
{
    private readonly ImprovementTestKit kit = new(platform);

    private static string[] TeamIds(JsonElement answer) =>
        answer.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("teamId").GetGuid().ToString()).Order().ToArray();

    [Fact]
    public async Task A_member_sees_their_teams_in_every_network_and_nobody_else_sees_them()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var launch = new DateOnly(2023, 8, 1);
        var first = await kit.NewNetworkAsync(hub, "My teams one", launch);
        var second = await kit.NewNetworkAsync(hub, "My teams two", launch);
        // One person (Networks finds them by email) in team A of the first network and team B of the second.
        var email = $"twoteams-{Guid.NewGuid():N}@improvement.test";
        foreach (var (network, team) in new[] { (first.Id, first.TeamA), (second.Id, second.TeamB) })
            await platform.Api.PostAsync<JsonElement>($"/api/networks/{network}/members", hub,
                new { email, givenName = "Two", familyName = "Teams", role = "TeamMember", teamId = team, startDate = launch.AddMonths(1) });
        var admin = await platform.TokenAsync(PlatformFixture.PlatformAdmin);
        await platform.Api.PostAsync<JsonElement>($"/api/tenants/{PlatformFixture.TenantOf(hub)}/users", admin,
            new { email, password = ImprovementTestKit.Password, role = "member" });
        var token = await platform.Api.GetTokenAsync(email, ImprovementTestKit.Password);
        var (other, _) = await kit.MemberAsync(hub, first, first.TeamB, "otherteam");

        string[] expected = [first.TeamA.ToString(), second.TeamB.ToString()];
        await PlatformFixture.EventuallyAsync(async () =>
            TeamIds(await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, "/api/improvement/me/teams", token)).SequenceEqual(expected.Order()),
            PlatformFixture.EventDelivery, "Improvement hears of both memberships");
        var mine = await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, "/api/improvement/me/teams", token);
        var inSecond = mine.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("networkId").GetGuid() == second.Id);
        Assert.Equal("Team B", inSecond.GetProperty("teamName").GetString());
        Assert.StartsWith("My teams two", inSecond.GetProperty("networkName").GetString());
        // Every team of their networks by name, to say which team tests what.
        Assert.Equal(4, mine.GetProperty("networkTeams").GetArrayLength());

        // Another member of the same network sees only their own team.
        await PlatformFixture.EventuallyAsync(async () =>
            TeamIds(await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, "/api/improvement/me/teams", other)).Length == 1,
            PlatformFixture.EventDelivery, "Improvement hears of the other member");
        Assert.Equal([first.TeamB.ToString()], TeamIds(await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, "/api/improvement/me/teams", other)));

        // A member of another hub sees none of them; the hub team belongs to no team.
        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var away = await kit.NewNetworkAsync(lakeside, "Elsewhere", launch);
        var (stranger, _) = await kit.MemberAsync(lakeside, away, away.TeamA, "stranger");
        await PlatformFixture.EventuallyAsync(async () =>
            TeamIds(await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, "/api/improvement/me/teams", stranger)).Length == 1,
            PlatformFixture.EventDelivery, "Improvement hears of the other hub's member");
        Assert.Equal([away.TeamA.ToString()], TeamIds(await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, "/api/improvement/me/teams", stranger)));
        Assert.Empty(TeamIds(await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, "/api/improvement/me/teams", hub)));
    }

    [Fact]
    public async Task The_hub_team_sees_its_overdue_cycles_and_measures_without_data_and_no_other_hubs()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var n = await kit.NewNetworkAsync(hub, "Attention", new DateOnly(2023, 8, 1));
        var root = $"/api/improvement/networks/{n.Id}";
        await kit.UntilOkAsync($"{root}/cycles", hub, "Improvement hears of the network");
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await platform.Api.SendAsync(HttpMethod.Post, $"{root}/cycles", hub, Plan(n.TeamA, "probe"));
            return r.StatusCode == HttpStatusCode.Created;
        }, PlatformFixture.EventDelivery, "Improvement hears of the teams");

        async Task<Guid> StartedAsync(string title)
        {
            var id = (await kit.Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/cycles", hub, Plan(n.TeamA, title))).GetProperty("cycle").GetProperty("id").GetGuid();
            await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{root}/cycles/{id}/start", hub);
            return id;
        }
        var late = await StartedAsync("Started 31 days ago");
        var onTime = await StartedAsync("Started 30 days ago");
        var fresh = await StartedAsync("Started today");
        // No cycle can be started in the past through the API: move the start dates back (the service's clock is UTC).
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var db = platform.ConnectAsSuperuser("improvement"))
        {
            await Dapper.SqlMapper.ExecuteAsync(db, "update pdsa_cycles set started_on = @on where id = @late", new { late, on = today.AddDays(-31).ToDateTime(TimeOnly.MinValue) });
            await Dapper.SqlMapper.ExecuteAsync(db, "update pdsa_cycles set started_on = @on where id = @onTime", new { onTime, on = today.AddDays(-30).ToDateTime(TimeOnly.MinValue) });
        }

        var empty = await MeasureAsync(root, hub, "No points yet");
        var current = await MeasureAsync(root, hub, "Monthly, up to date");
        var behind = await MeasureAsync(root, hub, "Monthly, two months behind");
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        await Points(current, hub, lastMonth.AddMonths(-1), lastMonth);
        await Points(behind, hub, lastMonth.AddMonths(-2), lastMonth.AddMonths(-1));

        var attention = await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, "/api/improvement/attention", hub);
        var overdue = attention.GetProperty("overdueCycles").EnumerateArray().Where(c => c.GetProperty("networkId").GetGuid() == n.Id).ToList();
        Assert.Equal([late], overdue.Select(c => c.GetProperty("id").GetGuid()));
        Assert.Equal("Team A", overdue[0].GetProperty("teamName").GetString());
        Assert.Equal(31, overdue[0].GetProperty("daysSinceStart").GetInt32());
        Assert.False(overdue[0].TryGetProperty("observations", out _)); // no cycle text beyond title and objective
        var stale = attention.GetProperty("staleMeasures").EnumerateArray().Where(m => m.GetProperty("networkId").GetGuid() == n.Id)
            .Select(m => m.GetProperty("id").GetGuid()).Order().ToArray();
        Assert.Equal(new[] { empty, behind }.Order().ToArray(), stale);
        Assert.DoesNotContain(fresh, overdue.Select(c => c.GetProperty("id").GetGuid()));

        // Another hub sees none of it; a member may not ask.
        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var theirs = await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, "/api/improvement/attention", lakeside);
        Assert.DoesNotContain(theirs.GetProperty("overdueCycles").EnumerateArray(), c => c.GetProperty("networkId").GetGuid() == n.Id);
        Assert.DoesNotContain(theirs.GetProperty("staleMeasures").EnumerateArray(), m => m.GetProperty("networkId").GetGuid() == n.Id);
        var (member, _) = await kit.MemberAsync(hub, n, n.TeamA, "notadmin");
        using var refused = await platform.Api.SendAsync(HttpMethod.Get, "/api/improvement/attention", member);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static object Plan(Guid team, string title) => new
    {
        teamId = team, title, objective = "Does a weekly check-in reach every advisee?",
        questions = new[] { new { question = "Will every advisee be seen?", prediction = "Yes, 9 in 10" } }, plan = new { who = "Ms Lee" },
    };

    private async Task<Guid> MeasureAsync(string root, string hub, string name) =>
        (await kit.Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/measures", hub, new
        {
            name, kind = "Process", chart = "Run", definition = "Advisees seen, counted each month", direction = "Up",
        })).GetProperty("id").GetGuid();

    private Task Points(Guid measure, string hub, params DateOnly[] periods) =>
        kit.Expect(HttpStatusCode.OK, HttpMethod.Put, $"/api/improvement/measures/{measure}/points", hub,
            periods.Select(p => new { period = p.ToString("yyyy-MM-dd"), numerator = 5 }).ToArray());
}
