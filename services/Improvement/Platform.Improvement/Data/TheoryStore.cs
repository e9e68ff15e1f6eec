using Dapper;
using Platform.Data;
using Platform.Improvement.Domain;

namespace Platform.Improvement.Data;

/// <summary>One version of a network's theory of improvement: the diagram, who made it, when and why.</summary>
public sealed record TheoryVersion(Guid NetworkId, int Version, DriverDiagram Diagram, string Reason, string Author, DateTimeOffset CreatedAt);

public sealed record TheoryVersionSummary(int Version, string Reason, string Author, DateTimeOffset CreatedAt);

/// <summary>The versions of the networks' theories of improvement; a version, once written, never changes.</summary>
public sealed class TheoryStore
{
    private sealed record Row(Guid NetworkId, int Version, string Diagram, string Reason, string Author, DateTimeOffset CreatedAt)
    {
        public TheoryVersion ToVersion() => new(NetworkId, Version, ImprovementJson.Read<DriverDiagram>(Diagram), Reason, Author, CreatedAt);
    }

    private const string Columns = "network_id as NetworkId, version, diagram::text as Diagram, reason, author, created_at as CreatedAt";

    /// <summary>
    /// Adds the next version. The network's row is locked first, so two concurrent revisions take numbers one after
    /// the other instead of one failing on the primary key.
    /// </summary>
    public async Task<int> AddVersionAsync(UnitOfWork uow, Guid networkId, DriverDiagram diagram, string reason, string author, DateTimeOffset at, CancellationToken ct)
    {
        await uow.Connection.ExecuteAsync(uow.Command("select 1 from networks where network_id = @networkId for update", new { networkId }, ct));
        return await uow.Connection.ExecuteScalarAsync<int>(uow.Command("""
            insert into theory_versions (network_id, version, tenant_id, diagram, reason, author, created_at)
            select @networkId, coalesce(max(version), 0) + 1, @tenant, @diagram::jsonb, @reason, @author, @at from theory_versions where network_id = @networkId
            returning version
            """, new { networkId, tenant = uow.TenantId, diagram = ImprovementJson.Write(diagram), reason, author, at }, ct));
    }

    public async Task<TheoryVersion?> CurrentAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QuerySingleOrDefaultAsync<Row?>(uow.Command(
            $"select {Columns} from theory_versions where network_id = @networkId order by version desc limit 1", new { networkId }, ct)))?.ToVersion();

    public async Task<TheoryVersion?> VersionAsync(UnitOfWork uow, Guid networkId, int version, CancellationToken ct) =>
        (await uow.Connection.QuerySingleOrDefaultAsync<Row?>(uow.Command(
            $"select {Columns} from theory_versions where network_id = @networkId and version = @version", new { networkId, version }, ct)))?.ToVersion();

    public async Task<IReadOnlyList<TheoryVersionSummary>> VersionsAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<TheoryVersionSummary>(uow.Command(
            "select version, reason, author, created_at as CreatedAt from theory_versions where network_id = @networkId order by version",
            new { networkId }, ct))).AsList();

    /// <summary>The latest version of every network of the tenant (for a replay of the facts).</summary>
    public async Task<IReadOnlyList<TheoryVersion>> LatestOfEveryNetworkAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Row>(uow.Command(
            $"select distinct on (network_id) {Columns} from theory_versions order by network_id, version desc", null, ct))).Select(r => r.ToVersion()).ToList();
}
