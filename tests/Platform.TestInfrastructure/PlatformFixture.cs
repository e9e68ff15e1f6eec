using System.Text.Json;
using Npgsql;
using Platform.Local;
using Xunit;

namespace Platform.TestInfrastructure;

/// <summary>
/// The whole platform for a test run: its own PostgreSQL and RabbitMQ on free ports in a temporary folder,
/// every service and the gateway as real processes, the demo tenants seeded. Removed afterwards.
/// Never depends on ./dev up.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    public const string RiverbendAdmin = "hubadmin@riverbend.demo";
    public const string LakesideAdmin = "hubadmin@lakeside.demo";
    public const string Funder = "funder@foundation.demo";
    public const string PlatformAdmin = LocalPlatform.DemoAdminEmail;

    private readonly Dictionary<string, string> _tokens = new();
    private string _root = "";

    public LocalPlatform Platform { get; private set; } = null!;
    public PlatformApiClient Api { get; private set; } = null!;
    public Uri Gateway => Platform.Options.GatewayUrl;

    public virtual async Task InitializeAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), "nh-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        var options = LocalPlatformOptions.Throwaway(_root, BuildConfiguration, durable: false);
        Platform = new LocalPlatform(options);
        Api = new PlatformApiClient(Gateway);
        try
        {
            // A failed start or seed stops everything it started (LocalPlatform.StartAsync); the folder goes too.
            await Platform.StartAsync(SeedAsync);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>The demo tenants, logins and networks; a fixture that needs more of the demo seeds more.</summary>
    protected virtual Task SeedAsync() => DemoSeed.RunAsync(Api);

    public virtual async Task DisposeAsync()
    {
        if (Platform is not null) await Platform.StopAllAsync();
        if (Environment.GetEnvironmentVariable("KEEP_TEST_DATA") is null && Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    public async Task<string> TokenAsync(string user)
    {
        if (_tokens.TryGetValue(user, out var token)) return token;
        return _tokens[user] = await Api.GetTokenAsync(user, LocalPlatform.DemoPassword);
    }

    /// <summary>A connection to a service's database as its login role (the one the service uses: RLS applies).</summary>
    public NpgsqlConnection ConnectAsService(string database) => new(Platform.ConnectionString(database));

    /// <summary>
    /// A superuser connection, for a test to inspect what a service wrote. (The owner role would not do:
    /// FORCE ROW LEVEL SECURITY applies to table owners too.)
    /// </summary>
    public NpgsqlConnection ConnectAsSuperuser(string database) => new(Platform.Postgres.ConnectionString(database));

    /// <summary>The claims in an access token's payload (the tests read, never trust, them).</summary>
    public static JsonElement ClaimsOf(string token) => PlatformApiClient.ClaimsOf(token);

    public static Guid TenantOf(string token) => PlatformApiClient.TenantOf(token);

    /// <summary>The messages the SMTP catcher received (maildev's REST API), newest last.</summary>
    public async Task<JsonElement[]> MailAsync()
    {
        using var http = new HttpClient();
        return JsonDocument.Parse(await http.GetStringAsync(new Uri(Platform.Mail.WebUrl, "email"))).RootElement.EnumerateArray().ToArray();
    }

    /// <summary>
    /// How long a test waits for an event to cross services: generous, because CI runs two test platforms at once on two
    /// cores. A passing wait ends as soon as its condition holds; speed is measured by the benchmarks, not here.
    /// </summary>
    public static readonly TimeSpan EventDelivery = TimeSpan.FromSeconds(30);

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {timeout}: {because}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until every service reports healthy (every bus endpoint connected), after a test took the broker or the
    /// database away, so later tests meet a whole platform.
    /// </summary>
    public async Task WaitUntilEveryServiceIsHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var (service, port) in Platform.Options.Ports.Where(p => p.Key != "gateway"))
            await EventuallyAsync(async () =>
            {
                try { return await http.GetStringAsync($"http://127.0.0.1:{port}/health/ready") == "Healthy"; }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
            }, timeout, $"{service} reports healthy");
    }

    private static string BuildConfiguration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent?.Name is "Release" ? "Release" : "Debug";
}
