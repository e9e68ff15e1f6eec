using System.Net;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>
/// Every page and API answer through the gateway carries the security headers (issue 26); the sign-in test checks the
/// signed-in pages on its way.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SecurityHeadersTests(PlatformFixture platform)
{
    [Fact]
    public async Task Api_answers_and_anonymous_pages_carry_the_security_headers_and_are_never_stored()
    {
        var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        foreach (var (path, withToken) in new[]
        {
            ("/api/networks", true), ("/api/reporting/networks", true), ("/api/tenants", true), ("/api/networks", false),
            ("/api/nothing-here", false), ("/health", false), ("/", false), ("/survey/not-a-real-link", false), ("/no-such-page", false),
        })
        {
            using var response = await platform.Api.SendAsync(HttpMethod.Get, path, withToken ? token : null);
            AssertSecurityHeaders(response, $"{path} ({(int)response.StatusCode})");
        }
    }

    [Fact]
    public async Task Static_assets_keep_their_caching_but_get_the_other_headers()
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        var home = await http.GetStringAsync("/");
        var css = Regex.Match(home, "href=\"([^\"]*app[^\"]*\\.css)\"").Groups[1].Value;
        using var response = await http.GetAsync(css);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore ?? false, "a stylesheet may be cached");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Hsts_is_sent_only_when_the_answer_was_served_over_tls()
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        using var plain = await http.GetAsync("/");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        // TLS ended at an Ingress in front of the gateway, which says so.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "X-Forwarded-Proto", "https" } } };
        using var tls = await http.SendAsync(request);
        Assert.StartsWith("max-age=", tls.Headers.GetValues("Strict-Transport-Security").Single());
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.DoesNotContain("'unsafe-inline' 'self'", csp);
        Assert.DoesNotMatch("script-src[^;]*'unsafe-inline'", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, $"{what}: Cache-Control no-store");
        // Plain HTTP here: HSTS only when served over TLS.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{what}: no HSTS over plain HTTP");
    }
}
