using System.Net;
using Platform.Local;

namespace Browser.Tests;

/// <summary>
/// The Portal runs as several replicas: a sign-in made on one is honoured by another, because every replica reads the
/// cookie with the same data-protection key ring (SharedDataProtection). With per-process keys the second replica
/// cannot read the cookie and sends the browser to sign in again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalReplicaTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_sign_in_made_on_one_portal_replica_is_honoured_by_another()
    {
        var page = await fx.SignInAsync(PlatformFixture.RiverbendAdmin);
        var cookies = string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        await page.Context.CloseAsync();

        var replica = await fx.Platform.StartExtraAsync("portal", "portal-replica", Shell.FreePort(), new Dictionary<string, string>());
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = replica.Url };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/networks");
            request.Headers.Add("Cookie", cookies);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Ninth Grade On-Track", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await replica.StopAsync();
        }
    }
}
