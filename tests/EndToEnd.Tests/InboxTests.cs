using Dapper;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Identity;
using Platform.Data;
using Platform.Messaging;

namespace EndToEnd.Tests;

/// <summary>
/// A consumer's inbox rows are keyed by its declared name, on real PostgreSQL: a message processed before a class rename
/// is still recognised after it, so a redelivery changes nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class InboxTests(PlatformFixture platform)
{
    private static int _handled;

    [InboxName("InboxRenameProbe")]
    public sealed class ProbeBeforeRename(Database db) : InboxConsumer<TenantCreated>(db)
    {
        protected override Task HandleAsync(TenantCreated message, UnitOfWork uow, CancellationToken ct) { Interlocked.Increment(ref _handled); return Task.CompletedTask; }
    }

    [InboxName("InboxRenameProbe")]
    public sealed class ProbeAfterRename(Database db) : InboxConsumer<TenantCreated>(db)
    {
        protected override Task HandleAsync(TenantCreated message, UnitOfWork uow, CancellationToken ct) { Interlocked.Increment(ref _handled); return Task.CompletedTask; }
    }

    [Fact]
    public async Task A_message_processed_before_a_consumer_is_renamed_is_a_duplicate_after_it()
    {
        var messageId = Guid.NewGuid();
        var message = new TenantCreated(Guid.NewGuid(), "Inbox probe", "Hub", null, DateTimeOffset.UtcNow);
        await DeliverAsync<ProbeBeforeRename>(message, messageId);
        await DeliverAsync<ProbeAfterRename>(message, messageId);
        Assert.Equal(1, _handled);

        await using var db = platform.ConnectAsSuperuser("networks");
        Assert.Equal(2, await db.ExecuteScalarAsync<int>(
            "select deliveries from inbox_messages where consumer = 'InboxRenameProbe' and message_id = @messageId", new { messageId }));
        await db.ExecuteAsync("delete from inbox_messages where consumer = 'InboxRenameProbe'");
    }

    private async Task DeliverAsync<TConsumer>(TenantCreated message, Guid messageId) where TConsumer : class, IConsumer<TenantCreated>
    {
        var source = NpgsqlDataSource.Create(platform.Platform.ConnectionString("networks"));
        await using var provider = new ServiceCollection()
            .AddSingleton(new Database(source))
            .AddMassTransitTestHarness(x => x.AddConsumer<TConsumer>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        try
        {
            await harness.Bus.Publish(message, c => c.MessageId = messageId);
            Assert.True(await harness.GetConsumerHarness<TConsumer>().Consumed.Any<TenantCreated>(m => m.Context.MessageId == messageId));
        }
        finally
        {
            await harness.Stop();
            await source.DisposeAsync();
        }
    }
}
