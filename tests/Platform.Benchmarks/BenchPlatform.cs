using System.Diagnostics;
using System.Text.RegularExpressions;
using Platform.Local;

namespace Platform.Benchmarks;

/// <summary>A throwaway platform on free ports in a temporary folder, as the tests use, durable like ./dev up.</summary>
public sealed class BenchPlatform : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nh-bench-" + Guid.NewGuid().ToString("N")[..12]);

    public LocalPlatform Platform { get; private set; } = null!;
    public PlatformApiClient Api { get; private set; } = null!;

    /// <summary>A fresh platform with the demo tenants and networks; <paramref name="fullDemo"/> adds `./dev up`'s surveys and rubric sessions.</summary>
    public static async Task<BenchPlatform> StartAsync(bool fullDemo = false)
    {
        var bench = new BenchPlatform();
        // The services run as deployed (Production), not as `./dev up` runs them (Development: scope validation and the like).
        bench.Platform = new LocalPlatform(LocalPlatformOptions.Throwaway(bench._root, "Release", durable: true,
            new Dictionary<string, string> { ["RateLimiting__PermitsPerSecond"] = "100000", ["ASPNETCORE_ENVIRONMENT"] = "Production" }));
        Console.WriteLine("Starting a platform for the benchmark ...");
        bench.Api = new PlatformApiClient(bench.Platform.Options.GatewayUrl, TimeSpan.FromMinutes(5));
        // A failed start or seed stops everything it had started (no orphaned platform holding ports for the next run).
        await bench.Platform.StartAsync(() => fullDemo
            ? DemoSeed.RunFullAsync(bench.Api, bench.Platform.Mail.WebUrl, Console.WriteLine)
            : DemoSeed.RunAsync(bench.Api));
        await WaitForQuietAsync();
        return bench;
    }

    /// <summary>
    /// Waits until the machine is nearly idle (the seed's events consumed by every service), so that a measurement does
    /// not share the two cores with the aftermath of the set-up. Gives up after <paramref name="limitSeconds"/>.
    /// </summary>
    public static async Task WaitForQuietAsync(double busyBelow = 0.15, int limitSeconds = 120)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var quietSeconds = 0;
        var (busy, total) = CpuTimes();
        while (quietSeconds < 2 && clock.Elapsed.TotalSeconds < limitSeconds)
        {
            await Task.Delay(1000);
            var (busyNow, totalNow) = CpuTimes();
            var share = (double)(busyNow - busy) / Math.Max(1, totalNow - total);
            quietSeconds = share < busyBelow ? quietSeconds + 1 : 0;
            (busy, total) = (busyNow, totalNow);
        }
        Console.WriteLine($"Machine quiet after {clock.Elapsed.TotalSeconds:F0} s of waiting.");
    }

    /// <summary>CPU time used so far by each part of the platform (a service, PostgreSQL, RabbitMQ, the benchmark itself).</summary>
    public static Dictionary<string, TimeSpan> CpuByPart()
    {
        var parts = new Dictionary<string, TimeSpan>();
        foreach (var process in Process.GetProcesses())
            using (process)
            {
                try
                {
                    var part = PartOf(process);
                    parts[part] = parts.GetValueOrDefault(part) + process.TotalProcessorTime;
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception) { } // exited meanwhile
            }
        return parts;
    }

    /// <summary>
    /// Cores each part kept busy between two <see cref="CpuByPart"/> readings, busiest first, as one line; with
    /// <paramref name="operations"/>, also the CPU milliseconds each part spent per operation (steadier from run to run
    /// than the rate, so it shows what a change saved).
    /// </summary>
    public static string CoresByPart(Dictionary<string, TimeSpan> before, Dictionary<string, TimeSpan> after, TimeSpan elapsed, int? operations = null) =>
        string.Join(", ", after.Select(p => (Part: p.Key, Cpu: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Cpu / elapsed >= 0.01).OrderByDescending(p => p.Cpu)
            .Select(p => $"{p.Part} {p.Cpu / elapsed:F2}" + (operations is { } n ? $" ({p.Cpu.TotalMilliseconds / n:F2} ms)" : "")));

    private static string PartOf(Process process)
    {
        var commandLine = File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' ');
        var service = Regex.Match(commandLine, @"Platform\.(\w+)\.dll");
        if (service.Success) return service.Groups[1].Value;
        // PostgreSQL's backends retitle themselves ("postgres: surveys surveys 127.0.0.1(…) idle"); Erlang runs RabbitMQ.
        if (commandLine.StartsWith("postgres", StringComparison.Ordinal) || commandLine.Contains("/postgresql/", StringComparison.Ordinal)) return "PostgreSQL";
        if (commandLine.Contains("rabbit", StringComparison.Ordinal) || process.ProcessName is "epmd" or "erl_child_setup" or "inet_gethost") return "RabbitMQ";
        return "other";
    }

    /// <summary>Busy and total CPU jiffies of the whole machine, from /proc/stat.</summary>
    private static (long Busy, long Total) CpuTimes()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = fields[3] + fields[4]; // idle + iowait
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }

    /// <summary>Runs a measurement on a fresh platform; on failure prints the services' error lines before the platform goes.</summary>
    public static async Task<int> RunAsync(Func<BenchPlatform, Task<int>> measure, bool fullDemo = false)
    {
        await using var bench = await StartAsync(fullDemo);
        try
        {
            return await measure(bench);
        }
        catch
        {
            bench.PrintErrors();
            throw;
        }
    }

    /// <summary>Prints the services' error lines (the folder with the logs is deleted on dispose).</summary>
    public void PrintErrors()
    {
        foreach (var log in Directory.GetFiles(Platform.Options.LogDirectory, "*.log"))
            foreach (var line in File.ReadLines(log).Where(l => l.Contains("fail:") || l.Contains("Exception")).Take(20))
                Console.Error.WriteLine($"{Path.GetFileName(log)}: {line}");
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.StopAllAsync();
        if (Environment.GetEnvironmentVariable("KEEP_BENCH_DATA") is null) Directory.Delete(_root, recursive: true);
        else Console.WriteLine($"Kept the benchmark's data and logs in {_root}");
    }
}
