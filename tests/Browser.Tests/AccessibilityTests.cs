using System.Text.Json;
using Platform.Local;

namespace Browser.Tests;

/// <summary>
/// axe-core (from npm, injected by Playwright) finds no serious or critical WCAG 2.1 A/AA violation on the main pages of
/// each role; each page is also kept as a screenshot for review.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fx)
{
    private static readonly string AxeScript = Path.Combine(RepositoryRoot.Find(), ".tools", "node_modules", "axe-core", "axe.min.js");

    [Fact]
    public async Task The_sign_in_and_survey_pages_have_no_serious_violations()
    {
        // axe is injected as a script of the test's own, which the pages' CSP refuses: these contexts bypass it.
        var page = await (await fx.NewContextAsync(bypassCsp: true)).NewPageAsync();
        await page.GotoAsync("/account/login");
        await AssertAccessibleAsync(page, "sign-in");
        await page.GotoAsync(await fx.SurveyLinkAsync(BrowserFixture.Member));
        await AssertAccessibleAsync(page, "survey");
        await page.GotoAsync(await fx.SurveyLinkAsync(BrowserFixture.Member) + "?lang=es");
        Assert.Equal(1, await page.Locator("div[lang=es]").CountAsync());
        await AssertAccessibleAsync(page, "survey-es");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_hub_admin_pages_have_no_serious_violations()
    {
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin, bypassCsp: true);
        await AssertAccessibleAsync(page, "hub-home");
        await page.GotoAsync("/networks");
        await AssertAccessibleAsync(page, "hub-networks");
        var network = (await page.Locator("table a[href^='/networks/']").First.GetAttributeAsync("href"))!;
        foreach (var section in new[] { "", "/organizations", "/members", "/roster", "/invitations", "/staff", "/grants", "/health", "/warnings" })
        {
            await page.GotoAsync(network + section);
            await AssertAccessibleAsync(page, "hub-network" + section.Replace('/', '-'));
        }
        foreach (var path in new[] { "/surveys", "/leadership", "/audit" })
        {
            await page.GotoAsync(path);
            await AssertAccessibleAsync(page, "hub" + path.Replace('/', '-'));
        }
        // A closed wave: its progress and the members' comments (the demo's earlier waves are closed).
        await page.GotoAsync("/surveys");
        await page.Locator("tr:has(td:text-is('Closed')) a[href^='/surveys/waves/']").First.ClickAsync();
        await page.Locator("section h3").First.WaitForAsync();
        Assert.Equal("In members' words", await page.Locator("h2#comments").TextContentAsync());
        await AssertAccessibleAsync(page, "hub-survey-wave-closed");
        // The printable feedback report of that wave's year gains "In members' words" (the portal adds it from Surveys),
        // before the debrief questions, with at most five comments per question.
        var token = await fx.TokenAsync(PlatformFixture.RiverbendAdmin);
        var wave = await fx.Api.GetAsync<JsonElement>("/api/surveys/waves/" + page.Url.Split('/').Last(), token);
        await page.GotoAsync($"/reports/networks/{wave.GetProperty("networkId")}/feedback-report?year={wave.GetProperty("networkYear")}");
        Assert.Equal("In members' words", await page.Locator("h2#members-words").TextContentAsync());
        Assert.Equal(1, await page.Locator("h2#members-words + * ~ h2#debrief").CountAsync());
        foreach (var list in await page.Locator("h2#members-words ~ ul").AllAsync()) Assert.InRange(await list.Locator("li").CountAsync(), 1, 5);
        await AssertAccessibleAsync(page, "hub-feedback-report-members-words");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_admin_puts_an_open_wave_on_a_reminder_schedule()
    {
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin, bypassCsp: true);
        await page.GotoAsync("/surveys");
        await page.Locator("tr:has(td:text-is('Open')) a[href^='/surveys/waves/']").First.ClickAsync();
        // The zone offered first is the network's (the demo's are on Eastern time); a zone the list lacks (sent by a
        // tampered form) is refused by the API, by name.
        Assert.Equal("America/New_York", await page.Locator("#zone").InputValueAsync());
        await page.Locator("#zone").EvaluateAsync("s => { s.add(new Option('Mars/Olympus', 'Mars/Olympus')); s.value = 'Mars/Olympus'; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reminders on this schedule" }).ClickAsync();
        await page.Locator("[role=alert]").Filter(new() { HasText = "is not a time zone" }).WaitForAsync();
        await page.Locator("#zone").SelectOptionAsync("America/Chicago");
        await page.Locator("#hour").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reminders on this schedule" }).ClickAsync();
        await page.GetByText("The reminder schedule is saved.").WaitForAsync();
        Assert.Contains("at 8:00 (America/Chicago)", await page.Locator("h2#reminders + p").TextContentAsync());
        await AssertAccessibleAsync(page, "hub-survey-wave-open-reminders");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop the schedule" }).ClickAsync();
        await page.GetByText("Reminders now go only when you send them.").WaitForAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Hub_staff_read_members_words_from_a_seat_in_the_network_and_only_there()
    {
        // A closed wave of Riverbend's, and two hub-staff logins: one with a seat in its network, one with none.
        var hub = await fx.TokenAsync(PlatformFixture.RiverbendAdmin);
        var wave = (await fx.Api.GetAsync<JsonElement[]>("/api/surveys/waves", hub)).First(w => w.GetProperty("status").GetString() == "Closed");
        var (waveId, network) = (wave.GetProperty("id").GetGuid(), wave.GetProperty("networkId").GetGuid());
        var admin = await fx.TokenAsync(PlatformFixture.PlatformAdmin);
        async Task<string> StaffAsync(bool seated)
        {
            var email = $"staff-{Guid.NewGuid():N}@riverbend.test";
            if (seated)
                await fx.Api.PostAsync<JsonElement>($"/api/networks/{network}/hub-staff", hub,
                    new { email, givenName = "Dana", familyName = "Lead", hubRole = "DataLead", core = false, startDate = "2020-01-01" });
            await fx.Api.PostAsync<JsonElement>($"/api/tenants/{PlatformFixture.TenantOf(hub)}/users", admin, new { email, password = LocalPlatform.DemoPassword, role = "hub-staff" });
            return email;
        }
        var seated = await StaffAsync(seated: true);
        var unseated = await StaffAsync(seated: false);
        var seatedToken = await fx.Api.GetTokenAsync(seated, LocalPlatform.DemoPassword);
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await fx.Api.SendAsync(HttpMethod.Get, $"/api/surveys/waves/{waveId}/comments", seatedToken);
            return r.IsSuccessStatusCode;
        }, PlatformFixture.EventDelivery, "Surveys hears of the seat");

        // Through the menu: Surveys, the wave, its comments; nothing to run.
        var page = await fx.SignInAsync(seated, bypassCsp: true);
        await page.GetByRole(AriaRole.Link, new() { Name = "Surveys" }).ClickAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Create draft wave" }).CountAsync());
        await AssertAccessibleAsync(page, "hub-staff-surveys");
        await page.Locator($"a[href='/surveys/waves/{waveId}/comments']").ClickAsync();
        await page.Locator("section h3").First.WaitForAsync();
        Assert.Equal("In members' words", await page.Locator("h2#comments").TextContentAsync());
        await AssertAccessibleAsync(page, "hub-staff-members-words");
        await page.Context.CloseAsync();

        // Without a seat the page says why, and shows no comment.
        page = await fx.SignInAsync(unseated, bypassCsp: true);
        await page.GotoAsync($"/surveys/waves/{waveId}/comments");
        await page.GetByText("hub staff who hold a seat in this network").WaitForAsync();
        Assert.Equal(0, await page.Locator("ul.comments li").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_admin_creates_a_draft_wave_in_the_languages_chosen()
    {
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin, bypassCsp: true);
        await page.GotoAsync("/surveys");
        Assert.True(await page.Locator("input[name='Input.Languages'][value='en,es']").IsCheckedAsync(), "both languages are the default");
        await AssertAccessibleAsync(page, "hub-surveys-create");
        await page.Locator("input[name='Input.Languages'][value='en']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft wave" }).ClickAsync();
        await page.GetByText("The draft wave is created.").WaitForAsync();
        Assert.Matches(@"in English\s*$", (await page.Locator("p").Filter(new() { HasText = "· opens" }).TextContentAsync())!);
        var wave = await fx.Api.GetAsync<JsonElement>("/api/surveys/waves/" + page.Url.Split('/').Last().Split('?')[0], await fx.TokenAsync(PlatformFixture.RiverbendAdmin));
        Assert.Equal(["en"], wave.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        // A draft's reminders can be scheduled before it opens; the first is timed at the opening.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reminders on this schedule" }).ClickAsync();
        await page.GetByText("The first is timed when the wave opens.").WaitForAsync();
        await AssertAccessibleAsync(page, "hub-survey-wave-draft");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_improvement_pages_have_no_serious_violations()
    {
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin, bypassCsp: true);
        await page.GotoAsync("/networks");
        var network = (await page.Locator("table a[href^='/networks/']").First.GetAttributeAsync("href"))!;
        foreach (var section in new[] { "/improvement/theory", "/improvement/theory/edit", "/improvement/change-ideas", "/improvement/cycles", "/improvement/measures",
                     "/improvement/reviews", "/improvement/coaching", "/improvement/change-package" })
        {
            await page.GotoAsync(network + section);
            await AssertAccessibleAsync(page, "hub-network" + section.Replace('/', '-'));
        }
        // A page of each kind, once there is one (ImprovementTests make them; the demo seeds a review and touchpoints with teams).
        foreach (var (list, kind) in new[] { ("/improvement/cycles", "cycles"), ("/improvement/measures", "measures"), ("/improvement/change-ideas", "change-ideas"),
                     ("/improvement/reviews", "reviews"), ("/improvement/coaching", "teams") })
        {
            await page.GotoAsync(network + list);
            if (await page.Locator($"main a[href*='/improvement/{kind}/']").CountAsync() == 0) continue;
            await page.GotoAsync((await page.Locator($"main a[href*='/improvement/{kind}/']").First.GetAttributeAsync("href"))!);
            await AssertAccessibleAsync(page, "hub-network-improvement-" + kind + "-one");
        }
        // The change package's printable page, as the portal passes it on.
        await page.GotoAsync("/reports" + network + "/change-package");
        await AssertAccessibleAsync(page, "hub-network-change-package-printable");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_funder_and_platform_admin_pages_have_no_serious_violations()
    {
        var funder = await fx.SignInAsync(PlatformFixture.Funder, bypassCsp: true);
        foreach (var path in new[] { "/portfolio", "/portfolio/structure", "/portfolio/trend" })
        {
            await funder.GotoAsync(path);
            await AssertAccessibleAsync(funder, "funder" + path.Replace('/', '-'));
        }
        // A network's own page, from the improvement table (the drill-in).
        await funder.GotoAsync("/portfolio");
        await funder.GotoAsync((await funder.Locator("table:has(caption:text('Improvement work')) a[href^='/portfolio/networks/']").First.GetAttributeAsync("href"))!);
        await AssertAccessibleAsync(funder, "funder-network");
        await funder.Context.CloseAsync();

        var admin = await fx.SignInAsync(PlatformFixture.PlatformAdmin, bypassCsp: true);
        await AssertAccessibleAsync(admin, "admin-tenants");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Riverbend Improvement Hub" }).ClickAsync();
        Assert.Contains(PlatformFixture.RiverbendAdmin, await admin.Locator("table").InnerTextAsync());
        await AssertAccessibleAsync(admin, "admin-tenant-users");
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task The_members_team_page_has_no_serious_violations_on_a_phone()
    {
        var page = await fx.SignInAsync(BrowserFixture.Member, phone: true, bypassCsp: true);
        Assert.Equal("/my-team", new Uri(page.Url).AbsolutePath);
        await AssertAccessibleAsync(page, "member-my-team");
        await page.Context.CloseAsync();
    }

    private async Task AssertAccessibleAsync(IPage page, string name)
    {
        await fx.ScreenshotAsync(page, name);
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))");
        var violations = result.EnumerateArray().Select(v => $"{v.GetProperty("impact")} {v.GetProperty("id")}: {v.GetProperty("help")} at {v.GetProperty("nodes")}").ToList();
        Assert.True(violations.Count == 0, $"{name} ({page.Url}):\n" + string.Join("\n", violations));
    }
}
