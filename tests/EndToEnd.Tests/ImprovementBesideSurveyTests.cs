using System.Net;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// What members said beside what the network did: the survey's continuous-improvement domain and the network's PDSA
/// cycles in one answer for the health page, and the same comparison in the printable feedback report, disagreeing in
/// words when members rate their routines high and no cycle was completed.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ImprovementBesideSurveyTests(PlatformFixture platform)
{
    private readonly ImprovementTestKit kit = new(platform);
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly int Year = Today.Month >= 8 ? Today.Year : Today.Year - 1; // the school-year calendar's current network year

    private Task UntilAsync(Func<Task<bool>> condition, string because) => PlatformFixture.EventuallyAsync(condition, PlatformFixture.EventDelivery, because);

    [Fact]
    public async Task The_health_answer_and_the_feedback_report_set_the_survey_beside_the_work_and_say_when_they_disagree()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var n = await kit.NewNetworkAsync(hub, "Said and done", Today.AddDays(-400));
        var root = $"/api/improvement/networks/{n.Id}";
        var path = $"/api/reporting/networks/{n.Id}/health/improvement?year={Year}";
        await kit.UntilOkAsync($"{root}/change-ideas", hub, "Improvement hears of the network");

        // Before any survey: the work is there, the rating is not, so the two are not compared.
        await UntilAsync(async () => (await platform.Api.GetAsync<JsonElement>(path, hub)).GetProperty("activity").GetProperty("teams").GetInt32() == 2,
            "Reporting hears of the teams");
        var before = await platform.Api.GetAsync<JsonElement>(path, hub);
        Assert.Equal("NotCompared", before.GetProperty("agreement").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("ciProcesses").GetProperty("statistics").ValueKind);

        // Five members rate every item 5: continuous-improvement routines high, and no cycle completed.
        var driver = new SurveyDriver(platform, Year);
        var emails = Enumerable.Range(0, 5).Select(i => $"said{i}-{Guid.NewGuid():N}@survey.test").ToArray();
        foreach (var email in emails)
            await platform.Api.PostAsync<JsonElement>($"/api/networks/{n.Id}/members", hub,
                new { email, givenName = "Sam", familyName = "Reyes", role = "TeamMember", teamId = n.TeamA, startDate = n.Launch.AddMonths(1) });
        var wave = await driver.DraftWaveAsync(hub, n.Id, 5);
        using (var open = await platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/open", hub))
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        await driver.AllSubmitAsync(emails, 5);
        await UntilAsync(async () => (await platform.Api.GetAsync<JsonElement>(path, hub)).GetProperty("ciProcesses").GetProperty("statistics") is
            { ValueKind: JsonValueKind.Object } s && s.GetProperty("n").GetInt32() == 5, "the responses reach Reporting");

        var high = await platform.Api.GetAsync<JsonElement>(path, hub);
        Assert.Equal(5.00m, high.GetProperty("ciProcesses").GetProperty("statistics").GetProperty("mean").GetDecimal());
        Assert.Equal(0, high.GetProperty("activity").GetProperty("cyclesCompleted").GetInt32());
        Assert.Equal("RatedHighNoCycleCompleted", high.GetProperty("agreement").GetString());
        var finding = high.GetProperty("finding").GetString()!;
        Assert.Contains("no PDSA cycle was completed", finding);

        // The printable report carries the same section and the same words.
        var html = await ReportAsync(n.Id, hub);
        Assert.Contains("Improvement activity", html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(finding), html);

        // A cycle completed by each team: the rating and the work now agree, in the answer and in the report.
        foreach (var team in new[] { n.TeamA, n.TeamB }) await CompletedCycleAsync(hub, root, team);
        await UntilAsync(async () => (await platform.Api.GetAsync<JsonElement>(path, hub)).GetProperty("activity").GetProperty("cyclesCompleted").GetInt32() == 2,
            "the cycles reach Reporting");
        var agreed = await platform.Api.GetAsync<JsonElement>(path, hub);
        Assert.Equal("Agree", agreed.GetProperty("agreement").GetString());
        Assert.Contains(System.Net.WebUtility.HtmlEncode(agreed.GetProperty("finding").GetString()!), await ReportAsync(n.Id, hub));

        // Only the network's hub, a year the platform can date, and never a cycle's text in the report.
        Assert.DoesNotContain("Secret cycle title", await ReportAsync(n.Id, hub));
        using (var bad = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{n.Id}/health/improvement?year=99999", hub))
            Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (bad.StatusCode, bad.Content.Headers.ContentType?.MediaType));
        using (var other = await platform.Api.SendAsync(HttpMethod.Get, path, await platform.TokenAsync(PlatformFixture.LakesideAdmin)))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var funder = await platform.Api.SendAsync(HttpMethod.Get, path, await platform.TokenAsync(PlatformFixture.Funder)))
            Assert.Equal(HttpStatusCode.Forbidden, funder.StatusCode);
    }

    private async Task<string> ReportAsync(Guid network, string hub)
    {
        using var report = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{network}/feedback-report?year={Year}", hub);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        return await report.Content.ReadAsStringAsync();
    }

    private async Task CompletedCycleAsync(string hub, string root, Guid team)
    {
        var created = await kit.Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/cycles", hub, new
        {
            teamId = team, title = "Secret cycle title", objective = "Can one advisor see every advisee weekly?",
            questions = new[] { new { question = "Will every advisee be seen?", prediction = "Yes, at least 90%" } },
            plan = new { who = "Ms Lee", where = "Room 4", when = "Two weeks", dataToCollect = "Tally" },
        });
        var c = $"{root}/cycles/{created.GetProperty("cycle").GetProperty("id").GetGuid()}";
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/start", hub, new { on = Today.AddDays(-6) });
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/observations", hub, new { on = Today.AddDays(-5), text = "Saw 23 of 25" });
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/study", hub,
            new { findings = new[] { new { questionIndex = 0, whatHappened = "92% seen", matchedPrediction = "Yes" } } });
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/act", hub, new { decision = "Adopt", nextStep = "Spread", on = Today.AddDays(-1) });
    }
}
