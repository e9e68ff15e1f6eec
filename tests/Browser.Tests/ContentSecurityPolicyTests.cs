namespace Browser.Tests;

/// <summary>
/// The portal's pages (and Identity's sign-in pages on the way) satisfy the Content-Security-Policy the gateway sets:
/// Chromium reports no violation on any page the other browser tests visit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture fx)
{
    [Fact]
    public async Task No_page_of_any_role_or_the_member_survey_violates_the_content_security_policy()
    {
        var violations = new List<string>();

        var (anonymous, _) = await WatchedContextAsync(violations);
        var page = await anonymous.NewPageAsync();
        await VisitAsync(page, "/");
        await VisitAsync(page, "/account/login");
        await VisitAsync(page, await fx.SurveyLinkAsync(BrowserFixture.Member));
        await anonymous.CloseAsync();

        var (hubContext, _) = await WatchedContextAsync(violations);
        var hub = await fx.SignInAsync(hubContext, PlatformFixture.RiverbendAdmin);
        await hub.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await VisitAsync(hub, "/networks");
        var network = (await hub.Locator("table a[href^='/networks/']").First.GetAttributeAsync("href"))!;
        foreach (var section in new[] { "", "/organizations", "/members", "/roster", "/invitations", "/staff", "/grants", "/health", "/warnings" })
            await VisitAsync(hub, network + section);
        foreach (var path in new[] { "/surveys", "/leadership", "/audit", "/networks", "/hub" })
            await VisitAsync(hub, path);
        await hubContext.CloseAsync();

        var (funderContext, _) = await WatchedContextAsync(violations);
        var funder = await fx.SignInAsync(funderContext, PlatformFixture.Funder);
        foreach (var path in new[] { "/portfolio", "/portfolio/structure", "/portfolio/trend", "/networks" })
            await VisitAsync(funder, path);
        await funderContext.CloseAsync();

        var (adminContext, _) = await WatchedContextAsync(violations);
        var admin = await fx.SignInAsync(adminContext, PlatformFixture.PlatformAdmin);
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Riverbend Improvement Hub" }).ClickAsync();
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await adminContext.CloseAsync();

        var (memberContext, _) = await WatchedContextAsync(violations);
        var member = await fx.SignInAsync(memberContext, BrowserFixture.Member);
        await VisitAsync(member, "/my-team"); // with the driver diagram inlined
        await memberContext.CloseAsync();

        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations.Distinct()));
    }

    /// <summary>
    /// A context whose every page reports CSP violations: Chromium logs each refused script, style or frame on the console,
    /// and the page's securitypolicyviolation event is logged there too (the init script runs outside the page's CSP).
    /// </summary>
    private async Task<(IBrowserContext, List<string>)> WatchedContextAsync(List<string> violations)
    {
        var context = await fx.NewContextAsync();
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI} on ${document.location.pathname}`));
            """);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.StartsWith("securitypolicyviolation", StringComparison.Ordinal))
                lock (violations) violations.Add($"{message.Page?.Url}: {message.Text}");
        };
        return (context, violations);
    }

    private static async Task VisitAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
