using System.Text.Json;
using Dapper;
using Platform.Contracts.Assessments;
using Platform.Data;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Data;

public sealed class LeadershipStore
{
    public Task AddClosedSessionAsync(UnitOfWork uow, RubricSessionClosed m, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into rubric_sessions_closed (session_id, tenant_id, network_id, network_year, rubric_id, rubric_version, area_means,
                raters_invited, raters_participated, closed_at, held_on)
            values (@SessionId, @TenantId, @NetworkId, @NetworkYear, @RubricId, @RubricVersion, @means::jsonb, @RatersInvited, @RatersParticipated, @OccurredAt, @heldOn)
            on conflict do nothing
            """, new { m.SessionId, m.TenantId, m.NetworkId, m.NetworkYear, m.RubricId, m.RubricVersion, means = JsonSerializer.Serialize(m.AreaMeans),
                m.RatersInvited, m.RatersParticipated, m.OccurredAt, heldOn = m.HeldOn == default ? DateOnly.FromDateTime(m.OccurredAt.UtcDateTime) : m.HeldOn }, uow.Transaction, cancellationToken: ct));

    /// <summary>The network's closed sessions, most recently held first (only networks the transaction may see).</summary>
    public async Task<IReadOnlyList<ClosedSession>> SessionsAsync(UnitOfWork uow, Guid? networkId, int? year, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(Guid SessionId, Guid NetworkId, int Year, string Means, int Invited, int Participated, DateOnly HeldOn)>(new CommandDefinition("""
            select session_id, network_id, network_year, area_means::text, raters_invited, raters_participated, held_on from rubric_sessions_closed
            where (@networkId::uuid is null or network_id = @networkId) and (@year::int is null or network_year = @year)
            order by held_on desc, closed_at desc, session_id
            """, new { networkId, year }, uow.Transaction, cancellationToken: ct)))
        .Select(r => new ClosedSession(r.SessionId, r.NetworkId, r.Year, JsonSerializer.Deserialize<Dictionary<string, decimal>>(r.Means)!, r.Invited, r.Participated, r.HeldOn))
        .ToList();
}
