using System.Diagnostics;
using Platform.Local;

// The engine behind ./dev: `up`, `down`, `status`, `rebuild-reports`, `check-reports`. Data, logs and pids live in <repo>/.data (git-ignored).
var repoRoot = RepositoryRoot.Find();
var dataDir = Path.Combine(repoRoot, ".data");
Directory.CreateDirectory(dataDir);
var options = new LocalPlatformOptions(repoRoot, dataDir, Environment.GetEnvironmentVariable("CONFIGURATION") ?? "Debug",
    LocalPlatform.DevPorts["gateway"], LocalPlatform.DevPorts, PostgresPort: 55432, RabbitMqPort: 55672,
    RabbitMqNodeName: "nh-dev@localhost", Durable: true, LocalSecrets.LoadOrCreate(Path.Combine(dataDir, "dev-secrets.json")));
var platform = new LocalPlatform(options);

switch (args.FirstOrDefault())
{
    case "up":
        var clock = Stopwatch.StartNew();
        Console.WriteLine("Starting PostgreSQL, RabbitMQ and the services (migrations run as each starts) ...");
        try
        {
            await platform.StartAsync(() => DemoSeed.RunFullAsync(new PlatformApiClient(options.GatewayUrl), platform.Mail.WebUrl, Console.WriteLine));
        }
        catch (PlatformStartException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        Console.WriteLine($"""

            Network Health is running ({clock.Elapsed.TotalSeconds:F0} s).

              Portal and APIs:  {options.GatewayUrl}
              API reference:    {options.GatewayUrl}api/docs
              Mail catcher:     {platform.Mail.WebUrl}  (invitations and survey links; {DemoSurveys.DemoMember}'s open survey is there)
              Logs:             {options.LogDirectory}

            Demo logins (password {LocalPlatform.DemoPassword}, dev only):
            """);
        foreach (var login in DemoSeed.Logins)
            Console.WriteLine($"  {login.Email,-26} {login.Role,-15} {login.Tenant}");
        Console.WriteLine($"""

            A token for scripts:
              curl -s {options.GatewayUrl}connect/token -d grant_type=password -d client_id=platform-cli -d username=hubadmin@riverbend.demo -d password={LocalPlatform.DemoPassword}
            """);
        return 0;

    case "rebuild-reports":
        Console.WriteLine("Dropping Reporting's database and restarting Reporting; the publishers re-emit their facts ...");
        await platform.RebuildReportsAsync();
        Console.WriteLine("Reporting is up on a new database and taking the replayed events in (a few seconds for the demo).");
        return 0;

    case "check-reports":
        return await ReportsCheck.RunAsync(new PlatformApiClient(options.GatewayUrl), Console.WriteLine) == 0 ? 0 : 1;

    case "restart" when args.Length == 2 && LocalPlatform.Components.Any(c => c.Name == args[1]):
        // After rebuilding one service: stop it and start the new build, with the same configuration as `up`.
        await platform.StopServiceAsync(args[1]);
        await platform.StartServiceAsync(args[1]);
        Console.WriteLine($"{args[1]} restarted.");
        return 0;

    case "down":
        await platform.StopAllAsync();
        Console.WriteLine("Stopped services, RabbitMQ and PostgreSQL (data kept in .data/).");
        return 0;

    case "status":
        var ok = true;
        Console.WriteLine($"{"postgres",-12} {(await platform.Postgres.IsRunningAsync(default) ? "running" : "stopped")} (127.0.0.1:{options.PostgresPort})");
        Console.WriteLine($"{"rabbitmq",-12} {(await Shell.PortOpenAsync(options.RabbitMqPort) ? "running" : "stopped")} (127.0.0.1:{options.RabbitMqPort})");
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) })
        {
            foreach (var c in LocalPlatform.Components)
            {
                var url = $"http://127.0.0.1:{options.Ports[c.Name]}/health/ready";
                string state;
                try { state = (await http.GetAsync(url)).IsSuccessStatusCode ? "ready" : "not ready"; }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { state = "down"; }
                ok &= state == "ready";
                Console.WriteLine($"{c.Name,-12} {state,-9} {ResidentMegabytes(c.Name),8} ({url})");
            }
        }
        return ok ? 0 : 1;

    default:
        Console.Error.WriteLine($"usage: Platform.Local up | down | status | rebuild-reports | check-reports | restart {string.Join("|", LocalPlatform.Components.Select(c => c.Name))}");
        return 2;
}

// Resident memory of a running component, from its recorded pid.
string ResidentMegabytes(string component)
{
    var pidFile = Path.Combine(options.PidDirectory, component + ".pid");
    if (!File.Exists(pidFile)) return "";
    try
    {
        var rss = File.ReadLines($"/proc/{File.ReadAllText(pidFile).Trim()}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
        return rss is null ? "" : $"{long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024} MB";
    }
    catch (IOException) { return ""; }
}
