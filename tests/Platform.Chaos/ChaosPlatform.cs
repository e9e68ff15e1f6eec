using Platform.Local;

namespace Platform.Chaos;

/// <summary>
/// The throwaway platform the fault-injection suite runs on: free ports, a temporary folder, the demo tenants, and two
/// Surveys processes behind the gateway (so one can be killed while the other serves). Runs as deployed (Production).
/// </summary>
public sealed class ChaosPlatform : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nh-chaos-" + Guid.NewGuid().ToString("N")[..12]);

    public LocalPlatform Platform { get; private set; } = null!;
    public PlatformApiClient Api { get; private set; } = null!;
    public Action<string> Progress { get; private init; } = _ => { };

    public static async Task<ChaosPlatform> StartAsync(string configuration, Action<string> progress)
    {
        var chaos = new ChaosPlatform { Progress = progress };
        chaos.Platform = new LocalPlatform(LocalPlatformOptions.Throwaway(chaos._root, configuration, durable: true, Settings(deliverTwice: false),
            twoReplicasOf: ["surveys"]));
        chaos.Api = new PlatformApiClient(chaos.Platform.Options.GatewayUrl, TimeSpan.FromMinutes(5));
        progress($"Starting a platform for the fault-injection suite ({configuration}, two Surveys replicas) ...");
        try
        {
            // A failed start or seed stops everything it had started (no orphaned platform holding ports).
            await chaos.Platform.StartAsync(() => DemoSeed.RunAsync(chaos.Api));
        }
        catch
        {
            chaos.DeleteFolder();
            throw;
        }
        return chaos;
    }

    private static Dictionary<string, string> Settings(bool deliverTwice) => new()
    {
        // The clients submit from one address: the per-address limit would measure the limiter, not the faults.
        ["RateLimiting__PermitsPerSecond"] = "100000",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Messaging__Faults__DeliverEveryMessageTwice"] = deliverTwice ? "true" : "false",
    };

    /// <summary>Restarts every service with the relay publishing each message twice (or back to once).</summary>
    public async Task RestartServicesDeliveringTwiceAsync(bool twice)
    {
        Progress($"Restarting the services with every message delivered {(twice ? "twice" : "once")} ...");
        Platform = new LocalPlatform(Platform.Options with { ExtraEnvironment = Settings(twice) });
        await Platform.StartServicesAsync();
    }

    /// <summary>Waits until every process behind the gateway (both Surveys replicas too) answers /health/ready.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + timeout;
        foreach (var component in LocalPlatform.Components.Where(c => c.Name != "gateway"))
            foreach (var (instance, port) in Platform.Options.InstancesOf(component.Name))
                while (true)
                {
                    try
                    {
                        using var response = await http.GetAsync($"http://127.0.0.1:{port}/health/ready");
                        if (response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "Healthy") break;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
                    if (DateTime.UtcNow > deadline) throw new TimeoutException($"{instance} did not report healthy within {timeout}");
                    await Task.Delay(250);
                }
    }

    /// <summary>The services' error lines, to explain a failed scenario.</summary>
    public IEnumerable<string> ErrorLines(int perLog = 10) =>
        Directory.GetFiles(Platform.Options.LogDirectory, "*.log").SelectMany(log => File.ReadLines(log)
            .Where(l => l.Contains("fail:") || l.Contains("crit:")).Take(perLog).Select(l => $"{Path.GetFileName(log)}: {(l.Length > 400 ? l[..400] + " ..." : l)}"));

    public async ValueTask DisposeAsync()
    {
        await Platform.StopAllAsync();
        DeleteFolder();
    }

    private void DeleteFolder()
    {
        if (Environment.GetEnvironmentVariable("KEEP_CHAOS_DATA") is null) { if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true); }
        else Progress($"Kept the suite's data and logs in {_root}");
    }
}
