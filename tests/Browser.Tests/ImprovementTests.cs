using System.Net;
using System.Text;
using System.Text.Json;

namespace Browser.Tests;

/// <summary>The hub's improvement pages, through the portal and the gateway with the hub admin's token (issue 27).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImprovementTests(BrowserFixture fx)
{
    private async Task<(IPage Page, string Network)> OpenAsync(string networkName)
    {
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        await page.GetByRole(AriaRole.Link, new() { Name = networkName }).ClickAsync();
        return (page, new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_hub_admin_builds_a_two_level_theory_revises_it_and_compares_the_versions()
    {
        // A network of its own: the demo's networks already have a theory, and this test starts from none.
        var token = await fx.TokenAsync(PlatformFixture.RiverbendAdmin);
        var networkId = (await fx.Api.PostAsync<JsonElement>("/api/networks", token,
            new { name = $"Algebra theory {Guid.NewGuid():N}"[..24], aim = "Ninth graders pass Algebra I", goalType = "Instructional", launchDate = "2025-08-01" })).GetProperty("id").GetGuid();
        // Improvement learns of the network from Networks' events.
        for (var i = 0; ; i++)
        {
            using var known = await fx.Api.SendAsync(HttpMethod.Get, $"/api/improvement/networks/{networkId}/change-ideas", token);
            if (known.StatusCode == HttpStatusCode.OK) break;
            Assert.True(i < 200, "Improvement did not learn of the new network within 20 s");
            await Task.Delay(100);
        }
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        var network = $"/networks/{networkId}";
        var idea = $"Warm-up problems {Guid.NewGuid():N}"[..28];
        await page.GotoAsync(network + "/improvement/change-ideas");
        await page.GetByLabel("Title").FillAsync(idea);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the change idea" }).ClickAsync();
        Assert.Contains($"The change idea \"{idea}\" is recorded.", await page.GetByRole(AriaRole.Status).InnerTextAsync());

        // The network has no theory yet: the Improvement tab opens the empty editor, which explains what to write.
        await page.GetByRole(AriaRole.Link, new() { Name = "Improvement", Exact = true }).ClickAsync();
        Assert.EndsWith("/improvement/theory/edit", new Uri(page.Url).AbsolutePath);
        Assert.Contains("has no theory of improvement yet", await page.Locator("main").InnerTextAsync());
        await page.GetByLabel("What, by how much, by when, for whom").FillAsync("90% of ninth graders pass Algebra I by June 2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a primary driver" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a primary driver" }).ClickAsync();
        await page.GetByLabel("Title of primary driver 1").FillAsync("Engaging classroom routines");
        await page.GetByLabel("Title of primary driver 2").FillAsync("Timely support");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a secondary driver under primary driver 1" }).ClickAsync();
        // The titles typed before the round trip are kept in the form.
        Assert.Equal("Timely support", await page.GetByLabel("Title of primary driver 2").InputValueAsync());
        await page.GetByLabel("Title of secondary driver 1.1").FillAsync("Daily warm-ups");
        await page.GetByRole(AriaRole.Group, new() { Name = "Change ideas under secondary driver 1.1" }).GetByLabel(idea).CheckAsync();

        // Without a reason the API refuses; its problem shows beside the reason.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save revision" }).ClickAsync();
        Assert.Contains("Say why the theory changed", await page.Locator("#reason-problem").InnerTextAsync());
        await page.GetByLabel("Why the theory changed").FillAsync("Our first theory");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save revision" }).ClickAsync();
        Assert.Contains("Version 1 of the theory is saved.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Equal(1, await page.Locator(".diagram svg[role='img'] title").CountAsync());
        var outline = await page.Locator(".outline").InnerTextAsync();
        Assert.Contains("Secondary driver: Daily warm-ups", outline);
        Assert.Contains($"Change idea: {idea}", outline);

        // Revise: rename a primary driver and move the secondary driver under the other one.
        await page.GetByRole(AriaRole.Link, new() { Name = "Revise the theory" }).ClickAsync();
        await page.GetByLabel("Title of primary driver 2").FillAsync("Timely, targeted support");
        await page.GetByLabel("Under primary driver").SelectOptionAsync(new SelectOptionValue { Label = "2. Timely support" });
        await page.GetByLabel("Why the theory changed").FillAsync("Support matters more than routines");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save revision" }).ClickAsync();
        Assert.Contains("Version 2 of the theory is saved.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        var history = page.Locator("table:has(caption:text('Versions of the theory')) tbody");
        Assert.Contains("Support matters more than routines", await history.InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Compare version 2 with 1" }).ClickAsync();
        var compare = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Version 1 compared with version 2", compare);
        Assert.Contains("\"Timely support\" is now \"Timely, targeted support\"", compare);
        Assert.Contains("\"Daily warm-ups\" moved from under \"Engaging classroom routines\" to under \"Timely, targeted support\"", compare);
        await fx.ScreenshotAsync(page, "improvement-theory-compare");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_admin_uploads_a_measure_with_a_bad_row_sees_it_then_a_good_one_and_reads_the_signal()
    {
        var (page, network) = await OpenAsync("Ninth Grade On-Track");
        await page.GotoAsync(network + "/improvement/measures");
        var name = $"Homework completed {Guid.NewGuid():N}"[..30];
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Operational definition").FillAsync("Homework handed in on time per week, counted by the teacher.");
        await page.GetByLabel("Chart", new() { Exact = true }).SelectOptionAsync("Run");
        await page.GetByLabel("Direction of improvement").SelectOptionAsync("Up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Define the measure" }).ClickAsync();
        Assert.Contains("is defined", await page.GetByRole(AriaRole.Status).InnerTextAsync());

        var rows = Enumerable.Range(0, 20).Select(i => $"{new DateOnly(2024, 1, 1).AddMonths(i):yyyy-MM-dd},{(i < 10 ? 10 + i : 40 + i)},,,").ToList();
        var bad = rows.ToList();
        bad[1] = "2024-13-01,11,,,";
        await UploadAsync(page, bad);
        var alert = page.GetByRole(AriaRole.Alert);
        Assert.Contains("nothing was stored", await alert.InnerTextAsync());
        var first = alert.Locator("tbody tr").First.Locator("td");
        Assert.Equal(["3", "period"], [await first.Nth(0).InnerTextAsync(), await first.Nth(1).InnerTextAsync()]);
        Assert.Contains("No data yet", await page.Locator("main").InnerTextAsync());
        await fx.ScreenshotAsync(page, "improvement-measure-errors");

        await UploadAsync(page, rows);
        Assert.Contains("Stored 20 points.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.StartsWith("A non-random run", await page.Locator("#latest-signal").InnerTextAsync());
        Assert.Equal(1, await page.Locator(".chart svg[role='img']").CountAsync());
        Assert.Equal(20, await page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "The measure's data" }) }).Locator("tbody tr").CountAsync());

        // The measures page shows it among the small multiples, with the same signal in words.
        await page.GetByRole(AriaRole.Link, new() { Name = "Measures", Exact = true }).ClickAsync();
        var card = page.Locator("section.card", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name }) });
        Assert.StartsWith("A non-random run", await card.Locator(".signal").InnerTextAsync());
        await fx.ScreenshotAsync(page, "improvement-measures");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_admin_plans_a_cycle_and_cannot_start_it_without_a_prediction()
    {
        var (page, network) = await OpenAsync("College Match Network");
        await page.GotoAsync(network + "/improvement/cycles");
        await page.Locator("#plan-team").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("FAFSA nights");
        await page.GetByLabel("Objective").FillAsync("Find out whether an evening session raises FAFSA completion.");
        await page.GetByLabel("Question 1", new() { Exact = true }).FillAsync("How many families come?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan the cycle" }).ClickAsync();
        Assert.Contains("The cycle \"FAFSA nights\" is planned.", await page.GetByRole(AriaRole.Status).InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Start the cycle" }).ClickAsync();
        Assert.Contains("needs a prediction", await page.Locator("#question-prediction-1-problem").InnerTextAsync());
        Assert.Equal("Plan", await page.Locator(".steps li[aria-current='step']").InnerTextAsync());

        // With a prediction it starts.
        await page.GetByLabel("Prediction for question 1").FillAsync("About 20 families.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the cycle" }).ClickAsync();
        Assert.Contains("The cycle has started", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Equal("Do", await page.Locator(".steps li[aria-current='step']").InnerTextAsync());
        await fx.ScreenshotAsync(page, "improvement-cycle");
        await page.Context.CloseAsync();
    }

    private static async Task UploadAsync(IPage page, IEnumerable<string> rows)
    {
        await page.GetByLabel("Data file").SetInputFilesAsync(new FilePayload
        {
            Name = "points.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("period,numerator,denominator,excluded,note\n" + string.Join("\n", rows) + "\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload the data" }).ClickAsync();
    }
}
