using System.Net;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>The portal signs in with the authorization code flow + PKCE against Identity, all through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class PortalSignInTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_hub_admin_signs_in_to_the_portal_and_sees_the_home_page()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = platform.Gateway };

        using var homePage = await browser.GetAsync("/");
        SecurityHeadersTests.AssertSecurityHeaders(homePage, "home");
        Assert.Contains("Sign in", await homePage.Content.ReadAsStringAsync());

        // /account/login -> /connect/authorize (code, PKCE) -> Identity's sign-in page.
        using var loginPage = await browser.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, loginPage.StatusCode);
        SecurityHeadersTests.AssertSecurityHeaders(loginPage, "Identity's sign-in page");
        Assert.Equal("/connect/login", loginPage.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await loginPage.Content.ReadAsStringAsync();
        var authorizeUrl = Uri.UnescapeDataString(Input(html, "returnUrl"));
        Assert.Contains("code_challenge=", authorizeUrl);
        Assert.Contains("response_type=code", authorizeUrl);

        // A wrong password stays on the sign-in page with a message.
        using var wrong = await browser.PostAsync("/connect/login", Form(html, "wrong-password-1"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var retry = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("not right", retry);

        // The right one: back through authorize, to the portal's callback (form_post), then home, signed in.
        using var signedIn = await browser.PostAsync("/connect/login", Form(retry, Platform.Local.LocalPlatform.DemoPassword));
        var page = await signedIn.Content.ReadAsStringAsync();
        SecurityHeadersTests.AssertSecurityHeaders(signedIn, "after sign-in");
        if (page.Contains("action=\"" + platform.Gateway.ToString().TrimEnd('/') + "/signin-oidc\"") || page.Contains("/signin-oidc"))
        {
            using var callback = await browser.PostAsync(FormAction(page), new FormUrlEncodedContent(HiddenInputs(page)));
            SecurityHeadersTests.AssertSecurityHeaders(callback, "the signed-in home page");
            page = await callback.Content.ReadAsStringAsync();
        }
        Assert.Contains(PlatformFixture.RiverbendAdmin, page);
        Assert.Contains("What needs attention this week", page); // a hub admin's home: the hub home
        Assert.Contains("Sign out", page);
    }

    private static FormUrlEncodedContent Form(string html, string password) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = Input(html, "__RequestVerificationToken"),
        ["returnUrl"] = Input(html, "returnUrl"),
        ["email"] = PlatformFixture.RiverbendAdmin,
        ["password"] = password,
    });

    private static string Input(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);

    private static string FormAction(string html) => WebUtility.HtmlDecode(FormActionPattern().Match(html).Groups[1].Value);

    private static Dictionary<string, string> HiddenInputs(string html) =>
        HiddenInputPattern().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormActionPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInputPattern();
}
