namespace Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FunderTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_funder_sees_the_clusters_of_granted_networks_and_downloads_the_table_as_csv()
    {
        var page = await fx.SignInAsync(PlatformFixture.Funder);
        Assert.Equal("/portfolio", new Uri(page.Url).AbsolutePath);

        // A full year of the demo: every cluster card has its count, and the demo's six networks are spread over clusters.
        var lastFullYear = DateTime.UtcNow.Month >= 8 ? DateTime.UtcNow.Year - 1 : DateTime.UtcNow.Year - 2;
        await page.GotoAsync($"/portfolio?year={lastFullYear}");
        var cards = page.Locator(".cards .card");
        Assert.Equal(4, await cards.CountAsync());
        var counts = new List<int>();
        for (var i = 0; i < 4; i++) counts.Add(int.Parse(await cards.Nth(i).Locator(".figure").InnerTextAsync()));
        Assert.Equal(6, counts.Sum());
        Assert.True(counts[0] > 0 && counts[2] > 0, $"well-developed and least-developed networks expected, got {string.Join(",", counts)}");
        var byCluster = page.Locator("table:has(caption:text('Networks by cluster, and why')) tbody tr");
        Assert.Equal(6, await byCluster.CountAsync());
        await fx.ScreenshotAsync(page, "funder-dashboard");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "health table (CSV)" }).ClickAsync());
        Assert.Equal($"portfolio-health-{lastFullYear}.csv", download.SuggestedFilename);
        var lines = File.ReadAllLines((await download.PathAsync())!);
        Assert.StartsWith("NetworkId,Network,Hub,Year,Cluster", lines[0]);
        Assert.Equal(7, lines.Length);

        // Drill into one network; its profile shows aggregates only.
        await byCluster.First.GetByRole(AriaRole.Link).ClickAsync();
        Assert.StartsWith("/portfolio/networks/", new Uri(page.Url).AbsolutePath);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_funder_sees_each_networks_improvement_counts_downloads_them_and_drills_into_one()
    {
        var page = await fx.SignInAsync(PlatformFixture.Funder);
        var lastFullYear = DateTime.UtcNow.Month >= 8 ? DateTime.UtcNow.Year - 1 : DateTime.UtcNow.Year - 2;
        await page.GotoAsync($"/portfolio?year={lastFullYear}");

        // One row per granted network, counts and rates only, and what each column counts said on the page.
        var table = page.Locator("table:has(caption:text('Improvement work'))");
        var rows = table.Locator("tbody tr");
        Assert.Equal(6, await rows.CountAsync());
        var headers = await table.Locator("thead th").AllInnerTextsAsync();
        foreach (var column in new[] { "Cycles completed per team", "Teams active", "Measures improving", "Theory revised", "Coaching touchpoints per team" })
            Assert.Contains(headers, h => h.Contains(column));
        var explained = await page.Locator("#improvement-terms").InnerTextAsync();
        Assert.Contains("60 days", explained);
        Assert.Contains("direction of improvement", explained);
        Assert.True(await table.Locator("tbody td").AllInnerTextsAsync() is var cells && cells.Any(c => c.Any(char.IsDigit)), "the table has figures");
        await fx.ScreenshotAsync(page, "funder-improvement");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "improvement table (CSV)" }).ClickAsync());
        Assert.Equal($"portfolio-improvement-{lastFullYear}.csv", download.SuggestedFilename);
        var lines = File.ReadAllLines((await download.PathAsync())!);
        Assert.StartsWith("NetworkId,NetworkYear,AsOf,Teams,CyclesCompleted,CyclesCompletedPerTeam", lines[0]);
        Assert.Equal(7, lines.Length);

        // The network's own page has the same counts, each in words, and nothing of a cycle or a person.
        var first = await rows.First.Locator("th").InnerTextAsync();
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        Assert.StartsWith("/portfolio/networks/", new Uri(page.Url).AbsolutePath);
        Assert.Contains(first, await page.Locator("h1").InnerTextAsync());
        var section = page.Locator("section[aria-labelledby='improvement']");
        Assert.Contains("Improvement work", await section.Locator("h2").InnerTextAsync());
        var drill = await section.Locator("table").InnerTextAsync();
        foreach (var line in new[] { "Improvement teams", "PDSA cycles completed", "Teams active in the last 60 days", "Measures improving",
                     "Theory of improvement revised in the last 12 months", "Coaching touchpoints" })
            Assert.Contains(line, drill);
        Assert.DoesNotContain("@", await section.InnerTextAsync()); // no person
        await fx.ScreenshotAsync(page, "funder-network-improvement");
        await page.Context.CloseAsync();
    }
}
