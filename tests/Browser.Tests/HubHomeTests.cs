using System.Text.Json;
using Platform.Local;

namespace Browser.Tests;

/// <summary>
/// The landing pages: the hub team's "what needs attention this week" (/hub) and the member's "My team" (/my-team).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HubHomeTests(BrowserFixture fx)
{
    [Fact]
    public async Task The_hub_admin_lands_on_the_hub_home_and_sees_the_open_wave_and_an_overdue_cycle_linked()
    {
        var hub = await fx.TokenAsync(PlatformFixture.RiverbendAdmin);
        var network = (await fx.Api.GetAsync<JsonElement[]>("/api/networks", hub)).First(n => n.GetProperty("name").GetString() == "Ninth Grade On-Track");
        var networkId = network.GetProperty("id").GetGuid();
        var team = (await fx.Api.GetAsync<JsonElement[]>($"/api/networks/{networkId}/teams", hub))[0].GetProperty("id").GetGuid();
        var title = $"Stalled check-ins {Guid.NewGuid():N}"[..28];
        var created = await fx.Api.PostAsync<JsonElement>($"/api/improvement/networks/{networkId}/cycles", hub, new
        {
            teamId = team, title, objective = "Do weekly check-ins reach every advisee?",
            questions = new[] { new { question = "Will every advisee be seen?", prediction = "Yes, 9 in 10" } }, plan = new { who = "Advisors" },
        });
        var cycle = created.GetProperty("cycle").GetProperty("id").GetGuid();
        // Recorded afterwards: it started 45 days ago and is still in Do.
        await fx.Api.PostAsync<JsonElement>($"/api/improvement/networks/{networkId}/cycles/{cycle}/start", hub,
            new { on = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-45) });

        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        Assert.Equal("/hub", new Uri(page.Url).AbsolutePath);
        var section = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Ninth Grade On-Track" }) });
        var overdue = section.GetByRole(AriaRole.Link, new() { Name = title });
        Assert.Equal($"/networks/{networkId}/improvement/cycles/{cycle}", await overdue.GetAttributeAsync("href"));
        Assert.Contains("for 45 days", await section.Locator("li", new() { Has = overdue }).InnerTextAsync());
        var wave = page.Locator("main a[href^='/surveys/waves/']").First;
        Assert.Matches(@"^Survey wave \d{4}-\d{2}$", await wave.InnerTextAsync());
        Assert.Matches(@"\d+% responded .*(days? left|closes today)", await page.Locator("li", new() { Has = wave }).InnerTextAsync());
        await fx.ScreenshotAsync(page, "hub-home");
        // The networks list stays one click away.
        await page.GetByRole(AriaRole.Link, new() { Name = "Networks", Exact = true }).ClickAsync();
        Assert.Equal("/networks", new Uri(page.Url).AbsolutePath);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_with_nothing_pending_is_told_so_plainly()
    {
        // A new hub with one young network that has an aim and two core hub seats: no warning, wave, cycle, step or invitation.
        var admin = await fx.TokenAsync(PlatformFixture.PlatformAdmin);
        var tenant = (await fx.Api.PostAsync<JsonElement>("/api/tenants", admin,
            new { name = "Quiet Hub " + Guid.NewGuid().ToString("N")[..6], kind = "hub", hostType = "District" })).GetProperty("id").GetGuid();
        var email = $"quiet-{Guid.NewGuid():N}@quiet.test";
        await fx.Api.PostAsync<JsonElement>($"/api/tenants/{tenant}/users", admin, new { email, password = LocalPlatform.DemoPassword, role = "hub-admin" });
        var hub = await fx.Api.GetTokenAsync(email, LocalPlatform.DemoPassword);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var network = (await fx.Api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = "Quiet network", aim = "Every ninth grader on track", goalType = "EarlyWarning", launchDate = today })).GetProperty("id").GetGuid();
        foreach (var role in new[] { "HubLead", "ImprovementLead" })
            await fx.Api.PostAsync<JsonElement>($"/api/networks/{network}/hub-staff", hub, new
            {
                email = $"{role}-{Guid.NewGuid():N}@quiet.test", givenName = role, familyName = "Quiet", hubRole = role, core = true, startDate = today,
            });
        // Reporting learns of the seats from events: until then the network would show a warning.
        await PlatformFixture.EventuallyAsync(async () =>
            (await fx.Api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/warnings", hub)).GetProperty("warnings").GetArrayLength() == 0,
            PlatformFixture.EventDelivery, "Reporting hears of the network and its hub seats");

        var page = await fx.SignInAsync(email);
        Assert.Equal("/hub", new Uri(page.Url).AbsolutePath);
        Assert.Contains("Nothing needs attention this week across your 1 network.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Equal(0, await page.Locator("main section").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_member_lands_on_my_team_on_a_phone_starts_a_cycle_with_predictions_and_sees_it_listed()
    {
        var page = await fx.SignInAsync(BrowserFixture.Member, phone: true);
        Assert.Equal("/my-team", new Uri(page.Url).AbsolutePath);
        var team = page.Locator("section.team").First;
        var title = $"Morning greetings {Guid.NewGuid():N}"[..26];
        await team.GetByLabel("Title").FillAsync(title);
        await team.GetByLabel("Objective: what do we want to learn?").FillAsync("Does greeting each student at the door cut tardies?");
        await team.GetByLabel("Question", new() { Exact = true }).First.FillAsync("Will tardies fall in the first week?");
        await team.GetByLabel("Prediction").First.FillAsync("Yes, by a third");
        await team.GetByRole(AriaRole.Button, new() { Name = "Plan the cycle" }).ClickAsync();
        // On to the cycle's own page (built beside this one), then back to the team's list.
        await page.WaitForURLAsync(url => url.Contains("/improvement/cycles/"));
        var cyclePath = new Uri(page.Url).AbsolutePath;
        Assert.Matches("^/networks/[0-9a-f-]{36}/improvement/cycles/[0-9a-f-]{36}$", cyclePath);

        await page.GotoAsync("/my-team");
        var listed = page.GetByRole(AriaRole.Link, new() { Name = title });
        Assert.Equal(cyclePath, await listed.GetAttributeAsync("href"));
        Assert.Contains("Plan: not started", await page.Locator("tr", new() { Has = listed }).InnerTextAsync());
        // Nothing is wider than the phone's screen but the tables, which scroll in their own box.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        await fx.ScreenshotAsync(page, "member-my-team");
        await page.Context.CloseAsync();
    }
}
