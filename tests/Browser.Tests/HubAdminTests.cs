using System.Text;
using System.Text.Json;

namespace Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class HubAdminTests(BrowserFixture fx)
{
    private const string Header = "email,given_name,family_name,school,district,team,role,start_date,end_date\n";

    [Fact]
    public async Task A_hub_admin_uploads_a_roster_with_errors_sees_each_one_then_imports_a_good_one()
    {
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Networks", Exact = true }).ClickAsync(); // from the hub home, by the main navigation
        await page.GetByRole(AriaRole.Link, new() { Name = "Algebra for All" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Roster import" }).ClickAsync();

        await UploadAsync(page, Header +
            "not-an-email,Ada,Bad,Browser School,Browser District,Browser team,TeamMember,2025-09-01,\n" +
            "ok.person@browser.test,Ok,Person,Browser School,Browser District,Browser team,Wizard,2025-09-01,\n");
        var alert = page.GetByRole(AriaRole.Alert);
        Assert.Contains("2 problems; nothing was imported", await alert.InnerTextAsync());
        var rows = alert.Locator("tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Equal(["2", "email"], [await rows.Nth(0).Locator("td").Nth(0).InnerTextAsync(), await rows.Nth(0).Locator("td").Nth(1).InnerTextAsync()]);
        Assert.Equal(["3", "role"], [await rows.Nth(1).Locator("td").Nth(0).InnerTextAsync(), await rows.Nth(1).Locator("td").Nth(1).InnerTextAsync()]);
        await fx.ScreenshotAsync(page, "hub-roster-errors");
        Assert.False(await MemberExistsAsync(page, "ok.person@browser.test"));

        await UploadAsync(page, Header +
            "first.person@browser.test,First,Person,Browser School,Browser District,Browser team,TeamMember,2025-09-01,\n" +
            "ok.person@browser.test,Ok,Person,Browser School,Browser District,Browser team,TeamLead,2025-09-01,\n");
        Assert.Contains("Imported 2 rows", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.True(await MemberExistsAsync(page, "ok.person@browser.test"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_admin_sees_stability_with_its_history_chart_and_table()
    {
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Networks", Exact = true }).ClickAsync(); // from the hub home, by the main navigation
        await page.GetByRole(AriaRole.Link, new() { Name = "Ninth Grade On-Track" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Hub staff and stability" }).ClickAsync();
        Assert.True(await page.Locator(".chart svg[role='img']").CountAsync() > 0);
        // The history table has a row per network year since launch (2018).
        Assert.True(await page.Locator("table:has(caption:text('Stability by network year')) tbody tr").CountAsync() >= 5);
        await fx.ScreenshotAsync(page, "hub-stability");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_admin_reads_the_health_profile_and_opens_the_printable_feedback_report()
    {
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Networks", Exact = true }).ClickAsync(); // from the hub home, by the main navigation
        await page.GetByRole(AriaRole.Link, new() { Name = "College Match Network" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Health", Exact = true }).ClickAsync();
        var year = DateTime.UtcNow.Month >= 8 ? DateTime.UtcNow.Year - 1 : DateTime.UtcNow.Year - 2;
        await page.GotoAsync(new Uri(page.Url).AbsolutePath + $"?year={year}");
        Assert.Contains("Hub leadership", await page.Locator("main table").First.InnerTextAsync());

        // The report is the Reporting service's own printable page, passed through with the hub admin's token.
        await page.GetByRole(AriaRole.Link, new() { Name = "Printable feedback report" }).ClickAsync();
        Assert.Contains("/reports/networks/", page.Url);
        Assert.Contains("College Match Network", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.Locator("svg[role='img']").CountAsync() > 0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_admin_sees_what_members_said_beside_what_the_network_did()
    {
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Networks", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ninth Grade On-Track" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Health", Exact = true }).ClickAsync();

        // Next to the survey's continuous-improvement domain: the cycles and measures of the same network year, and a verdict in words.
        var section = page.Locator("section[aria-labelledby='improvement-activity']");
        Assert.Equal("Improvement activity", (await section.Locator("h2").InnerTextAsync()).Split(',')[0]);
        var said = await section.Locator("[data-said]").InnerTextAsync();
        Assert.Contains("Continuous-improvement processes", said);
        var did = await section.Locator("[data-did]").InnerTextAsync();
        foreach (var figure in new[] { "PDSA cycles completed", "PDSA cycles started", "Teams active", "Measures improving" }) Assert.Contains(figure, did);
        var finding = await section.Locator("[data-finding]").InnerTextAsync();
        Assert.Matches("agree|not compared|cannot be set beside", finding);
        await fx.ScreenshotAsync(page, "hub-health-improvement");

        // The printable report has the same section and finding.
        await page.GetByRole(AriaRole.Link, new() { Name = "Printable feedback report" }).ClickAsync();
        Assert.Contains("Improvement activity", await page.Locator("#improvement").InnerTextAsync());
        Assert.Contains(finding.Trim(), await page.Locator("section[aria-labelledby='improvement']").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_admin_invites_an_educator_who_joins_from_the_mailed_link_and_signs_in()
    {
        var email = $"newcomer-{Guid.NewGuid():N}@browser.test";
        var hub = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        await hub.GetByRole(AriaRole.Link, new() { Name = "Networks", Exact = true }).ClickAsync(); // from the hub home, by the main navigation
        await hub.GetByRole(AriaRole.Link, new() { Name = "Algebra for All" }).ClickAsync();
        await hub.GetByRole(AriaRole.Link, new() { Name = "Invitations" }).ClickAsync();
        await hub.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await hub.GetByLabel("Role").SelectOptionAsync("TeamMember");
        await hub.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        Assert.Contains(email, await hub.Locator("main table").First.InnerTextAsync());
        await hub.Context.CloseAsync();

        // The invitee follows the link in the mail, names themself and chooses a password.
        string link = "";
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var mail = (await fx.MailAsync()).LastOrDefault(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == email));
            link = mail.ValueKind == System.Text.Json.JsonValueKind.Object
                ? System.Text.RegularExpressions.Regex.Match(mail.GetProperty("text").GetString()!, @"http\S+/invitations/[A-Za-z0-9_-]+").Value : "";
            return link.Length > 0;
        }, PlatformFixture.EventDelivery, "the invitation mail arrives");
        var invitee = await (await fx.NewContextAsync(phone: true)).NewPageAsync();
        await invitee.GotoAsync(link);
        await invitee.GetByLabel("Given name").FillAsync("Nia");
        await invitee.GetByLabel("Family name").FillAsync("Cole");
        await invitee.GetByLabel("Password").FillAsync("Newcomer-pass-1");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Join the network" }).ClickAsync();
        Assert.StartsWith("Welcome to Algebra for All", await invitee.Locator("h1").InnerTextAsync());

        await invitee.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).Last.ClickAsync();
        await invitee.GetByLabel("Email").FillAsync(email);
        await invitee.GetByLabel("Password").FillAsync("Newcomer-pass-1");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await invitee.WaitForURLAsync(url => !url.Contains("/connect/") && !url.Contains("/signin-oidc"));
        // A member lands on their team's page; this one was invited with no team, and is told so.
        Assert.Equal("/my-team", new Uri(invitee.Url).AbsolutePath);
        Assert.Contains("You are not on an improvement team", await invitee.Locator("main").InnerTextAsync());
        await invitee.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_staff_member_rates_the_open_session_and_keeps_a_private_reflection()
    {
        var page = await fx.SignInAsync(BrowserFixture.HubStaff);
        Assert.Equal("/hub", new Uri(page.Url).AbsolutePath);
        await page.GetByRole(AriaRole.Link, new() { Name = "Leadership rubric", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Hub practice reflection (this term)" }).ClickAsync();
        // One look-for rated at level 3, saved, and shown as saved.
        var first = page.Locator("form fieldset").First;
        await first.GetByRole(AriaRole.Radio).Nth(2).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my ratings" }).First.ClickAsync();
        Assert.Contains("you have rated 1 of", await page.Locator("main").InnerTextAsync());
        await page.GetByText("Rate the look-fors").ClickAsync(); // the saved form folds away; open it again
        Assert.True(await page.Locator("form fieldset").First.GetByRole(AriaRole.Radio).Nth(2).IsCheckedAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "My reflection" }).ClickAsync();
        Assert.Contains("only you can see your ratings", await page.Locator("main").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Start my reflection" }).ClickAsync();
        await page.Locator("form fieldset").First.GetByRole(AriaRole.Radio).Nth(3).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my ratings" }).First.ClickAsync();
        Assert.Contains("In progress: 1 of", await page.Locator("main").InnerTextAsync());
        await fx.ScreenshotAsync(page, "staff-reflection");
        await page.Context.CloseAsync();
    }

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.GetByLabel("Roster file").SetInputFilesAsync(new FilePayload { Name = "roster.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import roster" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>Whether the person is on the network's current member list, as the API (not the page) says.</summary>
    private async Task<bool> MemberExistsAsync(IPage page, string email)
    {
        var network = new Uri(page.Url).AbsolutePath.Split('/')[2];
        var members = await fx.Api.GetAsync<JsonElement[]>($"/api/networks/{network}/members", await fx.TokenAsync(PlatformFixture.RiverbendAdmin));
        return members.Any(m => m.GetProperty("email").GetString() == email);
    }
}
