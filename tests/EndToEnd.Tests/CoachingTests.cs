using System.Net;
using System.Text.Json;
using Platform.Contracts.Improvement;

namespace EndToEnd.Tests;

/// <summary>
/// Coaching touchpoints through the gateway: hub staff with a current Improvement coach seat in the network (learned
/// from the Networks events) and hub admins log them; hub staff without the seat, and a coach whose seat ended, get 403
/// with the reason; bad input is named by field; a member sees their own teams' touchpoints only; each touchpoint
/// leaves as CoachingTouchpointLogged (ids and the date).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CoachingTests(PlatformFixture platform)
{
    private readonly ImprovementTestKit kit = new(platform);

    private Task<JsonElement> Expect(HttpStatusCode status, HttpMethod method, string path, string token, object? body = null) =>
        kit.Expect(status, method, path, token, body);

    [Fact]
    public async Task Coaches_and_hub_admins_log_touchpoints_staff_without_a_seat_may_not_and_members_see_their_own_teams()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var n = await kit.NewNetworkAsync(hub, "Coaching", new DateOnly(2023, 8, 1));
        var coaching = $"/api/improvement/networks/{n.Id}/coaching";
        await using var probe = await EventProbe.StartAsync(platform, n.Id, s => s.On<CoachingTouchpointLogged>(m => m.NetworkId));
        var (coach, seat) = await kit.HubStaffAsync(hub, n.Id, "ImprovementCoach");
        var (dataLead, _) = await kit.HubStaffAsync(hub, n.Id, "DataLead");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-dd");

        // The coach's first touchpoint is accepted once Improvement has heard of the seat and the team.
        JsonElement logged = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await platform.Api.SendAsync(HttpMethod.Post, coaching, coach,
                new { teamId = n.TeamA, on = yesterday, focus = "Predictions before starting", agreed = "Write one per question", nextStep = "Review on Friday" });
            if (r.StatusCode != HttpStatusCode.Created) return false;
            logged = await ImprovementTestKit.Read(HttpStatusCode.Created, r, "POST coaching");
            return true;
        }, PlatformFixture.EventDelivery, "Improvement hears of the coach's seat and team A");
        Assert.Equal(("Team A", "Predictions before starting"), (logged.GetProperty("teamName").GetString(), logged.GetProperty("focus").GetString()));
        Assert.EndsWith("@hubstaff.test", logged.GetProperty("loggedBy").GetString());

        // Hub staff without a coach seat: 403 with the reason. A hub admin needs no seat.
        var refused = await Expect(HttpStatusCode.Forbidden, HttpMethod.Post, coaching, dataLead, new { teamId = n.TeamA, on = yesterday, focus = "Data walk" });
        Assert.Contains("Improvement coach seat", refused.GetProperty("detail").GetString());
        await Expect(HttpStatusCode.Created, HttpMethod.Post, coaching, hub, new { teamId = n.TeamB, on = today.ToString("yyyy-MM-dd"), focus = "Spreading check-ins" });

        // Bad input, by field.
        Assert.Equal(["agreed", "focus", "on", "teamId"], ImprovementTestKit.ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, coaching, coach,
            new { on = today.AddDays(1).ToString("yyyy-MM-dd"), focus = " ", agreed = new string('a', 2001) })));
        Assert.Equal(["teamId"], ImprovementTestKit.ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, coaching, coach,
            new { teamId = Guid.NewGuid(), on = yesterday, focus = "Someone else's team" })));

        // The hub team sees every team's, newest first, filtered by team and dates; a member only their own teams'.
        var all = (await Expect(HttpStatusCode.OK, HttpMethod.Get, coaching, hub)).EnumerateArray().ToArray();
        Assert.Equal(["Spreading check-ins", "Predictions before starting"], all.Select(t => t.GetProperty("focus").GetString()!).ToArray());
        Assert.Equal([n.TeamA], (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{coaching}?teamId={n.TeamA}", coach)).EnumerateArray()
            .Select(t => t.GetProperty("teamId").GetGuid()).ToArray());
        Assert.Single((await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{coaching}?from={today:yyyy-MM-dd}", hub)).EnumerateArray());
        Assert.Single((await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{coaching}?to={yesterday}", hub)).EnumerateArray());
        var ana = (await kit.MemberAsync(hub, n, n.TeamA, "ana")).Token;
        await kit.UntilOkAsync(coaching, ana, "Improvement hears of Ana's membership");
        var mine = (await Expect(HttpStatusCode.OK, HttpMethod.Get, coaching, ana)).EnumerateArray().ToArray();
        Assert.Equal([n.TeamA], mine.Select(t => t.GetProperty("teamId").GetGuid()).ToArray());
        Assert.Empty((await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{coaching}?teamId={n.TeamB}", ana)).EnumerateArray());
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Post, coaching, ana, new { teamId = n.TeamA, on = yesterday, focus = "Self-coaching" });
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Get, coaching, await platform.TokenAsync(PlatformFixture.Funder));
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, coaching, await platform.TokenAsync(PlatformFixture.LakesideAdmin));

        await probe.ExpectAsync(new() { [nameof(CoachingTouchpointLogged)] = 2 });
        Assert.Contains(probe.Of<CoachingTouchpointLogged>(), e => e.TouchpointId == logged.GetProperty("id").GetGuid() && e.TeamId == n.TeamA
            && e.On == today.AddDays(-1));

        // When the coach's seat ends, so does their logging.
        using (var ended = await platform.Api.SendAsync(HttpMethod.Post, $"/api/networks/{n.Id}/hub-staff/{seat}/end", hub,
            new { date = today.ToString("yyyy-MM-dd"), reason = "Departure" }))
            Assert.True(ended.IsSuccessStatusCode, $"ending the seat: {(int)ended.StatusCode}");
        await PlatformFixture.EventuallyAsync(async () =>
        {
            // An unknown team: a 400 while the seat holds (access is decided first), 403 once it has ended; nothing is ever written.
            using var r = await platform.Api.SendAsync(HttpMethod.Post, coaching, coach, new { teamId = Guid.NewGuid(), on = yesterday, focus = "One more" });
            return r.StatusCode == HttpStatusCode.Forbidden;
        }, PlatformFixture.EventDelivery, "Improvement hears that the coach's seat ended");

        // A replay re-emits each touchpoint.
        probe.Clear();
        await probe.SendAsync(new Uri("queue:improvement-tenant-facts-requested"),
            new Platform.Contracts.Identity.TenantFactsRequested(PlatformFixture.TenantOf(hub), Guid.NewGuid(), DateTimeOffset.UtcNow));
        await probe.ExpectAsync(new() { [nameof(CoachingTouchpointLogged)] = 2 });
    }
}
