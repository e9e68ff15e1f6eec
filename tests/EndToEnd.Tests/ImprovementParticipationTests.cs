using System.Text.Json;
using Platform.Contracts.Improvement;

namespace EndToEnd.Tests;

/// <summary>
/// ImprovementParticipation: the monthly job publishes a network's just-ended month once (claimed in
/// participation_months with its outbox row), however many times it looks again. The platform's clock is real here,
/// so the month is last month and the new network has no steps in it; the figures themselves are unit-tested.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ImprovementParticipationTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_new_networks_just_ended_month_is_published_once()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        Guid networkId = default;
        await using var probe = await EventProbe.StartAsync(platform, id => id == networkId, s => s.On<ImprovementParticipation>(m => m.NetworkId));
        networkId = (await platform.Api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = "Participation " + Guid.NewGuid().ToString("N")[..6], aim = "On track", goalType = "EarlyWarning", launchDate = "2021-08-01" }))
            .GetProperty("id").GetGuid();

        await PlatformFixture.EventuallyAsync(() => Task.FromResult(probe.Received.Count > 0), PlatformFixture.EventDelivery + TimeSpan.FromSeconds(15),
            "the participation job publishes the new network's last month");
        // The job looks every 10 seconds: two more looks must not publish the month again.
        await Task.Delay(TimeSpan.FromSeconds(22));
        var e = Assert.Single(probe.Of<ImprovementParticipation>());
        var now = DateTime.UtcNow;
        Assert.Equal(new DateOnly(now.Year, now.Month, 1).AddMonths(-1), e.Month);
        Assert.Equal((0, 0.0), (e.ActivePeople, e.ShareOfCyclesByTopTwoPeople));
        Assert.Equal(PlatformFixture.TenantOf(hub), e.TenantId);
    }
}
