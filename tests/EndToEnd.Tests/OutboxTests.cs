using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Platform.Data;
using Platform.Messaging;

namespace EndToEnd.Tests;

/// <summary>An acknowledged write never loses its event, and a redelivered event changes nothing.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OutboxTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_network_created_while_the_broker_is_down_reaches_reporting_once_it_is_back()
    {
        var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        await platform.Platform.RabbitMq.StopAsync();
        Guid id;
        try
        {
            using var created = await platform.Api.SendAsync(HttpMethod.Post, "/api/networks", token,
                new { name = "Built while RabbitMQ was down", aim = "Keep going", goalType = "Other", launchDate = "2023-08-01" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(1, await PendingOutboxRowsForAsync(id));

            // At worst degraded, never unready: the service keeps taking writes while the broker is away.
            using var ready = await new HttpClient().GetAsync(new Uri($"http://127.0.0.1:{platform.Platform.Options.Ports["networks"]}/health/ready"));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(0, await ReportingRowsAsync(id));
        }
        finally
        {
            await platform.Platform.RabbitMq.StartAsync();
        }

        await PlatformFixture.EventuallyAsync(async () => await ReportingRowsAsync(id) == 1,
            TimeSpan.FromSeconds(60), "the held-back event is published once the broker is back");
        // The relay marks the row sent after the broker confirms, which can come after the consumer already ran.
        await PlatformFixture.EventuallyAsync(async () => await PendingOutboxRowsForAsync(id) == 0,
            PlatformFixture.EventDelivery, "the published row is marked sent");
        // Every service's consumers reconnect too (each endpoint on its own schedule), so later tests meet a whole platform.
        await platform.WaitUntilEveryServiceIsHealthyAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Sent_outbox_rows_expire_after_a_week_and_inbox_rows_a_month_after_their_last_delivery()
    {
        var (oldInbox, recentInbox, oldSent, recentSent, oldPending) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var superuser = platform.ConnectAsSuperuser("reporting"))
            await superuser.ExecuteAsync("""
                insert into inbox_messages (consumer, message_id, processed_at, last_delivered_at) values
                    ('RetentionProbe', @oldInbox, now() - interval '40 days', now() - interval '31 days'),
                    ('RetentionProbe', @recentInbox, now() - interval '40 days', now() - interval '29 days');
                -- The pending row waits a year for its next attempt, so the relay leaves it alone.
                insert into outbox_messages (id, tenant_id, message_type, payload, created_at, sent_at, next_attempt_at) values
                    (@oldSent, gen_random_uuid(), 'RetentionProbe', '{}', now() - interval '9 days', now() - interval '8 days', now()),
                    (@recentSent, gen_random_uuid(), 'RetentionProbe', '{}', now() - interval '9 days', now() - interval '6 days', now()),
                    (@oldPending, gen_random_uuid(), 'RetentionProbe', '{}', now() - interval '40 days', null, now() + interval '1 year');
                """, new { oldInbox, recentInbox, oldSent, recentSent, oldPending });

        // As the service's own login, as the relay runs it.
        await using (var source = NpgsqlDataSource.Create(platform.Platform.ConnectionString("reporting")))
        {
            var (outbox, inbox) = await MessageRetention.DeleteExpiredAsync(new Database(source), DateTimeOffset.UtcNow);
            Assert.True(outbox >= 1 && inbox >= 1, $"deleted {outbox} outbox and {inbox} inbox rows");
        }

        await using var db = platform.ConnectAsSuperuser("reporting");
        var left = (await db.QueryAsync<Guid>("""
            select message_id from inbox_messages where consumer = 'RetentionProbe'
            union all select id from outbox_messages where message_type = 'RetentionProbe'
            """)).ToHashSet();
        Assert.Equal(new HashSet<Guid> { recentInbox, recentSent, oldPending }, left);
        await db.ExecuteAsync("""
            delete from inbox_messages where consumer = 'RetentionProbe'; delete from outbox_messages where message_type = 'RetentionProbe'
            """);
    }

    [Fact]
    public async Task Rows_the_relay_already_sent_cost_its_next_pass_almost_nothing()
    {
        // 3,000 rows sent (their entries in the pending index are dead until a vacuum); they wait a year, so the live
        // relay never claims them while they are pending.
        await using (var superuser = platform.ConnectAsSuperuser("surveys"))
            await superuser.ExecuteAsync("""
                insert into outbox_messages (id, tenant_id, message_type, payload, next_attempt_at)
                select gen_random_uuid(), gen_random_uuid(), 'SentProbe', '{}', now() + interval '1 year' from generate_series(1, 3000);
                update outbox_messages set sent_at = now() where message_type = 'SentProbe';
                """);

        // The relay's claim, as the service's login runs it: the first pass steps over the dead entries once and marks
        // them; later passes skip them. (A bitmap scan re-reads all 3,000 rows on every pass.)
        await using var service = platform.ConnectAsService("surveys");
        await service.OpenAsync();
        var blocks = new List<int>();
        var nodes = new List<string>();
        await PlatformFixture.EventuallyAsync(async () =>
        {
            await using var tx = await service.BeginTransactionAsync();
            await service.ExecuteAsync(OutboxRelay.ClaimPlan, transaction: tx);
            var plan = JsonDocument.Parse(await service.ExecuteScalarAsync<string>(
                "explain (analyze, buffers, format json) " + OutboxRelay.ClaimPending, new { OutboxRelay.BatchSize }, tx) ?? "[]");
            var top = plan.RootElement[0].GetProperty("Plan");
            blocks.Add(top.GetProperty("Shared Hit Blocks").GetInt32() + top.GetProperty("Shared Read Blocks").GetInt32());
            nodes = NodeTypes(top).ToList();
            await tx.RollbackAsync();
            return blocks[^1] < 100;
        }, PlatformFixture.EventDelivery, "a claim pass stops re-reading sent rows");
        Assert.True(blocks.Count < 20, $"buffers read by successive passes: {string.Join(", ", blocks)}");
        // Oldest first straight from the index: no sort of every due row, no bitmap.
        Assert.Contains("Index Scan", nodes);
        Assert.DoesNotContain("Sort", nodes);
        Assert.DoesNotContain("Bitmap Heap Scan", nodes);

        await using (var superuser = platform.ConnectAsSuperuser("surveys"))
            await superuser.ExecuteAsync("delete from outbox_messages where message_type = 'SentProbe'");
    }

    [Fact]
    public async Task A_redelivered_event_is_ignored_by_the_inbox()
    {
        var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        using var created = await platform.Api.SendAsync(HttpMethod.Post, "/api/networks", token,
            new { name = "Delivered twice", aim = "Idempotent consumers", goalType = "Instructional", launchDate = "2023-08-01" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await PlatformFixture.EventuallyAsync(async () => await ReportingRowsAsync(id) == 1, PlatformFixture.EventDelivery, "first delivery");

        // Publish the same message (same MessageId) again, with a changed body: if the consumer ran again it would show.
        await using (var networks = platform.ConnectAsSuperuser("networks"))
        {
            var updated = await networks.ExecuteAsync("""
                update outbox_messages set sent_at = null, payload = jsonb_set(payload, '{name}', '"Changed by a duplicate"')
                where payload->>'networkId' = @id
                """, new { id = id.ToString() });
            Assert.Equal(1, updated);
        }
        await PlatformFixture.EventuallyAsync(async () => await PendingOutboxRowsForAsync(id) == 0, PlatformFixture.EventDelivery, "the duplicate is published");
        await using var reporting = platform.ConnectAsSuperuser("reporting");
        await PlatformFixture.EventuallyAsync(async () => await reporting.ExecuteScalarAsync<int>("""
            select coalesce(max(deliveries), 0) from inbox_messages
            where consumer = 'NetworkRegisteredConsumer' and message_id = @messageId
            """, new { messageId = await OutboxMessageIdAsync(id) }) == 2, PlatformFixture.EventDelivery, "the duplicate reaches the consumer");

        Assert.Equal("Delivered twice", await reporting.ExecuteScalarAsync<string>("select name from networks where network_id = @id", new { id }));
        Assert.Equal(1, await ReportingRowsAsync(id));
    }

    private static IEnumerable<string> NodeTypes(JsonElement plan) =>
        plan.TryGetProperty("Plans", out var children)
            ? children.EnumerateArray().SelectMany(NodeTypes).Prepend(plan.GetProperty("Node Type").GetString()!)
            : [plan.GetProperty("Node Type").GetString()!];

    private async Task<Guid> OutboxMessageIdAsync(Guid networkId)
    {
        await using var db = platform.ConnectAsSuperuser("networks");
        return await db.ExecuteScalarAsync<Guid>("select id from outbox_messages where payload->>'networkId' = @id", new { id = networkId.ToString() });
    }

    private async Task<long> PendingOutboxRowsForAsync(Guid networkId)
    {
        await using var db = platform.ConnectAsSuperuser("networks");
        return await db.ExecuteScalarAsync<long>(
            "select count(*) from outbox_messages where sent_at is null and payload->>'networkId' = @id", new { id = networkId.ToString() });
    }

    private async Task<long> ReportingRowsAsync(Guid networkId)
    {
        await using var db = platform.ConnectAsSuperuser("reporting");
        return await db.ExecuteScalarAsync<long>("select count(*) from networks where network_id = @networkId", new { networkId });
    }
}
