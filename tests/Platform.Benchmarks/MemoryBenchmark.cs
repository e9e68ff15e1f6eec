using System.Diagnostics;
using Platform.Local;

namespace Platform.Benchmarks;

/// <summary>
/// Each service's resident memory when idle, as a pod's memory request sees it: a platform with the demo tenants, every
/// demo user signed in once (tokens issued, keys loaded, the first requests compiled), then a minute with no traffic.
/// Budget: Identity under 150 MB (issue 26); the others are printed beside it, with the same budget as a yardstick.
/// </summary>
public static class MemoryBenchmark
{
    private const double BudgetMb = 150;

    public static Task<int> RunAsync() => BenchPlatform.RunAsync(async bench =>
    {
        foreach (var login in DemoSeed.Logins)
        {
            var token = await bench.Api.GetTokenAsync(login.Email, LocalPlatform.DemoPassword);
            if (login.Role == "hub-admin") await bench.Api.GetAsync<System.Text.Json.JsonElement>("/api/networks", token);
        }
        await BenchPlatform.WaitForQuietAsync();
        Console.WriteLine("Idle for 60 s ...");
        await Task.Delay(TimeSpan.FromSeconds(60));

        var resident = ResidentMbByService();
        // Anonymous memory is the process's own (GC heap, native allocations); file-backed is mapped assemblies and native
        // libraries, shared in the page cache with every other .NET process on the node; shared memory holds the JIT'd
        // code (mapped twice, writable and executable, under W^X).
        Console.WriteLine($"{"service",-14} {"RSS MB",7} {"anon",6} {"file",6} {"shmem",6}  RSS/budget");
        foreach (var (service, mb) in resident.OrderByDescending(r => r.Value.Total))
            Console.WriteLine($"{service,-14} {mb.Total,7:F0} {mb.Anonymous,6:F0} {mb.File,6:F0} {mb.Shared,6:F0}  {mb.Total / BudgetMb:F2}x");
        var identity = resident.GetValueOrDefault("Identity").Total;
        Console.WriteLine($"Identity idle: {identity:F0} MB (budget {BudgetMb:F0} MB, {(identity < BudgetMb ? "met" : "MISSED")})");
        return identity < BudgetMb ? 0 : 1;
    });

    /// <summary>VmRSS of every platform service process (Platform.*.dll), and its anonymous and file-backed parts, summed per service.</summary>
    private static Dictionary<string, (double Total, double Anonymous, double File, double Shared)> ResidentMbByService()
    {
        var resident = new Dictionary<string, (double Total, double Anonymous, double File, double Shared)>();
        foreach (var process in Process.GetProcesses())
            using (process)
            {
                try
                {
                    var service = System.Text.RegularExpressions.Regex.Match(
                        File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' '), @"Platform\.(\w+)\.dll");
                    if (!service.Success || service.Groups[1].Value is "Benchmarks" or "Local") continue;
                    var status = File.ReadAllLines($"/proc/{process.Id}/status");
                    double Kb(string field) => double.Parse(status.Single(l => l.StartsWith(field + ":")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
                    var sum = resident.GetValueOrDefault(service.Groups[1].Value);
                    resident[service.Groups[1].Value] = (sum.Total + Kb("VmRSS"), sum.Anonymous + Kb("RssAnon"), sum.File + Kb("RssFile"), sum.Shared + Kb("RssShmem"));
                }
                catch (Exception e) when (e is InvalidOperationException or IOException) { } // exited meanwhile
            }
        return resident;
    }
}
