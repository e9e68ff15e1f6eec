namespace EndToEnd.Tests;

/// <summary>
/// Faults as they happen, during a steady stream of survey submits: the broker frozen (SIGSTOP) or killed (SIGKILL) and
/// started again, PostgreSQL restarted without a checkpoint or down for longer than a restart. Whatever was acknowledged
/// is stored once and counted once by Reporting, and no request is answered with a 500.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FaultTests(PlatformFixture platform)
{
    private const int Submits = 300;
    private const double PerSecond = 15;

    [Fact]
    public async Task Responses_submitted_while_the_broker_is_frozen_reach_reporting_once_it_answers_again()
    {
        var load = await SubmitDuringAsync(FreezeBrokerAsync);
        await AssertEveryAcknowledgedResponseReachesReportingAsync(load, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Joiners are packed by the relay (several MemberJoined rows in one message), and a pack retried after a timeout used
    /// to share its id with the first try that the broker had in fact delivered: the consumer's inbox took the second for
    /// a duplicate and its members were lost (issue 23, docs/adr/0007).
    /// </summary>
    [Fact]
    public async Task Members_added_while_the_broker_is_frozen_all_reach_surveys()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var driver = new SurveyDriver(platform, 2026);
        var (network, _) = await driver.NetworkWithMembersAsync(hub, 0);
        const int members = 150;
        var adding = Task.Run(async () =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < members; i++)
            {
                var due = TimeSpan.FromSeconds(i / 10.0) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
                await platform.Api.PostAsync<System.Text.Json.JsonElement>($"/api/networks/{network}/members", hub,
                    new { email = $"joiner{i}-{Guid.NewGuid():N}@fault.test", givenName = "Jo", familyName = "Iner", role = "TeamMember", startDate = "2025-09-01" });
            }
        });
        await FreezeBrokerAsync();
        await adding;

        await driver.DraftWaveAsync(hub, network, members); // waits until Surveys knows every member
        await platform.WaitUntilEveryServiceIsHealthyAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Responses_submitted_while_the_broker_is_killed_reach_reporting_once_it_is_back()
    {
        var load = await SubmitDuringAsync(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await platform.Platform.RabbitMq.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            await platform.Platform.RabbitMq.StartAsync();
        });

        await AssertEveryAcknowledgedResponseReachesReportingAsync(load, TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task A_database_restart_during_submits_answers_503_never_500_and_loses_nothing()
    {
        var load = await SubmitDuringAsync(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await platform.Platform.Postgres.RestartImmediateAsync();
            Npgsql.NpgsqlConnection.ClearAllPools(); // this process's own pooled connections died with the server
        });

        Assert.All(load.Statuses, status => Assert.Contains(status, new[] { 200, 409, 503 }));
        await AssertEveryAcknowledgedResponseReachesReportingAsync(load, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Responses_waiting_for_reporting_while_the_database_is_down_for_30_seconds_are_counted_once_it_is_back()
    {
        var load = await SubmitDuringAsync(async () =>
        {
            // Released steps queue for a frozen Reporting; PostgreSQL dies; Reporting then takes them in and finds no
            // database for 30 s, longer than its quick retries last (they sent such messages to the error queue before).
            await platform.Platform.FreezeInstanceAsync("reporting", true);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(8));
                await platform.Platform.Postgres.KillAsync();
            }
            finally
            {
                await platform.Platform.FreezeInstanceAsync("reporting", false);
            }
            await Task.Delay(TimeSpan.FromSeconds(30));
            await platform.Platform.Postgres.StartAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
        });

        Assert.All(load.Statuses, status => Assert.Contains(status, new[] { 200, 409, 503 }));
        await AssertEveryAcknowledgedResponseReachesReportingAsync(load, TimeSpan.FromSeconds(60));
    }

    /// <summary>A wave of <see cref="Submits"/> members, each submitting at <see cref="PerSecond"/> while <paramref name="fault"/> runs.</summary>
    private async Task<SurveyLoad> SubmitDuringAsync(Func<Task> fault)
    {
        var load = await SurveyLoad.OpenWaveAsync(platform, await platform.TokenAsync(PlatformFixture.RiverbendAdmin), Submits);
        await load.SubmitAllAsync(PerSecond, fault);
        return load;
    }

    /// <summary>Every submit was acknowledged in the end, and reaches Reporting once; then every service is whole again.</summary>
    private async Task AssertEveryAcknowledgedResponseReachesReportingAsync(SurveyLoad load, TimeSpan within)
    {
        Assert.Equal(Submits, load.Acknowledged.Count);
        await load.AssertEveryAcknowledgedResponseReachesReportingOnceAsync(within);
        await platform.WaitUntilEveryServiceIsHealthyAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Three seconds in, freezes the broker (SIGSTOP) for fifteen seconds, then lets it go on.</summary>
    private async Task FreezeBrokerAsync()
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
    }
}
