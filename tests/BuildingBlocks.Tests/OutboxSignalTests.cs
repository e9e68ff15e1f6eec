using Platform.Messaging;

namespace BuildingBlocks.Tests;

/// <summary>How commits wake the outbox relay: once per wake-up, however many commits signal meanwhile, and never lost.</summary>
public sealed class OutboxSignalTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_burst_of_commits_wakes_the_relay_once_and_a_commit_after_the_wake_wakes_it_again()
    {
        var signal = new OutboxSignal();
        Assert.False(await signal.WaitAsync(Short, CancellationToken.None)); // nothing committed yet

        for (var i = 0; i < 1_000; i++) signal.Notify(); // a burst: no exception, one wake-up
        Assert.True(await signal.WaitAsync(Short, CancellationToken.None));
        Assert.False(await signal.WaitAsync(Short, CancellationToken.None));

        signal.Notify(); // committed after the relay woke: its next wait returns at once
        Assert.True(await signal.WaitAsync(Short, CancellationToken.None));
    }

    [Fact]
    public async Task Commits_from_many_threads_always_leave_the_relay_a_wake_up_it_has_not_taken()
    {
        var signal = new OutboxSignal();
        for (var round = 0; round < 200; round++)
        {
            await Parallel.ForAsync(0, 8, (_, _) => { signal.Notify(); return ValueTask.CompletedTask; });
            Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None), $"round {round}: the signal was lost");
            Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), $"round {round}: woken twice for one burst");
        }
    }
}
