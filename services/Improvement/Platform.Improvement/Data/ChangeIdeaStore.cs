using Dapper;
using Platform.Data;
using Platform.Improvement.Domain;

namespace Platform.Improvement.Data;

public sealed record ChangeIdea(Guid Id, Guid NetworkId, string Title, string? Description, ChangeIdeaStatus Status, IReadOnlyList<string> DriverKeys,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A change idea's evidence from the cycles that tested it: how many, by which teams, and what the finished ones decided.</summary>
public sealed record CycleEvidence(int Cycles, int Completed, IReadOnlyList<Guid> Teams, IReadOnlyDictionary<string, int> Decisions);

public sealed class ChangeIdeaStore
{
    // Dapper maps a text[] column to no string[] constructor parameter: the keys are read as a JSON array instead.
    private sealed record Row(Guid Id, Guid NetworkId, string Title, string? Description, string Status, string DriverKeys, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        public ChangeIdea ToIdea() => new(Id, NetworkId, Title, Description, Enum.Parse<ChangeIdeaStatus>(Status), ImprovementJson.Read<List<string>>(DriverKeys), CreatedAt, UpdatedAt);
    }

    private const string Columns = "id, network_id as NetworkId, title, description, status, to_jsonb(driver_keys)::text as DriverKeys, created_at as CreatedAt, updated_at as UpdatedAt";

    public Task InsertAsync(UnitOfWork uow, ChangeIdea idea, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into change_ideas (id, tenant_id, network_id, title, description, status, driver_keys, created_at, updated_at)
            values (@Id, @tenant, @NetworkId, @Title, @Description, @status, @keys, @CreatedAt, @UpdatedAt)
            """, new { idea.Id, tenant = uow.TenantId, idea.NetworkId, idea.Title, idea.Description, status = idea.Status.ToString(), keys = idea.DriverKeys.ToArray(),
                idea.CreatedAt, idea.UpdatedAt }, ct));

    public Task UpdateAsync(UnitOfWork uow, ChangeIdea idea, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            update change_ideas set title = @Title, description = @Description, status = @status, driver_keys = @keys, updated_at = @UpdatedAt where id = @Id
            """, new { idea.Id, idea.Title, idea.Description, status = idea.Status.ToString(), keys = idea.DriverKeys.ToArray(), idea.UpdatedAt }, ct));

    public async Task<ChangeIdea?> FindAsync(UnitOfWork uow, Guid networkId, Guid id, bool forUpdate, CancellationToken ct) =>
        (await uow.Connection.QuerySingleOrDefaultAsync<Row?>(uow.Command(
            $"select {Columns} from change_ideas where id = @id and network_id = @networkId" + (forUpdate ? " for update" : ""), new { id, networkId }, ct)))?.ToIdea();

    /// <summary>The network's change ideas, or every one of the tenant when <paramref name="networkId"/> is null (a replay).</summary>
    public async Task<IReadOnlyList<ChangeIdea>> ListAsync(UnitOfWork uow, Guid? networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Row>(uow.Command(
            $"select {Columns} from change_ideas where @networkId is null or network_id = @networkId order by created_at, id", new { networkId }, ct)))
            .Select(r => r.ToIdea()).ToList();

    /// <summary>Which of <paramref name="ids"/> are change ideas of the network.</summary>
    public async Task<IReadOnlySet<Guid>> ExistingAsync(UnitOfWork uow, Guid networkId, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? new HashSet<Guid>() : (await uow.Connection.QueryAsync<Guid>(uow.Command(
            "select id from change_ideas where network_id = @networkId and id = any(@ids)", new { networkId, ids = ids.ToArray() }, ct))).ToHashSet();

    /// <summary>The evidence of each of the network's change ideas (by id) from its cycles, in one query.</summary>
    public async Task<IReadOnlyDictionary<Guid, CycleEvidence>> EvidenceAsync(UnitOfWork uow, Guid networkId, Guid? changeIdeaId, CancellationToken ct)
    {
        var rows = await uow.Connection.QueryAsync<(Guid Idea, Guid Team, string Status, string? Decision)>(uow.Command("""
            select change_idea_id, team_id, status, decision from pdsa_cycles
            where network_id = @networkId and change_idea_id is not null and (@changeIdeaId is null or change_idea_id = @changeIdeaId)
            """, new { networkId, changeIdeaId }, ct));
        return rows.GroupBy(r => r.Idea).ToDictionary(g => g.Key, g => new CycleEvidence(
            g.Count(), g.Count(r => r.Status == nameof(CycleStatus.Done)), g.Select(r => r.Team).Distinct().Order().ToList(),
            g.Where(r => r.Decision is not null).GroupBy(r => r.Decision!).ToDictionary(d => d.Key, d => d.Count())));
    }
}
