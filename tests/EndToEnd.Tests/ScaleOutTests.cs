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
}
