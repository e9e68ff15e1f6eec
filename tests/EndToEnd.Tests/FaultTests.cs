namespace EndToEnd.Tests;

/// <summary>
/// Faults as they happen, during a steady stream of survey submits: the broker frozen (SIGSTOP) or killed (SIGKILL) and
/// started again, PostgreSQL restarted without a checkpoint. Whatever was acknowledged is stored once and counted once
/// by Reporting, and no request is answered with a 500.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FaultTests(PlatformFixture platform)
{
    private const int Submits = 300;
    private const double PerSecond = 15;

    [Fact]
    public async Task Responses_submitted_while_the_broker_is_frozen_reach_reporting_once_it_answers_again()
    {
        var load = await SurveyLoad.OpenWaveAsync(platform, await platform.TokenAsync(PlatformFixture.RiverbendAdmin), Submits);
        await load.SubmitAllAsync(PerSecond, async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await platform.Platform.RabbitMq.FreezeAsync();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(15));
            }
            finally
            {
                await platform.Platform.RabbitMq.ResumeAsync();
            }
        });

        Assert.Equal(Submits, load.Acknowledged.Count);
        await load.AssertEveryAcknowledgedResponseReachesReportingOnceAsync(TimeSpan.FromSeconds(60));
        await platform.WaitUntilEveryServiceIsHealthyAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Responses_submitted_while_the_broker_is_killed_reach_reporting_once_it_is_back()
    {
        var load = await SurveyLoad.OpenWaveAsync(platform, await platform.TokenAsync(PlatformFixture.RiverbendAdmin), Submits);
        await load.SubmitAllAsync(PerSecond, async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await platform.Platform.RabbitMq.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            await platform.Platform.RabbitMq.StartAsync();
        });

        Assert.Equal(Submits, load.Acknowledged.Count);
        await load.AssertEveryAcknowledgedResponseReachesReportingOnceAsync(TimeSpan.FromSeconds(90));
        await platform.WaitUntilEveryServiceIsHealthyAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_database_restart_during_submits_answers_503_never_500_and_loses_nothing()
    {
        var load = await SurveyLoad.OpenWaveAsync(platform, await platform.TokenAsync(PlatformFixture.RiverbendAdmin), Submits);
        await load.SubmitAllAsync(PerSecond, async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await platform.Platform.Postgres.RestartImmediateAsync();
            Npgsql.NpgsqlConnection.ClearAllPools(); // this process's own pooled connections died with the server
        });

        Assert.All(load.Statuses, status => Assert.Contains(status, new[] { 200, 409, 503 }));
        Assert.Equal(Submits, load.Acknowledged.Count);
        await load.AssertEveryAcknowledgedResponseReachesReportingOnceAsync(TimeSpan.FromSeconds(60));
        await platform.WaitUntilEveryServiceIsHealthyAsync(TimeSpan.FromSeconds(60));
    }
}
