namespace Browser.Tests;

/// <summary>Each demo role signs in through Identity and lands on its own home page; the portal hides nothing the API allows and shows nothing it refuses.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fx)
{
    [Theory]
    [InlineData(PlatformFixture.RiverbendAdmin, "/hub", "What needs attention this week")]
    [InlineData(PlatformFixture.Funder, "/portfolio", "Portfolio")]
    [InlineData(PlatformFixture.PlatformAdmin, "/admin/tenants", "Tenants")]
    [InlineData(BrowserFixture.Member, "/my-team", "My team")]
    [InlineData(BrowserFixture.HubStaff, "/hub", "What needs attention this week")]
    public async Task Each_role_signs_in_and_reaches_its_home_page(string email, string home, string heading)
    {
        var page = await fx.SignInAsync(email);
        Assert.Equal(home, new Uri(page.Url).AbsolutePath);
        Assert.Contains(heading, await page.Locator("h1").InnerTextAsync());
        Assert.Contains(email, await page.Locator("header").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First.WaitForAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_admin_opening_another_hubs_network_gets_the_not_found_page()
    {
        var lakeside = await fx.SignInAsync(PlatformFixture.LakesideAdmin);
        await lakeside.GotoAsync("/networks");
        var theirs = await lakeside.Locator("table a[href^='/networks/']").First.GetAttributeAsync("href");
        await lakeside.Context.CloseAsync();

        var riverbend = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        var response = await riverbend.GotoAsync(theirs!);
        Assert.Equal(404, response!.Status);
        Assert.Equal("Not found", await riverbend.Locator("h1").InnerTextAsync());
        await riverbend.Context.CloseAsync();
    }

    [Fact]
    public async Task A_funder_opening_a_hub_admin_page_gets_the_forbidden_page()
    {
        var page = await fx.SignInAsync(PlatformFixture.Funder);
        var response = await page.GotoAsync("/networks");
        Assert.Equal(403, response!.Status);
        Assert.Equal("Not allowed", await page.Locator("h1").InnerTextAsync());
        // The navigation offers the funder only funder pages.
        Assert.Equal(0, await page.Locator("nav[aria-label='Main'] a[href='/networks']").CountAsync());
        await page.Context.CloseAsync();
    }
}
