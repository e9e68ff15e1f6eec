using System.Net;
using System.Text.Json;
using Platform.Local;

namespace EndToEnd.Tests;

/// <summary>A service can run as several replicas: start-up migrations and the outbox relay must not get in each other's way.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ScaleOutTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_second_networks_replica_starts_beside_the_first_and_serves_the_same_data()
    {
        var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        using var created = await platform.Api.SendAsync(HttpMethod.Post, "/api/networks", token,
            new { name = "Seen by both replicas", aim = "Scale out", goalType = "Other", launchDate = "2024-08-01" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // The first replica is alive and has migrated; the second must still get the migration lock and become ready.
        var replica = await platform.Platform.StartExtraAsync("networks", "networks-replica", Shell.FreePort(), new Dictionary<string, string>());
        try
        {
            var direct = new PlatformApiClient(replica.Url);
            var viaReplica = await direct.GetAsync<JsonElement[]>("/api/networks", token);
            var viaGateway = await platform.Api.GetAsync<JsonElement[]>("/api/networks", token);
            Assert.Equal(viaGateway.Select(n => n.GetProperty("id").GetGuid()), viaReplica.Select(n => n.GetProperty("id").GetGuid()));
        }
        finally
        {
            await replica.StopAsync();
        }
    }

    [Fact]
    public async Task A_token_from_either_identity_replica_is_accepted_by_the_apis_and_by_the_other_identity()
    {
        var replica = await platform.Platform.StartExtraAsync("identity", "identity-replica", Shell.FreePort(), new Dictionary<string, string>());
        try
        {
            var second = new PlatformApiClient(replica.Url);
            // Issued by the second replica (the issuer is the public origin on both), used on every API through the gateway.
            var fromSecond = await second.GetTokenAsync(PlatformFixture.RiverbendAdmin, LocalPlatform.DemoPassword);
            foreach (var path in new[] { "/api/networks", "/api/surveys/waves", "/api/funders" })
            {
                using var r = await platform.Api.SendAsync(HttpMethod.Get, path, fromSecond);
                Assert.True(r.IsSuccessStatusCode, $"{path}: {(int)r.StatusCode}");
            }
            // Issued by the first (behind the gateway), accepted by the second's own API.
            var admin = await platform.TokenAsync(PlatformFixture.PlatformAdmin);
            using var tenants = await second.SendAsync(HttpMethod.Get, "/api/tenants", admin);
            Assert.Equal(HttpStatusCode.OK, tenants.StatusCode);
        }
        finally
        {
            await replica.StopAsync();
        }
    }
}
