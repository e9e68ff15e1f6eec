using Dapper;
using Platform.Data;

namespace Platform.Reporting.Data;

/// <summary>The rebuilds Reporting has asked for (<c>rebuild_requests</c>); a system unit of work, no tenant.</summary>
public sealed class RebuildRequestStore
{
    /// <summary>Holds the table for the rest of the transaction: one instance asks, even when several start at once on an empty database.</summary>
    public Task LockAsync(UnitOfWork uow, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("lock table rebuild_requests in exclusive mode", ct: ct));

    public Task<bool> AnyAsync(UnitOfWork uow, CancellationToken ct) =>
        uow.Connection.ExecuteScalarAsync<bool>(uow.Command("select exists (select 1 from rebuild_requests)", ct: ct));

    public Task InsertAsync(UnitOfWork uow, Guid rebuildId, DateTimeOffset requestedAt, string reason, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command(
            "insert into rebuild_requests (rebuild_id, requested_at, reason) values (@rebuildId, @requestedAt, @reason)",
            new { rebuildId, requestedAt, reason }, ct));
}
