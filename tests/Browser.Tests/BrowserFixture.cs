using System.Text.RegularExpressions;
using Platform.Local;

// One platform and one browser for the run; the classes take turns (they share the demo data).
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Browser.Tests;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The whole platform with the full demo (`./dev up`'s data: survey waves and rubric sessions too) and a headless Debian
/// Chromium driven by Playwright. Screenshots go to the test output folder (not committed).
/// </summary>
public sealed class BrowserFixture : PlatformFixture
{
    public const string Member = DemoSurveys.DemoMember;

    /// <summary>A demo hub staff member (a login of every demo hub seat); this one has not yet rated the open rubric session.</summary>
    public const string HubStaff = "staff3.ninthgradeontrack@hub.demo";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots are kept for review: bin/.../screenshots.</summary>
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's chromium, installed by ./dev test; Playwright's own browser download is not used.
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    protected override Task SeedAsync() => DemoSeed.RunFullAsync(Api, Platform.Mail.WebUrl, _ => { });

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>
    /// A fresh browser context (its own cookies) at a laptop or phone size. <paramref name="bypassCsp"/> only for tests
    /// that inject a script of their own (axe): the pages' Content-Security-Policy rightly refuses it.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(bool phone = false, bool bypassCsp = false) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = Gateway.ToString(),
        BypassCSP = bypassCsp,
        ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        IsMobile = phone,
        HasTouch = phone,
        AcceptDownloads = true,
    });

    /// <summary>Signs in through the portal's OIDC flow (Identity's sign-in page) and returns the page, on the user's home.</summary>
    public async Task<IPage> SignInAsync(string email, bool phone = false, bool bypassCsp = false) =>
        await SignInAsync(await NewContextAsync(phone, bypassCsp), email);

    /// <summary>Signs in within <paramref name="context"/> (e.g. one that already listens to the console).</summary>
    public async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(LocalPlatform.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/connect/") && !url.Contains("/signin-oidc"));
        return page;
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    /// <summary>The personal survey link in the newest survey mail to <paramref name="email"/>.</summary>
    public async Task<string> SurveyLinkAsync(string email)
    {
        var mail = (await MailAsync()).Last(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == email)
            && m.GetProperty("text").GetString()!.Contains("/survey/"));
        return Regex.Match(mail.GetProperty("text").GetString()!, @"http\S+/survey/[A-Za-z0-9_-]+").Value;
    }
}
