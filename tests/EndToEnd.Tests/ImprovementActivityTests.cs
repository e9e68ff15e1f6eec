using System.Net;
using System.Text.Json;
using Platform.Contracts.Improvement;

namespace EndToEnd.Tests;

/// <summary>
/// Reporting sees the improvement work (issue 27): the hub's improvement view and the funder's table counted from
/// Improvement's events, redeliveries counted once, and the improvement warnings firing and clearing with the work.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ImprovementActivityTests(PlatformFixture platform)
{
    private readonly ImprovementTestKit kit = new(platform);
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    // The default school-year calendar (1 August): the network year today falls in starts here.
    private static readonly DateOnly YearStart = new(Today.Month >= 8 ? Today.Year : Today.Year - 1, 8, 1);

    private static string[] Rules(JsonElement report) =>
        report.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("rule").GetString()!.Split('@')[0]).Order().ToArray();

    private async Task<string[]> RulesAsync(Guid network, string hub) =>
        Rules(await platform.Api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/warnings", hub));

    private Task UntilAsync(Func<Task<bool>> condition, string because) => PlatformFixture.EventuallyAsync(condition, PlatformFixture.EventDelivery, because);

    /// <summary>A cycle of the team with predictions, started on a day and, if given, studied and finished on another.</summary>
    private async Task<Guid> CycleAsync(string hub, string root, Guid team, DateOnly startedOn, DateOnly? doneOn, string decision = "Adopt")
    {
        var created = await kit.Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/cycles", hub, new
        {
            teamId = team, title = "Secret cycle title", objective = "Can one advisor see every advisee weekly?",
            questions = new[] { new { question = "Will every advisee be seen?", prediction = "Yes, at least 90%" } },
            plan = new { who = "Ms Lee", where = "Room 4", when = "Two weeks", dataToCollect = "Tally" },
        });
        var id = created.GetProperty("cycle").GetProperty("id").GetGuid();
        var c = $"{root}/cycles/{id}";
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/start", hub, new { on = startedOn });
        if (doneOn is not { } done) return id;
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/observations", hub, new { on = startedOn, text = "Saw 23 of 25" });
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/study", hub,
            new { findings = new[] { new { questionIndex = 0, whatHappened = "92% seen", matchedPrediction = "Yes" } } });
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/act", hub, new { decision, nextStep = "Spread", on = done });
        return id;
    }

    [Fact]
    public async Task The_hub_and_its_funder_see_the_work_counted_once_and_the_improvement_warnings_follow_it()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var funder = await platform.TokenAsync(PlatformFixture.Funder);
        var tenant = PlatformFixture.TenantOf(hub);
        var n = await kit.NewNetworkAsync(hub, "Activity", Today.AddDays(-400));
        var root = $"/api/improvement/networks/{n.Id}";
        await kit.UntilOkAsync($"{root}/change-ideas", hub, "Improvement hears of the network");
        await using var probe = await EventProbe.StartAsync(platform, n.Id, s => s.On<CycleCompleted>(m => m.NetworkId));

        // A network with teams and no work: no theory, no measure data, no cycle completed (each a 2026.2 rule).
        await UntilAsync(async () => (await RulesAsync(n.Id, hub)).Contains("FizzlingOut/no-cycle-completed"), "Reporting hears of the teams");
        var rules = await RulesAsync(n.Id, hub);
        Assert.Contains("UnclearPurpose/no-theory", rules);
        Assert.Contains("NoRecentData/no-measure-data", rules);

        // A theory whose aim names no measure replaces "no theory" with "aim without measure".
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Put, $"{root}/theory", hub, new
        {
            aim = new { statement = "90% of ninth graders on track by June 2027" },
            primaryDrivers = new[] { new { key = "rel", title = "Relationships", secondaryDrivers = Array.Empty<object>() } },
            reason = "First draft",
        });
        await UntilAsync(async () => (await RulesAsync(n.Id, hub)) is var r && r.Contains("UnclearPurpose/aim-without-measure") && !r.Contains("UnclearPurpose/no-theory"),
            "the theory reaches Reporting");

        // A cycle finished 95 days ago does not clear the warning; one finished 10 days ago does.
        await CycleAsync(hub, root, n.TeamA, Today.AddDays(-100), Today.AddDays(-95), "Adopt");
        await UntilAsync(async () => (await platform.Api.GetAsync<JsonElement>($"/api/reporting/networks/{n.Id}/warnings", hub)).GetProperty("warnings")
            .EnumerateArray().Any(w => w.GetProperty("rule").GetString()!.StartsWith("FizzlingOut/no-cycle-completed@")
                && w.GetProperty("evidence").GetProperty("lastCycleCompleted").GetString() == Today.AddDays(-95).ToString("yyyy-MM-dd")),
            "the old cycle reaches Reporting, and the warning stays");
        await CycleAsync(hub, root, n.TeamA, Today.AddDays(-20), Today.AddDays(-10), "Adapt");
        await CycleAsync(hub, root, n.TeamB, Today.AddDays(-5), null);
        await UntilAsync(async () => !(await RulesAsync(n.Id, hub)).Contains("FizzlingOut/no-cycle-completed"), "the recent cycle clears the warning");

        // Facts Improvement's other writers send (a coach's touchpoint, a measure's data and signal), each delivered twice
        // with new message ids, as a redelivery after a crash or a rebuild's replay would: each counts once.
        var thisMonth = new DateOnly(Today.Year, Today.Month, 1);
        var touchpoint = new CoachingTouchpointLogged(tenant, n.Id, Guid.NewGuid(), n.TeamB, Today, DateTimeOffset.UtcNow);
        var measure = Guid.NewGuid();
        var data = new MeasureDataRecorded(tenant, n.Id, measure, thisMonth, 12, DateTimeOffset.UtcNow);
        var signal = new MeasureSignalDetected(tenant, n.Id, measure, "Shift", thisMonth, true, DateTimeOffset.UtcNow);
        var extra = new CycleCompleted(tenant, n.Id, Guid.NewGuid(), n.TeamB, null, "Abandon", false, Today.AddDays(-3), Today.AddDays(-2), DateTimeOffset.UtcNow);
        for (var i = 0; i < 2; i++)
        {
            await probe.SendAsync(new Uri("queue:reporting-coaching-touchpoint-logged"), touchpoint);
            await probe.SendAsync(new Uri("queue:reporting-measure-data-recorded"), data);
            await probe.SendAsync(new Uri("queue:reporting-measure-signal-detected"), signal);
            await probe.SendAsync(new Uri("queue:reporting-cycle-completed"), extra);
        }
        string Path(string p) => $"/api/reporting/networks/{n.Id}/{p}";
        await UntilAsync(async () => (await platform.Api.GetAsync<JsonElement>(Path("improvement"), hub)) is var v
            && v.GetProperty("coachingTouchpoints").GetInt32() == 1 && v.GetProperty("measuresImproving").GetInt32() == 1
            && !(await RulesAsync(n.Id, hub)).Contains("NoRecentData/no-measure-data"), "the sent facts reach Reporting");
        await Task.Delay(TimeSpan.FromSeconds(3)); // a second copy counted would show by now

        var report = await platform.Api.GetAsync<JsonElement>(Path("improvement"), hub);
        int Count(DateOnly[] days) => days.Count(d => d >= YearStart);
        Assert.Equal(Count([Today.AddDays(-100), Today.AddDays(-20), Today.AddDays(-5), Today.AddDays(-3)]), report.GetProperty("cyclesStarted").GetInt32());
        Assert.Equal(Count([Today.AddDays(-95), Today.AddDays(-10), Today.AddDays(-2)]), report.GetProperty("cyclesCompleted").GetInt32());
        Assert.Equal(1, report.GetProperty("coachingTouchpoints").GetInt32());
        Assert.Equal((2, 2), (report.GetProperty("teams").GetInt32(), report.GetProperty("teamsActive").GetInt32()));
        Assert.Equal(100m, report.GetProperty("teamsActivePct").GetDecimal());
        Assert.Equal(1, report.GetProperty("theoryRevisions").GetInt32());
        Assert.True(report.GetProperty("theoryRevisedLast12Months").GetBoolean());
        var decisions = report.GetProperty("decisions");
        Assert.Equal(1, decisions.GetProperty("abandon").GetInt32());
        Assert.Equal(1, decisions.GetProperty("adapt").GetInt32());
        Assert.Equal(report.GetProperty("months").EnumerateArray().Sum(m => m.GetProperty("cyclesCompleted").GetInt32()), report.GetProperty("cyclesCompleted").GetInt32());
        // Two of the year's three completions had predictions (the sent one had none) when all three fall in the year.
        if (Today.AddDays(-95) >= YearStart) Assert.Equal(66.7m, report.GetProperty("completedWithPredictionsPct").GetDecimal());
        using (var bad = await platform.Api.SendAsync(HttpMethod.Get, Path("improvement?year=99999"), hub))
            Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (bad.StatusCode, bad.Content.Headers.ContentType?.MediaType));

        // Only the network's hub: another hub gets 404, a funder 403.
        using (var other = await platform.Api.SendAsync(HttpMethod.Get, Path("improvement"), await platform.TokenAsync(PlatformFixture.LakesideAdmin)))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var asFunder = await platform.Api.SendAsync(HttpMethod.Get, Path("improvement"), funder))
            Assert.Equal(HttpStatusCode.Forbidden, asFunder.StatusCode);

        // The funder sees nothing of the network before the grant, then counts only.
        async Task<JsonElement?> RowAsync() => (await platform.Api.GetAsync<JsonElement[]>("/api/reporting/portfolio/improvement", funder))
            .Select(r => (JsonElement?)r).FirstOrDefault(r => r!.Value.GetProperty("networkId").GetGuid() == n.Id);
        Assert.Null(await RowAsync());
        await platform.Api.PostAsync<JsonElement>($"/api/networks/{n.Id}/grants", hub, new { funderTenantId = PlatformFixture.TenantOf(funder) });
        await UntilAsync(async () => await RowAsync() is not null, "the grant reaches Reporting");
        var row = (await RowAsync())!.Value;
        Assert.Equal(2, row.GetProperty("teams").GetInt32());
        Assert.Equal(100m, row.GetProperty("teamsActivePct").GetDecimal());
        Assert.Equal(1, row.GetProperty("measuresImproving").GetInt32());
        Assert.True(row.GetProperty("theoryRevisedLast12Months").GetBoolean());
        Assert.Equal(0.5m, row.GetProperty("coachingTouchpointsPerTeam").GetDecimal());
        Assert.Equal(report.GetProperty("cyclesCompleted").GetInt32() / 2m, row.GetProperty("cyclesCompletedPerTeam").GetDecimal());
        var raw = await (await platform.Api.SendAsync(HttpMethod.Get, "/api/reporting/portfolio/improvement", funder)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Secret cycle title", raw);
        Assert.DoesNotContain("Team A", raw);
        using (var csv = await platform.Api.SendAsync(HttpMethod.Get, "/api/reporting/portfolio/improvement?format=csv", funder))
        {
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var lines = (await csv.Content.ReadAsStringAsync()).Split('\n');
            Assert.StartsWith("NetworkId,NetworkYear,AsOf,Teams,CyclesCompleted,CyclesCompletedPerTeam", lines[0]);
            Assert.Contains(lines, l => l.StartsWith(n.Id.ToString(), StringComparison.OrdinalIgnoreCase));
        }

        // Revoked, the network leaves the funder's table.
        using (var revoked = await platform.Api.SendAsync(HttpMethod.Delete, $"/api/networks/{n.Id}/grants/{PlatformFixture.TenantOf(funder)}", hub))
            Assert.True(revoked.IsSuccessStatusCode);
        await UntilAsync(async () => await RowAsync() is null, "the revocation reaches Reporting");
    }
}
