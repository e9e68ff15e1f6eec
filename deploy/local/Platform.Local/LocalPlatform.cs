using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Data;

namespace Platform.Local;

/// <summary>One component the platform runs: its project, port and (for services with data) its database.</summary>
public sealed record Component(string Name, string ProjectPath, string? Database, string? Audience)
{
    public string AssemblyPath(string repoRoot, string configuration) =>
        Path.Combine(repoRoot, ProjectPath, "bin", configuration, "net10.0", Path.GetFileName(ProjectPath) + ".dll");
}

/// <summary>Generated credentials for one local platform (dev: kept in .data/dev-secrets.json; tests: new each run).</summary>
/// Identity's signing and encryption keys are RSA keys (base64 PKCS#8) so that several Identity processes sign alike;
/// DataProtectionKey is the key ring the Portal and Identity share across their replicas (SharedDataProtection).
public sealed record LocalSecrets(string PostgresPassword, Dictionary<string, string> DatabasePasswords, string PortalClientSecret,
    Dictionary<string, string> ServiceClientSecrets, string? IdentitySigningKey = null, string? IdentityEncryptionKey = null,
    string? DataProtectionKey = null)
{
    public static LocalSecrets Generate() => new(
        New(), LocalPlatform.Components.Where(c => c.Database is not null)
            .SelectMany(c => new[] { $"{c.Database}_owner", $"{c.Database}_app" }).ToDictionary(r => r, _ => New()),
        New(), LocalPlatform.Components.Where(c => c.Audience is not null).ToDictionary(c => c.Name, _ => New()),
        NewRsaKey(), NewRsaKey(), NewDataProtectionKey());

    public static LocalSecrets LoadOrCreate(string path)
    {
        var fresh = Generate();
        var secrets = fresh;
        if (File.Exists(path))
        {
            // A platform added since these secrets were written (a new service) gets its own, kept with the rest.
            var stored = JsonSerializer.Deserialize<LocalSecrets>(File.ReadAllText(path))!;
            if (fresh.DatabasePasswords.Keys.All(stored.DatabasePasswords.ContainsKey) && fresh.ServiceClientSecrets.Keys.All(stored.ServiceClientSecrets.ContainsKey)
                && stored is { IdentitySigningKey: not null, IdentityEncryptionKey: not null, DataProtectionKey: not null })
                return stored;
            foreach (var (k, v) in fresh.DatabasePasswords) stored.DatabasePasswords.TryAdd(k, v);
            foreach (var (k, v) in fresh.ServiceClientSecrets) stored.ServiceClientSecrets.TryAdd(k, v);
            secrets = stored with
            {
                IdentitySigningKey = stored.IdentitySigningKey ?? fresh.IdentitySigningKey,
                IdentityEncryptionKey = stored.IdentityEncryptionKey ?? fresh.IdentityEncryptionKey,
                DataProtectionKey = stored.DataProtectionKey ?? fresh.DataProtectionKey,
            };
        }
        File.WriteAllText(path, JsonSerializer.Serialize(secrets, new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secrets;
    }

    private static string New() => Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();

    private static string NewRsaKey()
    {
        using var rsa = RSA.Create(2048);
        return Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
    }

    /// <summary>One data-protection key, as ASP.NET Core's key manager writes it, active from yesterday for five years (local use only).</summary>
    private static string NewDataProtectionKey()
    {
        var captured = new CapturedKeys();
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().AddKeyManagementOptions(o => o.XmlRepository = captured);
        using var provider = services.BuildServiceProvider();
        var now = DateTimeOffset.UtcNow;
        provider.GetRequiredService<IKeyManager>().CreateNewKey(now.AddDays(-1), now.AddYears(5));
        return captured.Keys.Single().ToString(SaveOptions.DisableFormatting);
    }

    private sealed class CapturedKeys : IXmlRepository
    {
        public List<XElement> Keys { get; } = [];
        public IReadOnlyCollection<XElement> GetAllElements() => Keys;
        public void StoreElement(XElement element, string friendlyName) => Keys.Add(element);
    }
}

/// <summary>Where a local platform lives: its folders, ports and settings.</summary>
public sealed record LocalPlatformOptions(
    string RepoRoot, string DataDirectory, string Configuration, int GatewayPort, IReadOnlyDictionary<string, int> Ports,
    int PostgresPort, int RabbitMqPort, string RabbitMqNodeName, bool Durable, LocalSecrets Secrets,
    IReadOnlyDictionary<string, string>? ExtraEnvironment = null, int SmtpPort = 8025, int MailWebPort = 8090,
    IReadOnlyDictionary<string, int>? SecondReplicaPorts = null)
{
    /// <summary>A throwaway platform (tests, benchmarks): every port free, new credentials, data under <paramref name="dataDirectory"/>.</summary>
    /// <param name="twoReplicasOf">Components that run as two processes behind the gateway (the fault-injection suite kills one at a time).</param>
    public static LocalPlatformOptions Throwaway(string dataDirectory, string configuration, bool durable, IReadOnlyDictionary<string, string>? extra = null,
        IEnumerable<string>? twoReplicasOf = null)
    {
        var ports = LocalPlatform.Components.ToDictionary(c => c.Name, _ => Shell.FreePort());
        return new LocalPlatformOptions(RepositoryRoot.Find(), dataDirectory, configuration, ports["gateway"], ports,
            Shell.FreePort(), Shell.FreePortPair(), $"nh-{Guid.NewGuid():N}@localhost", durable, LocalSecrets.Generate(), extra,
            Shell.FreePort(), Shell.FreePort(), (twoReplicasOf ?? []).ToDictionary(c => c, _ => Shell.FreePort()));
    }

    /// <summary>The processes a component runs as: its own name, and "name-2" for a second replica.</summary>
    public IReadOnlyList<(string Instance, int Port)> InstancesOf(string component) =>
        SecondReplicaPorts?.TryGetValue(component, out var second) == true
            ? [(component, Ports[component]), ($"{component}-2", second)]
            : [(component, Ports[component])];

    public string LogDirectory => Path.Combine(DataDirectory, "logs");
    public string PidDirectory => Path.Combine(DataDirectory, "pids");
    public Uri GatewayUrl => new($"http://127.0.0.1:{GatewayPort}");
}

/// <summary>
/// Runs the whole platform on this machine: PostgreSQL and RabbitMQ as local processes, one database per service with
/// an owner and a login role, every service and the gateway as its own process. Used by <c>./dev up</c> and by the tests.
/// </summary>
public sealed class LocalPlatform(LocalPlatformOptions options)
{
    public const string DemoPassword = "Demo-pass-2026";
    public const string DemoAdminEmail = "admin@demo.local";

    public static readonly IReadOnlyList<Component> Components =
    [
        new("identity", "services/Identity/Platform.Identity", "identity", "identity-api"),
        new("networks", "services/Networks/Platform.Networks", "networks", "networks-api"),
        new("surveys", "services/Surveys/Platform.Surveys", "surveys", "surveys-api"),
        new("assessments", "services/Assessments/Platform.Assessments", "assessments", "assessments-api"),
        new("improvement", "services/Improvement/Platform.Improvement", "improvement", "improvement-api"),
        new("reporting", "services/Reporting/Platform.Reporting", "reporting", "reporting-api"),
        new("portal", "services/Portal/Platform.Portal", null, null),
        new("gateway", "gateway/Platform.Gateway", null, null),
    ];

    public static readonly IReadOnlyDictionary<string, int> DevPorts = new Dictionary<string, int>
    {
        ["gateway"] = 8080, ["identity"] = 8081, ["networks"] = 8082, ["surveys"] = 8083,
        ["assessments"] = 8084, ["reporting"] = 8085, ["portal"] = 8086, ["improvement"] = 8087,
    };

    public LocalPlatformOptions Options => options;

    /// <summary>The SMTP catcher (maildev): invitation mail lands here; its web page and REST API list what arrived.</summary>
    /// <summary>The key survey links are derived with: itself derived from this platform's surveys secret.</summary>
    public string SurveyLinkSecret => Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(options.Secrets.ServiceClientSecrets["surveys"]), "survey-links"u8));

    public MailCatcher Mail { get; } = new(options.RepoRoot, options.SmtpPort, options.MailWebPort, Path.Combine(options.LogDirectory, "maildev.log"),
        Path.Combine(options.PidDirectory, "maildev.pid"));

    public PostgresServer Postgres { get; } = new(
        Path.Combine(options.DataDirectory, "postgres"), Path.Combine(options.LogDirectory, "postgres.log"),
        options.PostgresPort, options.Secrets.PostgresPassword, options.Durable);

    public RabbitMqNode RabbitMq { get; } = new(
        Path.Combine(options.DataDirectory, "rabbitmq"), Path.Combine(options.LogDirectory, "rabbitmq.log"),
        options.RabbitMqPort, options.RabbitMqNodeName);

    /// <summary>
    /// Starts everything (infrastructure, then services) and waits until it is ready, plus <paramref name="andThen"/> (a
    /// seed). If any step fails it stops every component it had started before rethrowing: an aborted start must not leave
    /// PostgreSQL, RabbitMQ, maildev and services running, orphaned, holding ports and memory for the next run.
    /// </summary>
    public async Task StartAsync(Func<Task>? andThen = null, CancellationToken ct = default)
    {
        try
        {
            await StartInfrastructureAsync(ct);
            await StartServicesAsync(ct);
            if (andThen is not null) await andThen();
        }
        catch (Exception e)
        {
            await StopAllAsync();
            throw new PlatformStartException(
                $"The platform did not start, so everything it had started was stopped again (logs in {options.LogDirectory}). {e.Message}", e);
        }
    }

    public async Task StartInfrastructureAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(options.LogDirectory);
        Directory.CreateDirectory(options.PidDirectory);
        await Task.WhenAll(Postgres.StartAsync(ct), RabbitMq.StartAsync(ct), Mail.StartAsync(ct));
        foreach (var c in Components.Where(c => c.Database is not null))
            await DatabaseProvisioner.ProvisionAsync(Postgres.ConnectionString(), DatabaseFor(c), ct);
    }

    public ServiceDatabase DatabaseFor(Component c) => new(c.Database!,
        $"{c.Database}_owner", options.Secrets.DatabasePasswords[$"{c.Database}_owner"],
        $"{c.Database}_app", options.Secrets.DatabasePasswords[$"{c.Database}_app"]);

    /// <summary>The connection string a service uses (its login role), or with <paramref name="owner"/> the migration role's.</summary>
    private string SurveysClockOffsetFile => Path.Combine(options.DataDirectory, "surveys-clock-offset");

    /// <summary>
    /// A throwaway platform's Surveys reads time <paramref name="offset"/> ahead of the system clock (within about a
    /// second; <c>MovableTestClock</c>); <see cref="TimeSpan.Zero"/> puts it back.
    /// </summary>
    public async Task MoveSurveysClockAsync(TimeSpan offset)
    {
        if (options.Durable) throw new InvalidOperationException("Only a throwaway platform's clock can be moved.");
        await File.WriteAllTextAsync(SurveysClockOffsetFile, offset.ToString("c"));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the clock looks at the file once a second at most
    }

    public string ConnectionString(string database, bool owner = false)
    {
        var db = DatabaseFor(Components.Single(c => c.Database == database));
        return owner
            ? Postgres.ConnectionString(db.Name, db.OwnerRole, db.OwnerPassword)
            : Postgres.ConnectionString(db.Name, db.AppRole, db.AppPassword);
    }

    /// <summary>Starts (or restarts) every service and the gateway, and waits until each answers /health/ready.</summary>
    public async Task StartServicesAsync(CancellationToken ct = default)
    {
        await StopServicesAsync();
        var started = Components.SelectMany(c => options.InstancesOf(c.Name).Select(i => StartInstance(c, i.Instance, i.Port))).ToList();
        // Wait for the gateway last (it stays ready, only Degraded, while a service behind it is down), so a failing
        // service fails fast.
        // The first service that fails ends the other waits too (no waiting two minutes for the rest before giving up).
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var waits = started.Where(s => s.Name != "gateway").Select(async s =>
        {
            try { await s.WaitReadyAsync(TimeSpan.FromSeconds(120), failed.Token); }
            catch { await failed.CancelAsync(); throw; }
        }).ToList();
        try
        {
            await Task.WhenAll(waits);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Task.WhenAll rethrows the first task's exception, which may be a wait cancelled by another's failure.
            var cause = waits.Select(w => w.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException);
            if (cause is null) throw;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
        }
        await started.Single(s => s.Name == "gateway").WaitReadyAsync(TimeSpan.FromSeconds(60), ct);
    }

    /// <summary>Starts one more process of a component with extra settings (e.g. a second gateway with a tiny rate limit).</summary>
    public async Task<ServiceProcess> StartExtraAsync(string component, string instanceName, int port,
        IReadOnlyDictionary<string, string> settings, CancellationToken ct = default)
    {
        var c = Components.Single(x => x.Name == component);
        var env = EnvironmentFor(c);
        foreach (var (k, v) in settings) env[k] = v;
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var process = StartService(c with { Name = instanceName }, port, env);
        await process.WaitReadyAsync(TimeSpan.FromSeconds(120), ct);
        return process;
    }

    public async Task StopServicesAsync()
    {
        if (!Directory.Exists(options.PidDirectory)) return;
        await Task.WhenAll(Directory.GetFiles(options.PidDirectory, "*.pid").Where(f => !f.EndsWith("maildev.pid")).Select(async f =>
        {
            if (int.TryParse(await File.ReadAllTextAsync(f), out var pid)) await Shell.StopGroupAsync(pid, TimeSpan.FromSeconds(10));
            File.Delete(f);
        }));
    }

    /// <summary>
    /// Drops Reporting's database and starts Reporting on an empty one. At start-up it finds no rebuild on record and asks
    /// every publisher to re-emit its facts; its read models fill again from the events alone.
    /// </summary>
    public async Task RebuildReportsAsync(CancellationToken ct = default)
    {
        var reporting = Components.Single(c => c.Name == "reporting");
        await StopServiceAsync(reporting.Name);
        await using (var admin = new NpgsqlConnection(Postgres.ConnectionString()))
        {
            await admin.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"drop database if exists \"{reporting.Database}\" with (force)", admin);
            await drop.ExecuteNonQueryAsync(ct);
        }
        NpgsqlConnection.ClearAllPools(); // pooled connections to the dropped database were terminated by the drop
        await DatabaseProvisioner.ProvisionAsync(Postgres.ConnectionString(), DatabaseFor(reporting), ct);
        await StartServiceAsync(reporting.Name, ct);
    }

    /// <summary>Stops one running component (its queues keep what arrives meanwhile).</summary>
    public async Task StopServiceAsync(string name)
    {
        var pidFile = Path.Combine(options.PidDirectory, $"{name}.pid");
        if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out var pid))
            await Shell.StopGroupAsync(pid, TimeSpan.FromSeconds(10));
        File.Delete(pidFile);
    }

    /// <summary>Starts one component and waits until it answers /health/ready.</summary>
    public async Task StartServiceAsync(string name, CancellationToken ct = default) =>
        await StartInstanceProcess(name).WaitReadyAsync(TimeSpan.FromSeconds(120), ct);

    /// <summary>
    /// Starts one process of a component by its instance name ("surveys", or "surveys-2" for a second replica) without
    /// waiting for it; the caller waits on the returned process when it needs it ready.
    /// </summary>
    public ServiceProcess StartInstanceProcess(string instance)
    {
        var (c, port) = Components.SelectMany(c => options.InstancesOf(c.Name).Select(i => (c, i))).Where(x => x.i.Instance == instance)
            .Select(x => (x.c, x.i.Port)).Single();
        return StartInstance(c, instance, port);
    }

    /// <summary>Kills one process with SIGKILL, as a crash or an OOM kill would: no shutdown, no draining of requests.</summary>
    public async Task KillInstanceAsync(string instance)
    {
        var pidFile = Path.Combine(options.PidDirectory, $"{instance}.pid");
        if (!File.Exists(pidFile) || !int.TryParse(await File.ReadAllTextAsync(pidFile), out var pid)) return;
        await Shell.RunAsync("kill", ["-KILL", "--", $"-{pid}"], check: false);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Shell.IsAlive(pid) && DateTime.UtcNow < deadline) await Task.Delay(50);
        File.Delete(pidFile);
    }

    /// <summary>Freezes (SIGSTOP) or resumes (SIGCONT) one process: its connections stay open and nothing is answered or consumed meanwhile.</summary>
    public async Task FreezeInstanceAsync(string instance, bool frozen)
    {
        var pidFile = Path.Combine(options.PidDirectory, $"{instance}.pid");
        if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out var pid))
            await Shell.RunAsync("kill", [frozen ? "-STOP" : "-CONT", "--", $"-{pid}"]);
    }

    private ServiceProcess StartInstance(Component c, string instance, int port)
    {
        var env = EnvironmentFor(c);
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["OTEL_SERVICE_NAME"] = instance;
        return StartService(c with { Name = instance }, port, env);
    }

    public async Task StopAllAsync()
    {
        await StopServicesAsync();
        await Task.WhenAll(RabbitMq.StopAsync(), Postgres.StopAsync(), Mail.StopAsync());
    }

    private ServiceProcess StartService(Component c, int port, Dictionary<string, string> env)
    {
        var dll = c.AssemblyPath(options.RepoRoot, options.Configuration);
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is not built; run the build first.", dll);
        var log = Path.Combine(options.LogDirectory, $"{c.Name}.log");
        var pid = Shell.StartDetached("dotnet", [dll], env, log, Path.GetDirectoryName(dll));
        File.WriteAllText(Path.Combine(options.PidDirectory, $"{c.Name}.pid"), pid.ToString());
        return new ServiceProcess(c.Name, pid, new Uri($"http://127.0.0.1:{port}"), log);
    }

    private Dictionary<string, string> EnvironmentFor(Component c)
    {
        var s = options.Secrets;
        var publicUrl = options.GatewayUrl.ToString();
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{options.Ports[c.Name]}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_gcServer"] = "0",
            ["OTEL_SERVICE_NAME"] = c.Name,
            ["Identity__Authority"] = $"http://127.0.0.1:{options.Ports["identity"]}",
            ["Identity__Issuer"] = publicUrl,
            ["RabbitMq__Host"] = "127.0.0.1",
            ["RabbitMq__Port"] = options.RabbitMqPort.ToString(),
        };
        if (c.Database is not null)
        {
            env["ConnectionStrings__Database"] = ConnectionString(c.Database);
            env["ConnectionStrings__Migrations"] = ConnectionString(c.Database, owner: true);
        }
        switch (c.Name)
        {
            case "identity":
                env["Identity__AllowPasswordGrant"] = "true";
                env["Identity__RequireHttps"] = "false"; // plain HTTP on loopback
                env["Identity__BootstrapAdmin__Email"] = DemoAdminEmail;
                env["Identity__BootstrapAdmin__Password"] = DemoPassword;
                env["Identity__Clients__Portal__Secret"] = s.PortalClientSecret;
                env["Identity__Keys__Signing__0"] = s.IdentitySigningKey!;
                env["Identity__Keys__Encryption__0"] = s.IdentityEncryptionKey!;
                env["DataProtection__Keys__0"] = s.DataProtectionKey!;
                foreach (var (service, secret) in s.ServiceClientSecrets) env[$"Identity__ServiceClients__{service}"] = secret;
                break;
            case "networks":
                env["Smtp__Host"] = "127.0.0.1";
                env["Smtp__Port"] = options.SmtpPort.ToString();
                env["Identity__ClientSecret"] = s.ServiceClientSecrets["networks"];
                break;
            case "surveys":
                env["Smtp__Host"] = "127.0.0.1";
                env["Smtp__Port"] = options.SmtpPort.ToString();
                env["Identity__ClientSecret"] = s.ServiceClientSecrets["surveys"];
                env["Services__Networks"] = $"http://127.0.0.1:{options.Ports["networks"]}";
                env["Surveys__LinkSecret"] = SurveyLinkSecret;
                if (!options.Durable) env["Testing__ClockOffsetFile"] = SurveysClockOffsetFile; // tests move it (MoveSurveysClock)
                break;
            case "reporting":
                env["Identity__ClientSecret"] = s.ServiceClientSecrets["reporting"];
                env["Services__Surveys"] = $"http://127.0.0.1:{options.Ports["surveys"]}";
                break;
            case "assessments":
                env["Identity__ClientSecret"] = s.ServiceClientSecrets["assessments"];
                env["Services__Networks"] = $"http://127.0.0.1:{options.Ports["networks"]}";
                break;
            case "improvement":
                env["Identity__ClientSecret"] = s.ServiceClientSecrets["improvement"];
                env["Services__Networks"] = $"http://127.0.0.1:{options.Ports["networks"]}";
                break;
            case "portal":
                env["Portal__ClientSecret"] = s.PortalClientSecret;
                env["DataProtection__Keys__0"] = s.DataProtectionKey!;
                break;
            case "gateway":
                foreach (var (name, port) in options.Ports.Where(p => p.Key != "gateway"))
                    env[$"ReverseProxy__Clusters__{name}__Destinations__d1__Address"] = $"http://127.0.0.1:{port}";
                foreach (var (name, port) in options.SecondReplicaPorts ?? new Dictionary<string, int>())
                    env[$"ReverseProxy__Clusters__{name}__Destinations__d2__Address"] = $"http://127.0.0.1:{port}";
                break;
        }
        foreach (var (k, v) in options.ExtraEnvironment ?? new Dictionary<string, string>()) env[k] = v;
        return env;
    }
}

/// <summary>A platform that did not start (and was stopped again); the message says why in plain words.</summary>
public sealed class PlatformStartException(string message, Exception inner) : Exception(message, inner);
