using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using MassTransit;

namespace EndToEnd.Tests;

/// <summary>
/// What Improvement's end-to-end tests share: a network with two improvement teams, members with logins, calls that
/// expect a status (every refusal with a body is problem+json), and waiting until Improvement has heard of something.
/// </summary>
public sealed class ImprovementTestKit(PlatformFixture platform)
{
    public const string Password = "Member-pass-2026";

    public sealed record Network(Guid Id, Guid TeamA, Guid TeamB, DateOnly Launch);

    /// <summary>A network with two improvement teams (A and B) in one school, made through the Networks API.</summary>
    public async Task<Network> NewNetworkAsync(string hub, string name, DateOnly launch)
    {
        var id = (await platform.Api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = $"{name} {Guid.NewGuid().ToString("N")[..6]}", aim = "On track", goalType = "EarlyWarning", launchDate = launch })).GetProperty("id").GetGuid();
        var school = (await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/organizations", hub,
            new { kind = "School", name = "North High", district = "River District", joinedOn = launch })).GetProperty("id").GetGuid();
        var a = (await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/teams", hub, new { organizationId = school, name = "Team A" })).GetProperty("id").GetGuid();
        var b = (await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/teams", hub, new { organizationId = school, name = "Team B" })).GetProperty("id").GetGuid();
        return new Network(id, a, b, launch);
    }

    /// <summary>A member of the team from a month after launch, with a login of role member in the hub's tenant.</summary>
    public async Task<(string Token, Guid PersonId)> MemberAsync(string hub, Network network, Guid team, string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@improvement.test";
        var person = (await platform.Api.PostAsync<JsonElement>($"/api/networks/{network.Id}/members", hub,
            new { email, givenName = name, familyName = "Member", role = "TeamMember", teamId = team, startDate = network.Launch.AddMonths(1) })).GetProperty("personId").GetGuid();
        var admin = await platform.TokenAsync(PlatformFixture.PlatformAdmin);
        await platform.Api.PostAsync<JsonElement>($"/api/tenants/{PlatformFixture.TenantOf(hub)}/users", admin, new { email, password = Password, role = "member" });
        return (await platform.Api.GetTokenAsync(email, Password), person);
    }

    /// <summary>A hub-staff seat in the network with a login of role hub-staff; its token and assignment id.</summary>
    public async Task<(string Token, Guid Assignment)> HubStaffAsync(string hub, Guid network, string hubRole)
    {
        var email = $"{hubRole.ToLowerInvariant()}-{Guid.NewGuid():N}@hubstaff.test";
        var seat = await platform.Api.PostAsync<JsonElement>($"/api/networks/{network}/hub-staff", hub,
            new { email, givenName = "Casey", familyName = "Coach", hubRole, core = true, startDate = "2023-08-01" });
        var admin = await platform.TokenAsync(PlatformFixture.PlatformAdmin);
        await platform.Api.PostAsync<JsonElement>($"/api/tenants/{PlatformFixture.TenantOf(hub)}/users", admin, new { email, password = Password, role = "hub-staff" });
        return (await platform.Api.GetTokenAsync(email, Password), seat.GetProperty("assignmentId").GetGuid());
    }

    public async Task<JsonElement> Expect(HttpStatusCode status, HttpMethod method, string path, string token, object? body = null)
    {
        using var response = await platform.Api.SendAsync(method, path, token, body);
        return await Read(status, response, $"{method} {path}");
    }

    public static async Task<JsonElement> Read(HttpStatusCode status, HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{what}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        // A funder is refused by the role policy before any endpoint runs, with an empty 403 (as everywhere in the platform).
        if ((int)status >= 400 && text.Length > 0)
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: {(int)status} is not problem+json: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    public static string[] ErrorFields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Until Improvement has heard of the network (and, for a member, of their membership), its reads answer 404 or 403.</summary>
    public async Task UntilOkAsync(string path, string token, string because)
    {
        var last = "";
        try
        {
            await PlatformFixture.EventuallyAsync(async () =>
            {
                using var r = await platform.Api.SendAsync(HttpMethod.Get, path, token);
                last = $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}";
                return r.StatusCode == HttpStatusCode.OK;
            }, PlatformFixture.EventDelivery, because);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last answer: {last}");
        }
    }
}

/// <summary>A queue of the test's own on the test platform's broker, bound to the events asked for, keeping one network's.</summary>
public sealed class EventProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<object> _received = new();
    private IBusControl _bus = null!;

    public IReadOnlyList<object> Received => [.. _received];

    public IReadOnlyList<T> Of<T>() => [.. _received.OfType<T>()];

    public void Clear() => _received.Clear();

    public async Task SendAsync<T>(Uri queue, T message) where T : class => await (await _bus.GetSendEndpoint(queue)).Send(message);

    /// <summary>What the probe listens to: <c>s.On&lt;CycleStarted&gt;(m =&gt; m.NetworkId)</c> per event.</summary>
    public sealed class Subscriptions(IReceiveEndpointConfigurator endpoint, Func<Guid, bool> keep, EventProbe probe)
    {
        public Subscriptions On<T>(Func<T, Guid> networkOf) where T : class
        {
            endpoint.Handler<T>(m =>
            {
                if (keep(networkOf(m.Message))) probe._received.Enqueue(m.Message);
                return Task.CompletedTask;
            });
            return this;
        }
    }

    public static Task<EventProbe> StartAsync(PlatformFixture platform, Guid networkId, Action<Subscriptions> subscribe) =>
        StartAsync(platform, id => id == networkId, subscribe);

    /// <summary>With a test of which networks to keep, for a network the test makes after the probe is bound.</summary>
    public static async Task<EventProbe> StartAsync(PlatformFixture platform, Func<Guid, bool> keep, Action<Subscriptions> subscribe)
    {
        var probe = new EventProbe();
        probe._bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host("127.0.0.1", (ushort)platform.Platform.Options.RabbitMqPort, "/", h => { h.Username("guest"); h.Password("guest"); });
            cfg.ReceiveEndpoint($"e2e-probe-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                subscribe(new Subscriptions(e, keep, probe));
            });
        });
        await probe._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        // Bound before anything is published, so nothing the test causes can slip past the queue.
        await probe._bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return probe;
    }

    /// <summary>Waits for the expected count of each event, then a little longer: a duplicate would arrive in that time.</summary>
    public async Task ExpectAsync(Dictionary<string, int> expected, TimeSpan? within = null)
    {
        Dictionary<string, int> Counts() => Received.GroupBy(m => m.GetType().Name).ToDictionary(g => g.Key, g => g.Count());
        await PlatformFixture.EventuallyAsync(() => Task.FromResult(expected.All(e => Counts().GetValueOrDefault(e.Key) >= e.Value)),
            within ?? PlatformFixture.EventDelivery, "the events reach the broker");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(expected.OrderBy(e => e.Key), Counts().OrderBy(e => e.Key));
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
