using System.Diagnostics;
using System.Net.Sockets;

namespace Platform.Local;

/// <summary>Running local programs: foreground commands, detached daemons (own session, log file, pid) and their shutdown.</summary>
public static class Shell
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a command to completion; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null,
        bool asPostgres = false, bool check = true, CancellationToken ct = default)
    {
        var psi = StartInfo(file, args, asPostgres);
        psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        var output = await stdout + await stderr;
        if (check && p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode}: {output}");
        return output;
    }

    /// <summary>
    /// Starts a program in its own session (it outlives this process), appending its output to <paramref name="logFile"/>.
    /// Returns its pid, which is also its process-group id.
    /// </summary>
    public static int StartDetached(string file, IEnumerable<string> args, IDictionary<string, string> env, string logFile, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("setsid \"$0\" \"$@\" >>\"$NH_LOG_FILE\" 2>&1 </dev/null & echo $!");
        psi.ArgumentList.Add(file);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        psi.Environment["NH_LOG_FILE"] = logFile;
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        using var p = Process.Start(psi)!;
        var pid = int.Parse(p.StandardOutput.ReadLine()!.Trim());
        p.WaitForExit();
        return pid;
    }

    /// <summary>Running, and not a zombie (an exited orphan that this container's init has not reaped yet).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM to the whole process group, then SIGKILL after <paramref name="grace"/>.</summary>
    public static async Task StopGroupAsync(int pid, TimeSpan grace)
    {
        if (!IsAlive(pid)) return;
        await RunAsync("kill", ["-TERM", "--", $"-{pid}"], check: false);
        var deadline = DateTime.UtcNow + grace;
        while (IsAlive(pid) && DateTime.UtcNow < deadline) await Task.Delay(100);
        if (IsAlive(pid)) await RunAsync("kill", ["-KILL", "--", $"-{pid}"], check: false);
    }

    public static async Task<bool> PortOpenAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    // Every port handed out by this process, kept for its lifetime: a port is free when it is checked but is bound only
    // later, when its component starts, so without this two components of one platform (or two fixtures of one test
    // run) could be promised the same port (seen: a benchmark's maildev web port and Surveys both got 29173).
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A free port below the kernel's ephemeral range that this process has not handed out before: a port the kernel
    /// hands out itself (bind to 0) can be taken by any outgoing connection before the service that was promised it binds it.
    /// </summary>
    public static int FreePort()
    {
        lock (HandedOut)
        {
            var port = FindFree(adjacent: false);
            HandedOut.Add(port);
            return port;
        }
    }

    /// <summary>Two adjacent free ports (RabbitMQ uses the AMQP port and the next one for Erlang distribution); both handed out.</summary>
    public static int FreePortPair()
    {
        lock (HandedOut)
        {
            var port = FindFree(adjacent: true);
            HandedOut.Add(port);
            HandedOut.Add(port + 1);
            return port;
        }
    }

    private static int FindFree(bool adjacent)
    {
        var ephemeralStart = 32768;
        if (File.Exists("/proc/sys/net/ipv4/ip_local_port_range")
            && int.TryParse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start))
            ephemeralStart = start;
        for (var i = 0; ephemeralStart > 12000 && i < 1000; i++)
        {
            var port = Random.Shared.Next(10000, ephemeralStart - 2);
            if (IsFree(port) && (!adjacent || IsFree(port + 1))) return port;
        }
        for (var i = 0; i < 1000; i++)
        {
            var any = new TcpListener(System.Net.IPAddress.Loopback, 0);
            any.Start();
            var port = ((System.Net.IPEndPoint)any.LocalEndpoint).Port;
            any.Stop();
            if (!HandedOut.Contains(port) && port < 65535 && (!adjacent || IsFree(port + 1))) return port;
        }
        throw new InvalidOperationException(adjacent ? "No two adjacent free ports" : "No free port");
    }

    private static bool IsFree(int port)
    {
        if (HandedOut.Contains(port)) return false;
        try
        {
            var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static void ChownToPostgres(string path)
    {
        if (IsRoot) RunAsync("chown", ["-R", "postgres:postgres", path]).GetAwaiter().GetResult();
    }

    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> args, bool asPostgres)
    {
        // initdb refuses root; PostgreSQL runs as the postgres user when we are root.
        var psi = asPostgres && IsRoot ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", file } } : new ProcessStartInfo(file);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.UseShellExecute = false;
        return psi;
    }
}
