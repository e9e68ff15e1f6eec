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

    [Fact]
    public async Task Hub_staff_reach_a_network_from_the_hub_home_and_see_only_the_sections_they_may_open()
    {
        var page = await fx.SignInAsync(BrowserFixture.HubStaff);
        Assert.Equal("/hub", new Uri(page.Url).AbsolutePath);
        var network = page.Locator("main h2 a").First;
        Assert.EndsWith("/health", await network.GetAttributeAsync("href"));
        await network.ClickAsync();
        Assert.DoesNotContain("forbidden", (await page.Locator("main").InnerTextAsync()).ToLowerInvariant());
        var sections = await page.GetByRole(AriaRole.Navigation, new() { Name = "Network sections" }).GetByRole(AriaRole.Link).AllInnerTextsAsync();
        Assert.Equal(["Health", "Warnings", "Improvement"], sections);
        await page.GetByRole(AriaRole.Link, new() { Name = "Improvement", Exact = true }).ClickAsync();
        Assert.Contains("/improvement/", new Uri(page.Url).AbsolutePath);
        await page.Context.CloseAsync();
    }
}
