namespace Platform.Local;

/// <summary>A RabbitMQ node (Debian's rabbitmq-server) as a local process on 127.0.0.1, state under <paramref name="baseDirectory"/>.</summary>
public sealed class RabbitMqNode(string baseDirectory, string logFile, int port, string nodeName)
{
    private const string Bin = "/usr/lib/rabbitmq/bin";
    private readonly string _pidFile = Path.Combine(baseDirectory, "launcher.pid");

    public int Port => port;

    private Dictionary<string, string> Environment => new()
    {
        ["RABBITMQ_NODENAME"] = nodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = port.ToString(),
        ["RABBITMQ_DIST_PORT"] = (port + 1).ToString(),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(baseDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(baseDirectory, "log"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(baseDirectory, "enabled_plugins"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(baseDirectory, "rabbitmq"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(baseDirectory, "rabbitmq.pid"),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["HOME"] = baseDirectory, // the Erlang cookie lives here
    };

    public async Task StartAsync(CancellationToken ct = default)
    {
        if (await Shell.PortOpenAsync(port)) return;
        Directory.CreateDirectory(baseDirectory);
        await File.WriteAllTextAsync(Path.Combine(baseDirectory, "enabled_plugins"), "[].", ct);
        await File.WriteAllTextAsync(Path.Combine(baseDirectory, "rabbitmq.conf"), "disk_free_limit.absolute = 50MB\n", ct);
        var pid = Shell.StartDetached(Path.Combine(Bin, "rabbitmq-server"), [], Environment, logFile, baseDirectory);
        await File.WriteAllTextAsync(_pidFile, pid.ToString(), ct);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await Shell.PortOpenAsync(port))
        {
            if (!Shell.IsAlive(pid) || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"RabbitMQ did not start; see {logFile}:\n{Tail(logFile)}");
            await Task.Delay(250, ct);
        }
    }

    public async Task StopAsync()
    {
        if (await Shell.PortOpenAsync(port))
            await Shell.RunAsync(Path.Combine(Bin, "rabbitmqctl"), ["-n", nodeName, "stop"], Environment, check: false);
        if (File.Exists(_pidFile) && int.TryParse(await File.ReadAllTextAsync(_pidFile), out var pid))
            await Shell.StopGroupAsync(pid, TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await Shell.PortOpenAsync(port) && DateTime.UtcNow < deadline) await Task.Delay(100);
    }

    /// <summary>The Erlang VM's pid (the node process itself, not its launcher script).</summary>
    private int NodePid => int.Parse(File.ReadAllText(Path.Combine(baseDirectory, "rabbitmq.pid")).Trim());

    /// <summary>
    /// Freezes the node with SIGSTOP: its TCP connections stay open and nothing answers, as in a long GC pause, a full
    /// disk alarm or a stuck host. <see cref="Resume"/> lets it go on where it stopped.
    /// </summary>
    public Task FreezeAsync() => Shell.RunAsync("kill", ["-STOP", NodePid.ToString()]);

    public Task ResumeAsync() => Shell.RunAsync("kill", ["-CONT", NodePid.ToString()]);

    /// <summary>Kills the node and its launcher with SIGKILL (no clean shutdown); <see cref="StartAsync"/> brings it back.</summary>
    public async Task KillAsync()
    {
        if (File.Exists(_pidFile) && int.TryParse(await File.ReadAllTextAsync(_pidFile), out var launcher))
            await Shell.RunAsync("kill", ["-KILL", "--", $"-{launcher}"], check: false);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await Shell.PortOpenAsync(port) && DateTime.UtcNow < deadline) await Task.Delay(100);
    }

    /// <summary>Every queue and how many messages it holds (ready and unacknowledged), from rabbitmqctl.</summary>
    public async Task<Dictionary<string, long>> QueueDepthsAsync()
    {
        var output = await Shell.RunAsync(Path.Combine(Bin, "rabbitmqctl"), ["-n", nodeName, "-q", "list_queues", "name", "messages"], Environment);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
            .Where(f => f.Length == 2 && long.TryParse(f[1], out _)).ToDictionary(f => f[0], f => long.Parse(f[1]));
    }

    internal static string Tail(string file) =>
        File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(30)) : "(no log)";
}
