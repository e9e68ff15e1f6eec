using System.Text;
using System.Text.Json;

namespace Browser.Tests;

/// <summary>
/// The improvement pages that consolidate the work: coaching and a team's page, cycle reviews, and the change package
/// (its printable page through the portal). Each test makes what it changes, with unique text, so reruns pass.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImprovementReviewTests(BrowserFixture fx)
{
    /// <summary>The Improvement coach of Ninth Grade On-Track in the demo (DemoPortfolio's third seat); staff3 is its data lead.</summary>
    private const string Coach = "staff2.ninthgradeontrack@hub.demo";

    /// <summary>The network's address in the portal, as the networks list links it (hub staff have no list: the address is asked of the API).</summary>
    private async Task<string> OpenNetworkAsync(IPage page, string networkName, bool staff = false)
    {
        if (staff)
        {
            var networks = await fx.Api.GetAsync<JsonElement[]>("/api/networks", await fx.TokenAsync(PlatformFixture.RiverbendAdmin));
            return $"/networks/{networks.First(n => n.GetProperty("name").GetString() == networkName).GetProperty("id").GetGuid()}";
        }
        await page.GotoAsync("/networks");
        return (await page.GetByRole(AriaRole.Link, new() { Name = networkName, Exact = true }).GetAttributeAsync("href"))!;
    }

    [Fact]
    public async Task A_coach_logs_a_touchpoint_and_comments_on_a_cycle_and_the_teams_page_shows_both()
    {
        var page = await fx.SignInAsync(Coach);
        var network = await OpenNetworkAsync(page, "Ninth Grade On-Track", staff: true);
        // A team with a cycle: the one of the first cycle listed (the cycles list links team names to the team's page).
        await page.GotoAsync(network + "/improvement/cycles");
        var teamPath = (await page.Locator("main table a[href*='/improvement/teams/']").First.GetAttributeAsync("href"))!;
        var teamId = teamPath.Split('/')[^1];

        await page.GetByRole(AriaRole.Link, new() { Name = "Coaching", Exact = true }).ClickAsync();
        await page.Locator("#touchpoint-team").SelectOptionAsync(teamId);
        // A date to come is refused by name, beside the field.
        await page.GetByLabel("Date of the touchpoint").FillAsync(DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"));
        var focus = $"Reading the tally sheets {Guid.NewGuid():N}"[..34];
        await page.GetByLabel("Focus").FillAsync(focus);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log the touchpoint" }).ClickAsync();
        Assert.Contains("the date is in the future", await page.Locator("#touchpoint-on-problem").InnerTextAsync());
        Assert.Equal(focus, await page.GetByLabel("Focus").InputValueAsync());

        await page.GetByLabel("Date of the touchpoint").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await page.GetByLabel("What was agreed").FillAsync("The team lead brings this month's tally sheets.");
        await page.GetByLabel("Next step").FillAsync("Plan a cycle on the Monday check-in.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log the touchpoint" }).ClickAsync();
        Assert.Contains("is logged", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        var row = page.Locator("main table tr", new() { HasText = focus });
        Assert.Contains(Coach, await row.InnerTextAsync());

        // From the touchpoint to the team's page, on to one of its cycles, and a comment there.
        await row.GetByRole(AriaRole.Link).ClickAsync();
        Assert.Equal(teamPath, new Uri(page.Url).AbsolutePath);
        await page.Locator("main table a[href*='/improvement/cycles/']").First.ClickAsync();
        var comment = $"Good predictions; count the tardies daily {Guid.NewGuid():N}"[..50];
        await page.GetByLabel("Your comment").FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the comment" }).ClickAsync();
        Assert.Contains("The comment is added.", await page.GetByRole(AriaRole.Status).InnerTextAsync());

        await page.GotoAsync(teamPath);
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains(focus, main);
        Assert.Contains(comment, main);
        await fx.ScreenshotAsync(page, "improvement-team");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Hub_staff_without_a_coach_seat_read_the_touchpoints_and_are_told_plainly_they_cannot_log_one()
    {
        var page = await fx.SignInAsync(BrowserFixture.HubStaff); // the data lead of Ninth Grade On-Track
        var network = await OpenNetworkAsync(page, "Ninth Grade On-Track", staff: true);
        await page.GotoAsync(network + "/improvement/coaching");
        Assert.True(await page.Locator("main table tbody tr").CountAsync() > 0, "the demo's touchpoints are listed");
        await page.Locator("#touchpoint-team").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Focus").FillAsync("Looking at the attendance data");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log the touchpoint" }).ClickAsync();
        Assert.Contains("coach seat", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        Assert.EndsWith("/improvement/coaching", new Uri(page.Url).AbsolutePath);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_cycle_review_spreads_a_change_idea_and_its_page_then_says_spreading()
    {
        // A change idea of this test's own, tested by one finished cycle, so it is on the agenda.
        var token = await fx.TokenAsync(PlatformFixture.RiverbendAdmin);
        var networkId = (await fx.Api.GetAsync<JsonElement[]>("/api/networks", token)).First(n => n.GetProperty("name").GetString() == "Algebra for All").GetProperty("id").GetGuid();
        var root = $"/api/improvement/networks/{networkId}";
        var title = $"Warm-up problems {Guid.NewGuid():N}"[..28];
        var idea = (await fx.Api.PostAsync<JsonElement>($"{root}/change-ideas", token, new { title, description = "A short problem at the door." })).GetProperty("id").GetGuid();
        var team = (await fx.Api.GetAsync<JsonElement[]>($"/api/networks/{networkId}/teams", token))[0].GetProperty("id").GetGuid();
        var cycle = (await fx.Api.PostAsync<JsonElement>($"{root}/cycles", token, new
        {
            teamId = team, changeIdeaId = idea, title = title + ", cycle 1", objective = "Do warm-ups settle the class faster?",
            questions = new[] { new { question = "Will the class settle in five minutes?", prediction = "Yes, most days" } },
            plan = new { who = "Two teachers", where = "Algebra I", when = "Two weeks", dataToCollect = "Minutes to settle" },
        })).GetProperty("cycle").GetProperty("id").GetGuid();
        // A measure linked to it, with data, so the agenda shows its chart.
        var measure = (await fx.Api.PostAsync<JsonElement>($"{root}/measures", token, new
        {
            name = title + " settle time", kind = "Process", chart = "Run", definition = "Minutes from the bell to the class working, per week.", direction = "Down",
            changeIdeaIds = new[] { idea },
        })).GetProperty("id").GetGuid();
        using (var points = await fx.Api.SendAsync(HttpMethod.Put, $"/api/improvement/measures/{measure}/points", token,
                   Enumerable.Range(0, 12).Select(i => new { period = new DateOnly(2025, 1, 6).AddDays(7 * i), numerator = 9.0 - i % 3 }).ToArray()))
            Assert.True(points.IsSuccessStatusCode, await points.Content.ReadAsStringAsync());
        foreach (var (step, body) in new (string, object)[]
        {
            ("start", new { }), ("observations", new { on = DateTime.UtcNow.ToString("yyyy-MM-dd"), text = "Ran it every day." }),
            ("study", new { findings = new[] { new { questionIndex = 0, whatHappened = "Settled in four minutes.", matchedPrediction = "Yes" } } }),
            ("act", new { decision = "Adopt", nextStep = "Share it at the review." }),
        })
        {
            using var response = await fx.Api.SendAsync(HttpMethod.Post, $"{root}/cycles/{cycle}/{step}", token, body);
            Assert.True(response.IsSuccessStatusCode, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        var network = await OpenNetworkAsync(page, "Algebra for All");
        await page.GotoAsync(network);
        await page.GetByRole(AriaRole.Link, new() { Name = "Improvement", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Cycle reviews", Exact = true }).ClickAsync();
        Assert.Equal(network + "/improvement/reviews", new Uri(page.Url).AbsolutePath);
        var group = page.Locator("section.agenda-group", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });
        Assert.Contains(title + ", cycle 1", await group.InnerTextAsync());
        Assert.Contains("1 cycle by 1 team; decided: adopt 1", await group.InnerTextAsync());
        Assert.Equal(1, await group.Locator(".chart svg").CountAsync());
        Assert.Contains(title + " settle time", await group.InnerTextAsync());

        // A synthesis of spaces is refused by name; what was chosen stays.
        await page.GetByLabel($"Decision on {title}").SelectOptionAsync("Spreading");
        await page.GetByLabel($"Note on {title}").FillAsync("Every algebra class next term.");
        await page.GetByLabel("What the network learned").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
        Assert.Contains("Say what the network learned", await page.Locator("#review-synthesis-problem").InnerTextAsync());
        Assert.Equal("Spreading", await page.GetByLabel($"Decision on {title}").InputValueAsync());

        await page.GetByLabel("What the network learned").FillAsync($"\"{title}\" settled every class it was tried in: spread it.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
        Assert.Contains("is recorded", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Matches("/improvement/reviews/[0-9a-f-]{36}$", new Uri(page.Url).AbsolutePath);
        var decision = page.Locator("main table tr", new() { HasText = title });
        Assert.Contains("Spreading", await decision.InnerTextAsync());
        await fx.ScreenshotAsync(page, "improvement-review");

        // The change idea now says spreading; the review is listed among the past ones.
        await decision.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        Assert.Equal("Spreading", await page.Locator("dl.facts dd").First.InnerTextAsync());
        await page.GotoAsync(network + "/improvement/reviews");
        Assert.Matches($"{title}: [A-Za-z]+ to Spreading", await page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Past reviews" }) }).InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_change_package_opens_from_the_portal_downloads_and_prints()
    {
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        var network = await OpenNetworkAsync(page, "Ninth Grade On-Track");
        await page.GotoAsync(network + "/improvement/change-package");
        // The demo's review spread the first change idea: the package shares it.
        Assert.Contains("Spreading", await page.Locator("main table").First.InnerTextAsync());

        // Printed from the portal, the page leaves its navigation out.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("header.top, .top").First.IsVisibleAsync());
        Assert.False(await page.GetByRole(AriaRole.Navigation, new() { Name = "Improvement sections" }).IsVisibleAsync());
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download" }).ClickAsync());
        Assert.Matches("^change-package-ninth-grade-on-track-[0-9-]{10}\\.html$", download.SuggestedFilename);
        var saved = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("change package</h1>", saved);

        await page.GetByRole(AriaRole.Link, new() { Name = "Open printable page" }).ClickAsync();
        Assert.Equal($"/reports{network}/change-package", new Uri(page.Url).AbsolutePath);
        Assert.Contains("change package", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(0, await page.Locator("nav").CountAsync());
        Assert.True(await page.Locator("figure svg").CountAsync() > 0, "the charts are in the page");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 10_000, $"the PDF has {pdf.Length} bytes");
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        await fx.ScreenshotAsync(page, "improvement-change-package-print");
        await page.Context.CloseAsync();
    }
}
