using System.Net;
using System.Text.Json;
using Dapper;
using Platform.Local;

namespace EndToEnd.Tests;

/// <summary>
/// Reminders on a schedule: Surveys' clock is moved across the schedule, two Surveys replicas look for due reminders,
/// and the mail catcher counts what each member received.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReminderScheduleTests(PlatformFixture platform)
{
    [Fact]
    public async Task Scheduled_reminders_go_once_at_their_hour_to_those_who_have_not_submitted_and_hand_reminders_count_toward_them()
    {
        var api = platform.Api;
        var kit = new ImprovementTestKit(platform);
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var driver = new SurveyDriver(platform, 2026);
        // The network keeps its day in Chicago: the schedule's hour is Chicago's unless the hub names another zone.
        var (network, emails) = await driver.NetworkWithMembersAsync(hub, 3, timeZone: "America/Chicago");
        var wave = await driver.DraftWaveAsync(hub, network, 3);
        var schedule = $"/api/surveys/waves/{wave}/reminder-schedule";
        var remind = $"/api/surveys/waves/{wave}/reminders";

        // Bad input names its field; a schedule set on the draft is timed once the wave opens.
        var bad = await kit.Expect(HttpStatusCode.BadRequest, HttpMethod.Put, schedule, hub, new { timeZone = "Mars/Olympus" });
        Assert.True(bad.GetProperty("errors").TryGetProperty("timeZone", out _), bad.GetRawText());
        await kit.Expect(HttpStatusCode.BadRequest, HttpMethod.Put, schedule, hub, new { maxReminders = 0 });
        var draft = await kit.Expect(HttpStatusCode.OK, HttpMethod.Put, schedule, hub, new { maxReminders = 2, minDaysApart = 7, hourOfDay = 9 });
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("nextDueAt").ValueKind);
        Assert.Equal("America/Chicago", draft.GetProperty("schedule").GetProperty("timeZone").GetString());
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var firstDue = (await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, schedule, hub)).GetProperty("nextDueAt").GetDateTimeOffset();
        Assert.InRange(firstDue - DateTimeOffset.UtcNow, TimeSpan.FromDays(7), TimeSpan.FromDays(8));
        Assert.Equal(9, TimeZoneInfo.ConvertTime(firstDue, chicago).Hour);

        // One member submits; the other two are reminded.
        await driver.AllSubmitAsync(emails[..1], level: 3);
        async Task<int[]> RemindersReceivedAsync()
        {
            var mail = await platform.MailAsync();
            return emails.Select(e => mail.Count(m => m.GetProperty("subject").GetString()!.StartsWith("Reminder:")
                && m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == e))).ToArray();
        }

        // By hand now: the first of the schedule's two.
        var byHand = await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, remind, hub, new { });
        Assert.Equal((2, 2), (byHand.GetProperty("invited").GetInt32(), byHand.GetProperty("mailed").GetInt32()));
        await PlatformFixture.EventuallyAsync(async () => (await RemindersReceivedAsync()).SequenceEqual([0, 1, 1]), TimeSpan.FromSeconds(10), "the reminder mail arrives");
        var tooSoon = await kit.Expect(HttpStatusCode.Conflict, HttpMethod.Post, remind, hub, new { });
        Assert.Contains("at least 7 days apart", tooSoon.GetProperty("detail").GetString());
        var next = (await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, schedule, hub)).GetProperty("nextDueAt").GetDateTimeOffset();
        Assert.True(next >= firstDue, "the schedule counts the hand reminder: the next is a week after it");

        // Surveys' clock moves past the next reminder; a second replica looks every second beside the first.
        var replica = await platform.Platform.StartExtraAsync("surveys", "surveys-reminders", Shell.FreePort(),
            new Dictionary<string, string> { ["Surveys__ReminderCheckInterval"] = "00:00:01" });
        try
        {
            await platform.Platform.MoveSurveysClockAsync(next - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1));
            await PlatformFixture.EventuallyAsync(async () => (await RemindersReceivedAsync()).SequenceEqual([0, 2, 2]), TimeSpan.FromSeconds(40),
                "the scheduled reminder goes");
            // A month on, both replicas looking: nothing more (two was the schedule's maximum), nothing twice.
            await platform.Platform.MoveSurveysClockAsync(next - DateTimeOffset.UtcNow + TimeSpan.FromDays(30));
            await Task.Delay(TimeSpan.FromSeconds(12));
            Assert.Equal(new[] { 0, 2, 2 }, await RemindersReceivedAsync());
        }
        finally
        {
            await platform.Platform.MoveSurveysClockAsync(TimeSpan.Zero);
            await replica.StopAsync();
        }

        var plan = await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, schedule, hub);
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("nextDueAt").ValueKind);
        Assert.Equal(2, plan.GetProperty("sent").GetArrayLength());
        var spent = await kit.Expect(HttpStatusCode.Conflict, HttpMethod.Post, remind, hub, new { });
        Assert.Equal("All 2 reminders of this wave's schedule have been sent.", spent.GetProperty("detail").GetString());
        await using var surveys = platform.ConnectAsSuperuser("surveys");
        Assert.Equal((2, 1), await surveys.QuerySingleAsync<(int, int)>(
            "select count(*)::int, (count(*) filter (where by_hand))::int from wave_reminders where wave_id = @wave", new { wave }));
    }

    [Fact]
    public async Task A_schedule_in_the_network_zone_moves_with_it_and_one_in_a_zone_of_its_own_stays()
    {
        var api = platform.Api;
        var kit = new ImprovementTestKit(platform);
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var driver = new SurveyDriver(platform, 2026);
        var (network, _) = await driver.NetworkWithMembersAsync(hub, 2, timeZone: "America/Chicago");
        var follows = await driver.DraftWaveAsync(hub, network, 2);
        var own = await driver.DraftWaveAsync(hub, network, 2);
        string Schedule(Guid wave) => $"/api/surveys/waves/{wave}/reminder-schedule";
        Assert.True((await kit.Expect(HttpStatusCode.OK, HttpMethod.Put, Schedule(follows), hub, new { hourOfDay = 9 })).GetProperty("followsNetwork").GetBoolean());
        Assert.False((await kit.Expect(HttpStatusCode.OK, HttpMethod.Put, Schedule(own), hub, new { hourOfDay = 9, timeZone = "UTC" })).GetProperty("followsNetwork").GetBoolean());
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{follows}/open", hub, new { });

        // The hub moves the network to Denver: the schedule that kept the network's zone follows, its next reminder at 9:00 there.
        var n = await api.GetAsync<JsonElement>($"/api/networks/{network}", hub);
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Put, $"/api/networks/{network}", hub, new
        {
            name = n.GetProperty("name").GetString(), aim = n.GetProperty("aim").GetString(), goalType = n.GetProperty("goalType").GetString(),
            launchDate = n.GetProperty("launchDate").GetString(), phase = n.GetProperty("phase").GetString(), status = n.GetProperty("status").GetString(),
            yearStartMonth = n.GetProperty("yearStartMonth").GetInt32(), yearStartDay = n.GetProperty("yearStartDay").GetInt32(), timeZone = "America/Denver",
        });
        JsonElement plan = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            plan = await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, Schedule(follows), hub);
            return plan.GetProperty("schedule").GetProperty("timeZone").GetString() == "America/Denver";
        }, PlatformFixture.EventDelivery, "Surveys moves the schedule to the network's new zone");
        var denver = TimeZoneInfo.FindSystemTimeZoneById("America/Denver");
        Assert.Equal(9, TimeZoneInfo.ConvertTime(plan.GetProperty("nextDueAt").GetDateTimeOffset(), denver).Hour);
        var stays = await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, Schedule(own), hub);
        Assert.Equal("UTC", stays.GetProperty("schedule").GetProperty("timeZone").GetString());
    }
}
