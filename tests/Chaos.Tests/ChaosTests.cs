using Platform.Chaos;
using Xunit.Abstractions;

namespace Chaos.Tests;

/// <summary>The fault-injection suite's platform (two Surveys replicas), started once for the scenarios below.</summary>
public sealed class ChaosFixture : IAsyncLifetime
{
    public ChaosPlatform Chaos { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Chaos = await ChaosPlatform.StartAsync(new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent?.Name ?? "Debug", _ => { });

    public async Task DisposeAsync()
    {
        if (Chaos is not null) await Chaos.DisposeAsync();
    }
}

/// <summary>
/// The two scenarios of <c>./dev chaos</c> short enough for every test run, with the same scenario code and checker,
/// 500 submits each: a Surveys replica killed every 5 s, and a poison message in Reporting's queue. Whatever was
/// acknowledged is stored once and counted once, and no request failed uncleanly (docs/reliability.md).
/// </summary>
public sealed class ChaosTests(ChaosFixture fixture, ITestOutputHelper output) : IClassFixture<ChaosFixture>
{
    private const int Submissions = 500;

    [Fact]
    public Task Surveys_replicas_killed_every_five_seconds_lose_and_double_nothing() =>
        RunAsync("surveys-killed", TimeSpan.FromSeconds(15));

    [Fact]
    public Task A_poison_message_goes_to_the_error_queue_and_every_response_behind_it_is_counted() =>
        RunAsync("poison-message", TimeSpan.FromSeconds(15));

    private async Task RunAsync(string name, TimeSpan loadFor)
    {
        var result = await ChaosSuite.RunAsync(fixture.Chaos, Scenarios.All.Single(s => s.Name == name), Submissions, loadFor);
        output.WriteLine(result.Line);
        Assert.True(result.Passed, string.Join("\n", [result.Line, .. result.Problems, .. fixture.Chaos.ErrorLines(5)]));
    }
}
