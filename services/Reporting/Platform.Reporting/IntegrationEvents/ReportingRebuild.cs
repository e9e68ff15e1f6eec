using Dapper;
using Platform.Contracts.Reporting;
using Platform.Data;
using Platform.Messaging;

namespace Platform.Reporting.IntegrationEvents;

/// <summary>
/// Reporting's read models are built only from events, so they can be dropped and rebuilt: Reporting asks the publishers
/// to re-emit their facts (Identity fans the request out per tenant) and its idempotent consumers take them in again.
/// </summary>
public sealed class ReportingRebuild(Database db, Outbox outbox, TimeProvider clock)
{
    public async Task<Guid> RequestAsync(string reason, bool onlyIfNeverRequested, CancellationToken ct)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        // One instance asks, even when several start at once on an empty database.
        await uow.Connection.ExecuteAsync(new CommandDefinition("lock table rebuild_requests in exclusive mode", transaction: uow.Transaction, cancellationToken: ct));
        if (onlyIfNeverRequested && await uow.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select 1 from rebuild_requests)", transaction: uow.Transaction, cancellationToken: ct)))
            return Guid.Empty;
        var rebuild = new ReportingRebuildRequested(Guid.Empty, Guid.CreateVersion7(), clock.GetUtcNow());
        await uow.Connection.ExecuteAsync(new CommandDefinition(
            "insert into rebuild_requests (rebuild_id, requested_at, reason) values (@RebuildId, @OccurredAt, @reason)",
            new { rebuild.RebuildId, rebuild.OccurredAt, reason }, uow.Transaction, cancellationToken: ct));
        await outbox.EnqueueAsync(uow, rebuild, ct);
        await uow.CommitAsync(ct);
        return rebuild.RebuildId;
    }
}

/// <summary>On a new or dropped database, asks for every fact once, as the service starts.</summary>
public sealed class RebuildOnEmptyDatabase(ReportingRebuild rebuild) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => rebuild.RequestAsync("empty database at start-up", onlyIfNeverRequested: true, ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
