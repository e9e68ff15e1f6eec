using System.Net;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>Early warnings through the gateway: each from the facts the events brought to Reporting.</summary>
[Collection(PlatformCollection.Name)]
public sealed class WarningsTests(PlatformFixture platform)
{
    private static string[] Rules(JsonElement report) =>
        report.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("rule").GetString()!.Split('@')[0]).Order().ToArray();

    [Fact]
    public async Task A_network_is_warned_of_a_blurred_purpose_and_a_thin_hub_until_the_hub_fixes_them()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var launched = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30).ToString("yyyy-MM-dd");
        var network = (await platform.Api.PostAsync<JsonElement>("/api/networks", hub, new
        {
            name = "Everything At Once " + Guid.NewGuid().ToString("N")[..6], aim = "Improve many things", goalType = "Other", launchDate = launched,
            focusAreas = new[] { "attendance", "math", "literacy", "college match", " " },
        })).GetProperty("id").GetGuid();
        Assert.Equal(4, (await platform.Api.GetAsync<JsonElement>($"/api/networks/{network}", hub)).GetProperty("focusAreas").GetArrayLength());

        string[] rules = [];
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var response = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{network}/warnings", hub);
            if (response.StatusCode != HttpStatusCode.OK) return false;
            rules = Rules(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
            return rules.Length > 0;
        }, PlatformFixture.EventDelivery, "Reporting learns of the network");
        // A month-old network is not yet expected to have measured anything, nor to have gone quiet; it has no theory of
        // improvement yet (rules 2026.2), which is a sign of unclear purpose at any age.
        Assert.Equal(["OverReliance/core-seats", "UnclearPurpose/no-theory", "UnclearPurpose/too-many-focus-areas"], rules);
        var report = await platform.Api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/warnings", hub);
        var purpose = report.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("rule").GetString()!.StartsWith("UnclearPurpose/too-many-focus-areas@"));
        Assert.Equal(4, purpose.GetProperty("evidence").GetProperty("focusAreas").GetInt32());
        Assert.Equal("2026.2", report.GetProperty("ruleVersion").GetString());

        // Two core seats and a focused aim clear both (the missing theory stays: ImprovementActivityTests clears it).
        foreach (var (email, role) in new[] { ("lead", "HubLead"), ("coach", "ImprovementCoach") })
            await platform.Api.PostAsync<JsonElement>($"/api/networks/{network}/hub-staff", hub, new
            {
                email = $"{email}-{Guid.NewGuid():N}@warnings.test", givenName = email, familyName = "Hub", hubRole = role, core = true, startDate = launched,
            });
        using (var edit = await platform.Api.SendAsync(HttpMethod.Put, $"/api/networks/{network}", hub, new
        {
            name = "Focused " + Guid.NewGuid().ToString("N")[..6], aim = "Raise ninth-grade on-track rates", goalType = "EarlyWarning", launchDate = launched,
            phase = "Initiate", status = "Active", focusAreas = new[] { "attendance" },
        }))
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        await PlatformFixture.EventuallyAsync(async () =>
            Rules(await platform.Api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/warnings", hub)) is ["UnclearPurpose/no-theory"],
            PlatformFixture.EventDelivery, "the hub seats and the new focus reach Reporting");

        // Another hub cannot read them; a funder cannot call the hub endpoint.
        using (var other = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{network}/warnings", await platform.TokenAsync(PlatformFixture.LakesideAdmin)))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var funder = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{network}/warnings", await platform.TokenAsync(PlatformFixture.Funder)))
            Assert.Equal(HttpStatusCode.Forbidden, funder.StatusCode);
    }

    [Fact]
    public async Task A_survey_answered_after_its_network_year_ended_still_counts_as_that_years_data()
    {
        // Last network year: over, and the network (launched 2024) more than a year old at its end.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var year = (today.Month >= 8 ? today.Year : today.Year - 1) - 1;
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var driver = new SurveyDriver(platform, year);
        var (network, emails) = await driver.NetworkWithMembersAsync(hub, 5);
        var wave = await driver.DraftWaveAsync(hub, network, 5);
        using (var open = await platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/open", hub))
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        await driver.AllSubmitAsync(emails, 4);

        // Answered today, after the year ended: still that year's survey, so the year has data.
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var response = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{network}/warnings?year={year}", hub);
            return response.StatusCode == HttpStatusCode.OK
                && !Rules(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement).Contains("NoRecentData/no-survey-or-rubric");
        }, PlatformFixture.EventDelivery, "the late responses count for their own network year");
    }

    [Fact]
    public async Task Too_many_focus_areas_for_the_api_is_a_validation_problem()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        using var response = await platform.Api.SendAsync(HttpMethod.Post, "/api/networks", hub, new
        {
            name = "Sprawl", aim = "All", goalType = "Other", launchDate = "2024-08-01", focusAreas = Enumerable.Range(1, 11).Select(i => $"area {i}").ToArray(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("focusAreas", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
