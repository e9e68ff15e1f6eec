using System.Text.Json;
using Dapper;
using Platform.Contracts.Networks;

namespace EndToEnd.Tests;

/// <summary>
/// A network's facts reach Surveys and Assessments (the shared NetworkFacts read model) and Reporting (its own richer
/// copy) through the real relay, broker and consumers. Events may arrive out of order and be sent again: a fact replaces
/// the stored one only when strictly newer.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NetworkFactsOrderTests(PlatformFixture platform)
{
    private static readonly string[] Readers = ["surveys", "assessments", "reporting"];

    [Fact]
    public async Task An_older_update_and_one_with_the_same_time_are_ignored_and_a_newer_one_applies_in_every_reader()
    {
        var (tenant, network) = (Guid.NewGuid(), Guid.NewGuid());
        var at = new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero);
        try
        {
            await PublishAsync(tenant, network, "Newer", at);
            await EveryReaderShowsAsync(network, "Newer", "the first facts are stored");

            var older = await PublishAsync(tenant, network, "Older", at.AddSeconds(-1));
            await EveryReaderHandledAsync(older, "the older update is consumed");
            await EveryReaderStillShowsAsync(network, "Newer");

            var resent = await PublishAsync(tenant, network, "Same time", at);
            await EveryReaderHandledAsync(resent, "the update with the same time is consumed");
            await EveryReaderStillShowsAsync(network, "Newer"); // the same fact sent again changes nothing

            await PublishAsync(tenant, network, "Newest", at.AddSeconds(1));
            await EveryReaderShowsAsync(network, "Newest", "a newer update applies");
        }
        finally
        {
            foreach (var reader in Readers)
            {
                await using var db = platform.ConnectAsSuperuser(reader);
                await db.ExecuteAsync("delete from networks where network_id = @network", new { network });
            }
        }
    }

    /// <summary>
    /// Puts a NetworkUpdated into Networks' outbox, as a write would; its relay publishes it. Returns the message id (the
    /// outbox row's id), under which each consumer's inbox records it.
    /// </summary>
    private async Task<Guid> PublishAsync(Guid tenant, Guid network, string name, DateTimeOffset occurredAt)
    {
        var @event = new NetworkUpdated(tenant, network, name, "Ordering of facts", "Instructional", new DateOnly(2030, 8, 1), "Initiate", "Active",
            "None", occurredAt, RegisteredAt: occurredAt.AddDays(-1));
        var id = Guid.CreateVersion7();
        await using var networks = platform.ConnectAsSuperuser("networks");
        await networks.ExecuteAsync("""
            insert into outbox_messages (id, tenant_id, message_type, payload) values (@id, @tenant, @type, @payload::jsonb)
            """, new { id, tenant, type = typeof(NetworkUpdated).FullName, payload = JsonSerializer.Serialize(@event, new JsonSerializerOptions(JsonSerializerDefaults.Web)) });
        return id;
    }

    private async Task EveryReaderHandledAsync(Guid messageId, string because)
    {
        foreach (var reader in Readers)
        {
            await using var db = platform.ConnectAsSuperuser(reader);
            await PlatformFixture.EventuallyAsync(async () => await db.ExecuteScalarAsync<bool>(
                "select exists (select from inbox_messages where consumer = 'NetworkUpdatedConsumer' and message_id = @messageId)", new { messageId }),
                PlatformFixture.EventDelivery, $"{reader}: {because}");
        }
    }

    /// <summary>Reads once: the consumer's inbox row and its effect commit together, so what it did is already there.</summary>
    private async Task EveryReaderStillShowsAsync(Guid network, string name)
    {
        foreach (var reader in Readers)
        {
            await using var db = platform.ConnectAsSuperuser(reader);
            Assert.Equal((reader, name), (reader, await db.ExecuteScalarAsync<string?>("select name from networks where network_id = @network", new { network })));
        }
    }

    private async Task EveryReaderShowsAsync(Guid network, string name, string because)
    {
        foreach (var reader in Readers)
        {
            await using var db = platform.ConnectAsSuperuser(reader);
            await PlatformFixture.EventuallyAsync(async () => await db.ExecuteScalarAsync<string?>(
                "select name from networks where network_id = @network", new { network }) == name, PlatformFixture.EventDelivery, $"{reader}: {because}");
        }
    }
}
