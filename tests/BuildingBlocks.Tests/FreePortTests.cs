using Platform.Local;

namespace BuildingBlocks.Tests;

/// <summary>The local runner never promises one port to two components (issue 26: maildev's web port and Surveys both got 29173).</summary>
public sealed class FreePortTests
{
    [Fact]
    public void Ports_handed_out_by_one_process_are_distinct()
    {
        // 3,000 draws from the ~22,000 ports below the ephemeral range: random picks alone would repeat dozens of times.
        var ports = new List<int>();
        for (var i = 0; i < 1000; i++)
        {
            ports.Add(Shell.FreePort());
            var pair = Shell.FreePortPair();
            ports.Add(pair);
            ports.Add(pair + 1);
        }
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public void A_throwaway_platform_has_a_port_of_its_own_for_every_listener()
    {
        // Each options object also generates two RSA keys (~0.2 s): 25 platforms are 350 ports, enough to see a repeat.
        for (var i = 0; i < 25; i++)
        {
            var o = LocalPlatformOptions.Throwaway(Path.GetTempPath(), "Debug", durable: false);
            int[] listeners = [.. o.Ports.Where(p => p.Key != "gateway").Select(p => p.Value), o.GatewayPort, o.PostgresPort,
                o.RabbitMqPort, o.RabbitMqPort + 1, o.SmtpPort, o.MailWebPort];
            Assert.Equal(listeners.Length, listeners.Distinct().Count());
        }
    }
}
