using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>The first domain slice through every layer: gateway, Identity tokens, Networks, outbox, RabbitMQ, Reporting.</summary>
[Collection(PlatformCollection.Name)]
public sealed class NetworksEndToEndTests(PlatformFixture platform)
{
    private static object NewNetwork(string name) =>
        new { name, aim = "Raise on-track rates in ninth grade", goalType = "EarlyWarning", launchDate = "2022-08-01" };

    [Fact]
    public async Task A_hub_admins_network_reaches_reporting_and_stays_inside_its_tenant()
    {
        var riverbend = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var funder = await platform.TokenAsync(PlatformFixture.Funder);
        var api = platform.Api;

        using var created = await api.SendAsync(HttpMethod.Post, "/api/networks", riverbend, NewNetwork("Ninth Grade On-Track"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var network = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = network.GetProperty("id").GetGuid();
        Assert.Equal($"/api/networks/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("EarlyWarning", network.GetProperty("goalType").GetString());
        Assert.Equal("America/New_York", network.GetProperty("timeZone").GetString()); // none given: US Eastern

        // A time zone that is not one is refused by name, and nothing is registered.
        var before = (await api.GetAsync<JsonElement[]>("/api/networks", riverbend)).Length;
        using (var badZone = await api.SendAsync(HttpMethod.Post, "/api/networks", riverbend,
            new { name = "Zoneless", aim = "Raise on-track rates", goalType = "EarlyWarning", launchDate = "2022-08-01", timeZone = "Mars/Olympus" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
            Assert.True((await badZone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("timeZone", out _));
        }
        Assert.Equal(before, (await api.GetAsync<JsonElement[]>("/api/networks", riverbend)).Length);

        await PlatformFixture.EventuallyAsync(async () =>
            (await api.GetAsync<JsonElement[]>("/api/reporting/networks", riverbend)).Any(n => n.GetProperty("networkId").GetGuid() == id),
            PlatformFixture.EventDelivery, "the network reaches Reporting through the outbox and RabbitMQ");

        // The other hub cannot see it anywhere, not even by id.
        using (var other = await api.SendAsync(HttpMethod.Get, $"/api/networks/{id}", lakeside))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        }
        Assert.DoesNotContain(await api.GetAsync<JsonElement[]>("/api/networks", lakeside), n => n.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(await api.GetAsync<JsonElement[]>("/api/reporting/networks", lakeside), n => n.GetProperty("networkId").GetGuid() == id);
        using (var own = await api.SendAsync(HttpMethod.Get, $"/api/networks/{id}", riverbend))
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        // No token: 401 at the gateway. A funder: 403 on hub-admin endpoints.
        using (var anonymous = await api.SendAsync(HttpMethod.Get, "/api/networks", token: null))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var funderCreate = await api.SendAsync(HttpMethod.Post, "/api/networks", funder, NewNetwork("Funder's own")))
            Assert.Equal(HttpStatusCode.Forbidden, funderCreate.StatusCode);
        using (var funderRead = await api.SendAsync(HttpMethod.Get, $"/api/networks/{id}", funder))
            Assert.Equal(HttpStatusCode.Forbidden, funderRead.StatusCode);
        using (var funderReport = await api.SendAsync(HttpMethod.Get, "/api/reporting/networks", funder))
            Assert.Equal(HttpStatusCode.Forbidden, funderReport.StatusCode);
    }

    [Fact]
    public async Task A_tenant_header_from_the_client_changes_nothing()
    {
        var riverbend = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        using var created = await platform.Api.SendAsync(HttpMethod.Post, "/api/networks", lakeside, NewNetwork("Lakeside Literacy"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/networks/{id}");
        request.Headers.Authorization = new("Bearer", riverbend);
        request.Headers.Add("X-Tenant-Id", PlatformFixture.TenantOf(lakeside).ToString());
        using var response = await platform.Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
