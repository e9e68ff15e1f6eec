using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data;
using Platform.Local;
using Platform.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace BuildingBlocks.Tests;

public sealed record QueueProbe(Guid Id);

public sealed class QueueProbeConsumer : IConsumer<QueueProbe>
{
    public Task Consume(ConsumeContext<QueueProbe> context) => Task.CompletedTask;
}

/// <summary>Messaging:QuorumQueues switches every receive queue to a replicated quorum queue, on a real broker.</summary>
public sealed class QuorumQueueTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nh-quorum-" + Guid.NewGuid().ToString("N")[..8]);
    private RabbitMqNode _rabbit = null!;

    public async Task InitializeAsync()
    {
        _rabbit = new RabbitMqNode(Path.Combine(_root, "rabbitmq"), Path.Combine(_root, "rabbitmq.log"), Shell.FreePortPair(),
            "quorum-" + Guid.NewGuid().ToString("N")[..6] + "@localhost");
        await _rabbit.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _rabbit.StopAsync();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<string> StartServiceAsync(string service, bool quorum)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The outbox relay needs a database but this test publishes nothing through it: an unreachable one will do.
            ["ConnectionStrings:Database"] = "Host=127.0.0.1;Port=1;Username=x;Password=x;Timeout=1",
            ["RabbitMq:Port"] = _rabbit.Port.ToString(),
            ["Messaging:QuorumQueues"] = quorum.ToString(),
        });
        builder.AddServiceDatabase();
        builder.AddMessaging(service, x => x.AddConsumer<QueueProbeConsumer>());
        await using var app = builder.Build();
        await app.StartAsync();
        await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        await app.StopAsync();
        return $"{service}-queue-probe";
    }

    private async Task<bool> DeclaredAsAsync(string queue, string type)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = _rabbit.Port };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            // Redeclaring with other arguments fails with PRECONDITION_FAILED: that is how a client learns the queue's type.
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = type });
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406)
        {
            return false;
        }
    }

    [Fact]
    public async Task Queues_are_quorum_queues_when_switched_on_and_classic_otherwise()
    {
        var quorum = await StartServiceAsync("quorum-on", quorum: true);
        var classic = await StartServiceAsync("quorum-off", quorum: false);

        Assert.True(await DeclaredAsAsync(quorum, "quorum"));
        Assert.False(await DeclaredAsAsync(quorum, "classic"));
        Assert.True(await DeclaredAsAsync(classic, "classic"));
        Assert.False(await DeclaredAsAsync(classic, "quorum"));
    }
}
