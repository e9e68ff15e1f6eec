using System.Diagnostics;
using MassTransit;
using Npgsql;
using Platform.Contracts.Surveys;
using Platform.Local;

namespace Platform.Chaos;

/// <summary>A scenario in progress: the platform, and how long its load runs (a fault that repeats stops before the load does).</summary>
public sealed record ScenarioRun(ChaosPlatform Chaos, TimeSpan LoadFor)
{
    public Stopwatch SinceLoadStarted { get; } = Stopwatch.StartNew();
    public LocalPlatform Platform => Chaos.Platform;
}

/// <summary>
/// One fault injected while the load runs. <paramref name="LoadFor"/> is how long the submits are spread over in a full
/// run; <paramref name="Prepare"/> runs before the wave is set up, <paramref name="AlsoCheck"/> after the checker (a
/// problem it finds fails the scenario).
/// </summary>
public sealed record Scenario(string Name, string Fault, TimeSpan LoadFor, Func<ScenarioRun, Task> Inject,
    Func<ChaosPlatform, Task>? Prepare = null, Func<ChaosPlatform, Task<string?>>? AlsoCheck = null);

public static class Scenarios
{
    /// <summary>Reporting's queue of packed survey responses, where the poison message is put.</summary>
    public const string ResponsePacksQueue = "reporting-survey-response-packs";

    private static long _poisonedBefore;

    /// <summary>In the order a full run takes them; delivered-twice last, because it restarts the services with the switch on.</summary>
    public static readonly IReadOnlyList<Scenario> All =
    [
        new("rabbitmq-stopped", "RabbitMQ stopped for 30 s, then started", TimeSpan.FromSeconds(45), async run =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await run.Platform.RabbitMq.StopAsync();
            try { await Task.Delay(TimeSpan.FromSeconds(30)); }
            finally { await run.Platform.RabbitMq.StartAsync(); }
        }),
        new("rabbitmq-frozen", "RabbitMQ frozen (SIGSTOP) for 20 s, then resumed (SIGCONT)", TimeSpan.FromSeconds(35), async run =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await run.Platform.RabbitMq.FreezeAsync();
            try { await Task.Delay(TimeSpan.FromSeconds(20)); }
            finally { await run.Platform.RabbitMq.ResumeAsync(); }
        }),
        new("surveys-killed", "a Surveys replica killed (SIGKILL) every 5 s and restarted", TimeSpan.FromSeconds(35), KillSurveysEveryFiveSecondsAsync),
        new("postgres-restarted", "PostgreSQL restarted with pg_ctl restart -m immediate", TimeSpan.FromSeconds(20), async run =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await run.Platform.Postgres.RestartImmediateAsync();
            NpgsqlConnection.ClearAllPools(); // the suite's own pooled connections died with the server
        }),
        new("poison-message", "a message Reporting always throws on, in its queue of survey responses, with packs queued behind it", TimeSpan.FromSeconds(20), async run =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            // Reporting is frozen while the poison and the next released steps queue up, so they reach it together, as
            // after any pause (a deploy, a backlog): the messages behind the poison are prefetched and batched with it.
            await run.Platform.FreezeInstanceAsync("reporting", true);
            try
            {
                await SendPoisonAsync(run.Platform);
                await Task.Delay(TimeSpan.FromSeconds(8));
            }
            finally
            {
                await run.Platform.FreezeInstanceAsync("reporting", false);
            }
        }, Prepare: async chaos => _poisonedBefore = (await chaos.Platform.RabbitMq.QueueDepthsAsync()).GetValueOrDefault(ResponsePacksQueue + "_error"),
        AlsoCheck: async chaos =>
        {
            // The poison goes to the error queue only after its retries (about 25 s of back-off), maybe after the checker is done.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            Dictionary<string, long> queues;
            while (true)
            {
                queues = await chaos.Platform.RabbitMq.QueueDepthsAsync();
                if (queues.GetValueOrDefault(ResponsePacksQueue + "_error") > _poisonedBefore || DateTime.UtcNow > deadline) break;
                await Task.Delay(500);
            }
            var errors = queues.GetValueOrDefault(ResponsePacksQueue + "_error") - _poisonedBefore;
            if (errors != 1) return $"{ResponsePacksQueue}_error holds {errors} new messages, not just the poison one";
            return queues.GetValueOrDefault(ResponsePacksQueue) == 0 ? null : $"{ResponsePacksQueue} still holds {queues[ResponsePacksQueue]} messages";
        }),
        new("delivered-twice", "every message delivered twice (the relay's test-only switch)", TimeSpan.FromSeconds(20), _ => Task.CompletedTask,
            Prepare: chaos => chaos.RestartServicesDeliveringTwiceAsync(true)),
    ];

    /// <summary>
    /// Every 5 s one Surveys replica (the two in turn) is killed with SIGKILL and started again at once; the gateway must
    /// route around it meanwhile. The fault ends when the last one killed answers ready again.
    /// </summary>
    private static async Task KillSurveysEveryFiveSecondsAsync(ScenarioRun run)
    {
        var instances = run.Platform.Options.InstancesOf("surveys").Select(i => i.Instance).ToArray();
        var restarted = new List<ServiceProcess>();
        for (var kill = 1; TimeSpan.FromSeconds(5 * kill) < run.LoadFor; kill++)
        {
            var due = TimeSpan.FromSeconds(5 * kill) - run.SinceLoadStarted.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
            var victim = instances[kill % instances.Length];
            await run.Platform.KillInstanceAsync(victim);
            restarted.Add(run.Platform.StartInstanceProcess(victim));
        }
        await restarted.Last().WaitReadyAsync(TimeSpan.FromSeconds(120));
    }

    /// <summary>
    /// A pack of survey responses whose list is missing: well-formed for the broker and the serializer, but the consumer
    /// throws on it every time. Sent straight to Reporting's queue, as a bad publisher would.
    /// </summary>
    public static async Task SendPoisonAsync(LocalPlatform platform)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host("127.0.0.1", (ushort)platform.Options.RabbitMqPort, "/", h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        await bus.StartAsync();
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{ResponsePacksQueue}"));
            await endpoint.Send(new SurveyResponsesSubmitted(Guid.NewGuid(), null!, DateTimeOffset.UtcNow), c => c.MessageId = Guid.NewGuid());
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
