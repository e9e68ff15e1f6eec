using Platform.Contracts.Identity;
using Platform.Data;
using Platform.Messaging;

namespace BuildingBlocks.Tests;

/// <summary>
/// The inbox keys processed messages by a consumer's declared name, so a class rename keeps duplicate detection;
/// a consumer without a name, or two with one name, stop the service at startup instead of at the first message.
/// </summary>
public sealed class InboxNameTests
{
    [InboxName("TenantCreatedConsumer")]
    private sealed class TenantCreatedConsumer(Database db) : InboxConsumer<TenantCreated>(db)
    {
        protected override Task HandleAsync(TenantCreated message, UnitOfWork uow, CancellationToken ct) => Task.CompletedTask;
    }

    // The same consumer after a rename: its rows must still be found.
    [InboxName("TenantCreatedConsumer")]
    private sealed class TenantRegisteredHandler(Database db) : InboxConsumer<TenantCreated>(db)
    {
        protected override Task HandleAsync(TenantCreated message, UnitOfWork uow, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class Unnamed(Database db) : InboxConsumer<TenantCreated>(db)
    {
        protected override Task HandleAsync(TenantCreated message, UnitOfWork uow, CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public void A_renamed_consumer_keeps_its_inbox_key()
    {
        Assert.Equal("TenantCreatedConsumer", new TenantCreatedConsumer(null!).InboxName);
        Assert.Equal(new TenantCreatedConsumer(null!).InboxName, new TenantRegisteredHandler(null!).InboxName);
    }

    [Fact]
    public void A_consumer_without_an_inbox_name_stops_the_service_at_startup()
    {
        var e = Assert.Throws<InvalidOperationException>(() => InboxNames.Check([typeof(TenantCreatedConsumer), typeof(Unnamed)]));
        Assert.Contains(nameof(Unnamed), e.Message);
    }

    [Fact]
    public void Two_consumers_of_one_service_cannot_share_an_inbox_name()
    {
        var e = Assert.Throws<InvalidOperationException>(() => InboxNames.Check([typeof(TenantCreatedConsumer), typeof(TenantRegisteredHandler)]));
        Assert.Contains("TenantCreatedConsumer is used by", e.Message);
        InboxNames.Check([typeof(TenantCreatedConsumer), typeof(string)]); // only inbox consumers are checked
    }
}
