using System.Net;
using System.Text.Json;
using Platform.Contracts.Improvement;

namespace EndToEnd.Tests;

/// <summary>
/// The change package through the gateway: one self-contained printable HTML page (the adopted idea with its evidence,
/// the driver diagram and the measures' charts as inline SVG, no script, no external resource), the same content as
/// JSON, as a download; members read it, funders get 403. And MeasureDataRecorded leaves with every upload and a replay.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ChangePackageTests(PlatformFixture platform)
{
    private readonly ImprovementTestKit kit = new(platform);

    private Task<JsonElement> Expect(HttpStatusCode status, HttpMethod method, string path, string token, object? body = null) =>
        kit.Expect(status, method, path, token, body);

    private async Task<HttpResponseMessage> GetAsync(string path, string token, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await platform.Api.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_package_shares_the_adopted_ideas_with_their_evidence_and_every_measure_with_its_chart()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var n = await kit.NewNetworkAsync(hub, "Package", new DateOnly(2021, 8, 1));
        var root = $"/api/improvement/networks/{n.Id}";
        var package = $"{root}/change-package";
        await kit.UntilOkAsync($"{root}/change-ideas", hub, "Improvement hears of the network");

        var adopted = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/change-ideas", hub,
            new { title = "Weekly advisory check-ins", description = "Five minutes with each advisee", status = "Testing" })).GetProperty("id").GetGuid();
        var untested = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/change-ideas", hub, new { title = "Untested hunch about lockers" }))
            .GetProperty("id").GetGuid();
        var measure = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/measures", hub, new
        {
            name = "Ninth graders on track", kind = "Outcome", chart = "P", definition = "Ninth graders with no F and 90% attendance, of those enrolled",
            direction = "Up", multiplier = 100, target = 85, changeIdeaIds = new[] { adopted },
        })).GetProperty("id").GetGuid();
        await Expect(HttpStatusCode.OK, HttpMethod.Put, $"/api/improvement/measures/{measure}/points", hub, CycleReviewTests.ShiftUp());
        await Expect(HttpStatusCode.OK, HttpMethod.Put, $"{root}/theory", hub, new
        {
            aim = new { statement = "85% of ninth graders on track by June 2027", measureId = measure, target = 85, byDate = "2027-06-30" },
            primaryDrivers = new[] { new { title = "Relationships", secondaryDrivers = new[] { new { title = "Advisory", changeIdeaIds = new[] { adopted } } } } },
            reason = "First draft",
        });
        await CycleReviewTests.CompletedCycleAsync(platform, kit, hub, n.Id, n.TeamA, adopted, "Adopt");
        await Expect(HttpStatusCode.OK, HttpMethod.Put, $"{root}/change-ideas/{adopted}", hub, new { title = "Weekly advisory check-ins", status = "Adopted" });

        // The printable page.
        string html;
        using (var page = await GetAsync(package, hub))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Null(page.Content.Headers.ContentDisposition);
            html = await page.Content.ReadAsStringAsync();
        }
        Assert.Contains("Weekly advisory check-ins", html);
        Assert.Contains("85% of ninth graders on track by June 2027", html);
        Assert.Contains("Ninth graders with no F and 90% attendance, of those enrolled", html);
        Assert.Contains("Team A", html); // the evidence names the teams that tested it
        Assert.Contains("A non-random run", html); // the linked measure's latest signal, in words
        Assert.True(html.Split("<svg").Length - 1 >= 2, "the driver diagram and the measure's chart, inline");
        Assert.Contains("@media print", html);
        Assert.DoesNotContain("Untested hunch about lockers", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);

        // The same content as JSON.
        JsonElement json;
        using (var asJson = await GetAsync(package, hub, "application/json"))
            json = await ImprovementTestKit.Read(HttpStatusCode.OK, asJson, "GET change package as JSON");
        var idea = Assert.Single(json.GetProperty("changeIdeas").EnumerateArray());
        Assert.Equal((adopted, "Adopted", 1, 1), (idea.GetProperty("id").GetGuid(), idea.GetProperty("status").GetString(), idea.GetProperty("cycles").GetInt32(),
            idea.GetProperty("decisions").GetProperty("Adopt").GetInt32()));
        Assert.Equal(["Team A"], idea.GetProperty("teams").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(measure, Assert.Single(idea.GetProperty("measures").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal("Ninth graders on track", json.GetProperty("aim").GetProperty("measureName").GetString());
        Assert.Equal(30, Assert.Single(json.GetProperty("measures").EnumerateArray()).GetProperty("points").GetInt32());
        Assert.Equal("Advisory", json.GetProperty("theory")[0].GetProperty("secondaryDrivers")[0].GetProperty("title").GetString());
        Assert.DoesNotContain(untested.ToString(), json.GetRawText());

        // As a download.
        using (var download = await GetAsync($"{package}?download=true", hub))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Matches(@"^""?change-package-package-[0-9a-f]{6}-\d{4}-\d{2}-\d{2}\.html""?$", download.Content.Headers.ContentDisposition?.FileName);
        }

        // Members of the network read it; funders are refused (the role policy), another hub finds no network.
        var ana = (await kit.MemberAsync(hub, n, n.TeamB, "ana")).Token;
        await kit.UntilOkAsync(package, ana, "Improvement hears of Ana's membership");
        using (var funder = await GetAsync(package, await platform.TokenAsync(PlatformFixture.Funder)))
            Assert.Equal(HttpStatusCode.Forbidden, funder.StatusCode);
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, package, await platform.TokenAsync(PlatformFixture.LakesideAdmin));
    }

    [Fact]
    public async Task Every_upload_publishes_the_series_latest_period_and_size_and_a_replay_states_it_again()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var n = await kit.NewNetworkAsync(hub, "Series", new DateOnly(2021, 8, 1));
        var root = $"/api/improvement/networks/{n.Id}";
        await using var probe = await EventProbe.StartAsync(platform, n.Id, s => s.On<MeasureDataRecorded>(m => m.NetworkId));
        await kit.UntilOkAsync($"{root}/measures", hub, "Improvement hears of the network");
        var measure = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/measures", hub, new
        {
            name = "Advisees seen", kind = "Process", chart = "C", definition = "Advisees seen in the week", direction = "Up",
        })).GetProperty("id").GetGuid();
        var points = $"/api/improvement/measures/{measure}/points";

        await Expect(HttpStatusCode.OK, HttpMethod.Put, points, hub,
            Enumerable.Range(0, 12).Select(i => new { period = new DateOnly(2024, 1, 1).AddMonths(i).ToString("yyyy-MM-dd"), numerator = 10 + i % 3 }).ToArray());
        await probe.ExpectAsync(new() { [nameof(MeasureDataRecorded)] = 1 });
        var first = Assert.Single(probe.Of<MeasureDataRecorded>());
        Assert.Equal((measure, new DateOnly(2024, 12, 1), 12), (first.MeasureId, first.LatestPeriod, first.Points));

        // A refused upload changes nothing and says nothing; the next good one says what the series is now.
        await Expect(HttpStatusCode.UnprocessableEntity, HttpMethod.Put, points, hub, new[] { new { period = "2025-13-01", numerator = 1 } });
        await Expect(HttpStatusCode.OK, HttpMethod.Put, points, hub,
            Enumerable.Range(0, 5).Select(i => new { period = new DateOnly(2025, 1, 1).AddMonths(i).ToString("yyyy-MM-dd"), numerator = 12 }).ToArray());
        await probe.ExpectAsync(new() { [nameof(MeasureDataRecorded)] = 2 });
        Assert.Contains(probe.Of<MeasureDataRecorded>(), e => e is { Points: 5 } && e.LatestPeriod == new DateOnly(2025, 5, 1));

        probe.Clear();
        await probe.SendAsync(new Uri("queue:improvement-tenant-facts-requested"),
            new Platform.Contracts.Identity.TenantFactsRequested(PlatformFixture.TenantOf(hub), Guid.NewGuid(), DateTimeOffset.UtcNow));
        await probe.ExpectAsync(new() { [nameof(MeasureDataRecorded)] = 1 });
        Assert.Equal((5, new DateOnly(2025, 5, 1)), (probe.Of<MeasureDataRecorded>()[0].Points, probe.Of<MeasureDataRecorded>()[0].LatestPeriod));
    }
}
