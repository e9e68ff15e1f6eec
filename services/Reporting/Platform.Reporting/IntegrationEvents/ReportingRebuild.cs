using Platform.Contracts.Reporting;
using Platform.Data;
using Platform.Messaging;
using Platform.Reporting.Data;

namespace Platform.Reporting.IntegrationEvents;

/// <summary>
/// Reporting's read models are built only from events, so they can be dropped and rebuilt: Reporting asks the publishers
/// to re-emit their facts (Identity fans the request out per tenant) and its idempotent consumers take them in again.
/// </summary>
public sealed class ReportingRebuild(Database db, RebuildRequestStore requests, Outbox outbox, TimeProvider clock)
{
    public async Task<Guid> RequestAsync(string reason, bool onlyIfNeverRequested, CancellationToken ct)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        await requests.LockAsync(uow, ct);
        if (onlyIfNeverRequested && await requests.AnyAsync(uow, ct)) return Guid.Empty;
        var rebuild = new ReportingRebuildRequested(Guid.Empty, Guid.CreateVersion7(), clock.GetUtcNow());
        await requests.InsertAsync(uow, rebuild.RebuildId, rebuild.OccurredAt, reason, ct);
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
