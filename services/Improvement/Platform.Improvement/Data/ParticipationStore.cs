using Dapper;
using Platform.Data;
using Platform.Improvement.Domain;

namespace Platform.Improvement.Data;

/// <summary>Who took each cycle step, and which months' participation has been published.</summary>
public sealed class ParticipationStore
{
    public Task RecordStepAsync(UnitOfWork uow, Guid networkId, Guid cycleId, CycleStatus step, string actor, DateTimeOffset at, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into cycle_steps (id, tenant_id, network_id, cycle_id, step, actor, at) values (@id, @tenant, @networkId, @cycleId, @step, @actor, @at)
            """, new { id = Guid.CreateVersion7(), tenant = uow.TenantId, networkId, cycleId, step = step.ToString(), actor, at }, ct));

    public async Task<IReadOnlyList<CycleStep>> StepsAsync(UnitOfWork uow, Guid networkId, DateOnly month, CancellationToken ct)
    {
        var (start, end) = Participation.Span(month);
        return (await uow.Connection.QueryAsync<(Guid CycleId, string Actor)>(uow.Command(
            "select cycle_id, actor from cycle_steps where network_id = @networkId and at >= @start and at < @end", new { networkId, start, end }, ct)))
            .Select(r => new CycleStep(r.CycleId, r.Actor)).ToList();
    }

    /// <summary>Every network (of every tenant: a system read) whose participation of <paramref name="month"/> is not yet published.</summary>
    public async Task<IReadOnlyList<(Guid TenantId, Guid NetworkId)>> UnpublishedAsync(UnitOfWork system, DateOnly month, CancellationToken ct) =>
        (await system.Connection.QueryAsync<(Guid, Guid)>(system.Command(
            "select tenant_id, network_id from networks_without_participation(@month)", new { month }, ct))).AsList();

    /// <summary>Claims the month for the network; false when it was published already (by another instance, or before).</summary>
    public async Task<bool> ClaimAsync(UnitOfWork uow, Guid networkId, DateOnly month, DateTimeOffset at, CancellationToken ct) =>
        await uow.Connection.ExecuteAsync(uow.Command("""
            insert into participation_months (network_id, month, tenant_id, published_at) values (@networkId, @month, @tenant, @at) on conflict do nothing
            """, new { networkId, month, tenant = uow.TenantId, at }, ct)) == 1;

    /// <summary>The tenant's published months (a replay re-emits them).</summary>
    public async Task<IReadOnlyList<(Guid NetworkId, DateOnly Month, DateTimeOffset PublishedAt)>> PublishedAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(Guid, DateTime, DateTimeOffset)>(uow.Command(
            "select network_id, month::timestamp, published_at from participation_months order by network_id, month", null, ct)))
            .Select(r => (r.Item1, DateOnly.FromDateTime(r.Item2), r.Item3)).ToList();
}
