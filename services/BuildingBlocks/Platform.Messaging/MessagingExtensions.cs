using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Data;

namespace Platform.Messaging;

public static class MessagingExtensions
{
    /// <summary>How often a failing message is retried (exponential back-off) before it is moved to its queue's <c>_error</c> queue.</summary>
    public const int RetryLimit = 5;

    /// <summary>
    /// How long a message that met an unavailable database is kept and tried again (every two seconds) before it too goes
    /// to <c>_error</c>. A crash restart of PostgreSQL took 14 s under load in <c>./dev chaos postgres-restarted</c>, longer
    /// than the five quick retries, and the messages in flight were lost to <c>_error</c>.
    /// </summary>
    public static readonly TimeSpan DatabaseOutageLimit = TimeSpan.FromMinutes(10);

    /// <summary>
    /// MassTransit on RabbitMQ (<c>RabbitMq:*</c>), the outbox and its relay, bounded retries then the <c>_error</c> queue.
    /// Queues are named after the service, so each service gets its own copy of every event it consumes.
    /// </summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var rabbit = builder.Configuration.GetSection("RabbitMq");
        var quorumQueues = builder.Configuration.GetValue("Messaging:QuorumQueues", false);

        // The relay times retention with the one clock; a host without the service defaults still gets it.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton(new RelayFaults(builder.Configuration.GetValue("Messaging:Faults:DeliverEveryMessageTwice", false)));
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddMigrationScripts(typeof(MessagingExtensions).Assembly, MigrationStage.Platform);

        builder.Services.AddMassTransit(x =>
        {
            // MassTransit reports usage to its vendor over the internet by default; nothing of ours leaves the platform.
            x.DisableUsageTelemetry();
            // A broker outage degrades a service but does not make it unready: the outbox keeps accepting writes.
            x.ConfigureHealthCheckOptions(o =>
            {
                o.Name = "rabbitmq";
                o.MinimalFailureStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded;
            });
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            consumers?.Invoke(x);
            if (quorumQueues)
                x.AddConfigureEndpointsCallback((_, cfg) => { if (cfg is IRabbitMqReceiveEndpointConfigurator q) q.SetQuorumQueue(); });

            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbit["Host"] ?? "127.0.0.1", rabbit.GetValue<ushort>("Port", 5672), rabbit["VirtualHost"] ?? "/", h =>
                {
                    h.Username(rabbit["Username"] ?? "guest");
                    h.Password(rabbit["Password"] ?? "guest");
                    h.PublisherConfirmation = true;
                });
                // Outer: the database is unavailable; nothing can be consumed until it is back, so wait for it.
                var pause = TimeSpan.FromSeconds(2);
                cfg.UseMessageRetry(r =>
                {
                    r.Handle<Exception>(TransientDatabaseFailure.Is);
                    r.Interval((int)(DatabaseOutageLimit / pause), pause);
                });
                // Inner: any other failure, a few quick retries, then the error queue.
                cfg.UseMessageRetry(r =>
                {
                    r.Ignore<Exception>(TransientDatabaseFailure.Is);
                    r.Exponential(RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        InboxNames.Check(builder.Services.Select(d => d.ServiceType));
        return builder;
    }
}

/// <summary>
/// Faults the fault-injection suite (<c>./dev chaos</c>) switches on, never set in a deployment:
/// <c>Messaging:Faults:DeliverEveryMessageTwice</c> makes the relay publish every message twice with the same id, so
/// every consumer must show that it applies a redelivery once.
/// </summary>
public sealed record RelayFaults(bool DeliverEveryMessageTwice);
