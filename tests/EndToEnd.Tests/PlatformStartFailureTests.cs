using System.Net;
using System.Net.Sockets;
using Platform.Local;

namespace EndToEnd.Tests;

/// <summary>
/// A platform whose start fails stops everything it had started (issue 26: an aborted benchmark start left PostgreSQL,
/// RabbitMQ, maildev and six services running). Its own throwaway platform, not the shared one; the test classes run
/// one after another, so it never competes with the shared platform's start.
/// </summary>
public sealed class PlatformStartFailureTests
{
    [Fact]
    public async Task A_platform_that_cannot_start_a_service_stops_every_process_it_started_and_frees_its_ports()
    {
        var root = Path.Combine(Path.GetTempPath(), "nh-abort-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent?.Name is "Release" ? "Release" : "Debug";
        var options = LocalPlatformOptions.Throwaway(root, configuration, durable: false);
        try
        {
            // Something else holds Reporting's port: Reporting cannot bind it and exits, after the infrastructure and the
            // other services were started.
            var squatter = new TcpListener(IPAddress.Loopback, options.Ports["reporting"]);
            squatter.Start();
            try
            {
                var e = await Assert.ThrowsAsync<PlatformStartException>(() => new LocalPlatform(options).StartAsync());
                Assert.Contains("reporting", e.Message);
            }
            finally
            {
                squatter.Stop();
            }

            Assert.Empty(ProcessesUnder(root));
            int[] ports = [.. options.Ports.Values, options.PostgresPort, options.RabbitMqPort, options.RabbitMqPort + 1, options.SmtpPort, options.MailWebPort];
            foreach (var port in ports) Assert.False(await Shell.PortOpenAsync(port), $"port {port} is still open");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Every live process that belongs to the platform in <paramref name="root"/>: PostgreSQL names its data directory on
    /// its command line; every detached process (services, maildev, RabbitMQ) inherits NH_LOG_FILE under it. Except epmd,
    /// Erlang's port mapper, which one RabbitMQ start spawns for every node on the machine and is not one platform's.
    /// </summary>
    private static List<string> ProcessesUnder(string root)
    {
        var found = new List<string>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId || !Shell.IsAlive(pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if ((cmdline.Contains(root) || environ.Contains(root)) && !cmdline.Contains("/epmd"))
                    found.Add($"{pid}: {cmdline}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // exited meanwhile
        }
        return found;
    }
}
