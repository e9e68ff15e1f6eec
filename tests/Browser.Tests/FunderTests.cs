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
}
