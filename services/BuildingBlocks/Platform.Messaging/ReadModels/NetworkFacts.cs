using Dapper;
using Platform.Contracts.Networks;
using Platform.Data;

namespace Platform.Messaging.ReadModels;

/// <summary>What a service that is not Networks needs to know of a network: its name, when its network year starts, its time zone (IANA id).</summary>
public sealed record NetworkFacts(Guid NetworkId, string Name, int YearStartMonth, int YearStartDay, string TimeZone);

/// <summary>
/// A service's own copy of <see cref="NetworkFacts"/>, fed only by the Networks events. Each service keeps it in its own
/// database, in a table its own migrations create: <c>networks (network_id uuid primary key, tenant_id uuid, name text,
/// year_start_month int, year_start_day int, time_zone text, facts_as_of timestamptz)</c>, with tenant isolation.
/// </summary>
public sealed class NetworkFactsStore
{
    /// <summary>
    /// Stores the facts as of <paramref name="asOf"/> (the event's OccurredAt), unless the stored ones are as new or newer:
    /// events may arrive out of order (retries, a replay), and one with the same time is the same fact sent again.
    /// </summary>
    public Task UpsertAsync(UnitOfWork uow, Guid networkId, string name, int yearStartMonth, int yearStartDay, string? timeZone, DateTimeOffset asOf,
        CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into networks (network_id, tenant_id, name, year_start_month, year_start_day, time_zone, facts_as_of)
            values (@networkId, @tenant, @name, @yearStartMonth, @yearStartDay, @timeZone, @asOf)
            on conflict (network_id) do update set name = excluded.name, year_start_month = excluded.year_start_month,
                year_start_day = excluded.year_start_day, time_zone = excluded.time_zone, facts_as_of = excluded.facts_as_of
            where networks.facts_as_of < excluded.facts_as_of
            """, new { networkId, tenant = uow.TenantId, name, yearStartMonth, yearStartDay, timeZone = timeZone ?? NetworkTimeZone.Default, asOf }, ct));

    /// <summary>When the stored facts were true (the event they came from), if the tenant has that network.</summary>
    public Task<DateTimeOffset?> FactsAsOfAsync(ITenantCommands db, Guid networkId, CancellationToken ct) =>
        db.Connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(db.Command("select facts_as_of from networks where network_id = @networkId", new { networkId }, ct));

    /// <summary>The network's facts, if the tenant has that network; in a unit of work or on a tenant connection.</summary>
    public Task<NetworkFacts?> NetworkAsync(ITenantCommands db, Guid networkId, CancellationToken ct) =>
        db.Connection.QuerySingleOrDefaultAsync<NetworkFacts?>(db.Command(
            "select network_id as NetworkId, name, year_start_month as YearStartMonth, year_start_day as YearStartDay, time_zone as TimeZone from networks where network_id = @networkId",
            new { networkId }, ct));
}

// The consumers keep the inbox names the services' own copies had, so their processed messages are still recognised.

/// <summary>A registered network's facts into the service's <see cref="NetworkFactsStore"/>.</summary>
[InboxName("NetworkRegisteredConsumer")]
public sealed class NetworkRegisteredConsumer(Database db, NetworkFactsStore store) : InboxConsumer<NetworkRegistered>(db)
{
    protected override Task HandleAsync(NetworkRegistered m, UnitOfWork uow, CancellationToken ct) =>
        store.UpsertAsync(uow, m.NetworkId, m.Name, m.YearStartMonth, m.YearStartDay, m.TimeZone, m.OccurredAt, ct);
}

/// <summary>A network's changed facts into the service's <see cref="NetworkFactsStore"/>.</summary>
[InboxName("NetworkUpdatedConsumer")]
public sealed class NetworkUpdatedConsumer(Database db, NetworkFactsStore store) : InboxConsumer<NetworkUpdated>(db)
{
    protected override Task HandleAsync(NetworkUpdated m, UnitOfWork uow, CancellationToken ct) =>
        store.UpsertAsync(uow, m.NetworkId, m.Name, m.YearStartMonth, m.YearStartDay, m.TimeZone, m.OccurredAt, ct);
}
