using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Platform.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Data;

public sealed record InvitationRow(Guid Id, Guid WaveId, Guid PersonId, string Role, Guid? TeamId, Guid? OrganizationId, bool Started, bool Submitted);

public sealed record ProgressRow(string Role, Guid? TeamId, string? TeamName, Guid? OrganizationId, string? SchoolName, bool Started, bool Submitted);

/// <summary>A wave's invitations: one per member of its network year, written when it opens. Never holds answers.</summary>
public sealed class InvitationStore : IDisposable
{
    /// <summary>
    /// Bounded, never invalidated: a wave's invitations are a snapshot taken at opening and their roles, teams and schools
    /// never change, so a count is never stale; the bound (waves, far more than are open at once) keeps closed waves'
    /// counts from piling up in a long-running service (an evicted one is counted again).
    /// </summary>
    private readonly MemoryCache _invitedGroups = new(new MemoryCacheOptions { SizeLimit = 1_000 });
    private readonly SemaphoreSlim _countingGroups = new(1, 1);

    public Task InsertInvitationsAsync(UnitOfWork uow, Guid waveId, IReadOnlyList<(Guid Id, RosterMember Member, byte[] TokenHash)> invitations, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into survey_invitations (id, tenant_id, wave_id, person_id, token_hash, role, team_id, organization_id)
            select id, @tenant, @waveId, person, hash, role, team, organization
            from unnest(@ids, @people, @hashes, @roles, @teams, @organizations) as i(id, person, hash, role, team, organization)
            """, new
            {
                tenant = uow.TenantId, waveId, ids = invitations.Select(i => i.Id).ToArray(), people = invitations.Select(i => i.Member.PersonId).ToArray(),
                hashes = invitations.Select(i => i.TokenHash).ToArray(), roles = invitations.Select(i => i.Member.Role).ToArray(),
                teams = invitations.Select(i => i.Member.TeamId).ToArray(), organizations = invitations.Select(i => i.Member.OrganizationId).ToArray(),
            }, ct));

    public async Task<IReadOnlyList<InvitationRow>> InvitationsAsync(ITenantCommands db, Guid waveId, bool onlyNotSubmitted, CancellationToken ct) =>
        (await db.Connection.QueryAsync<InvitationRow>(db.Command("""
            select id, wave_id as WaveId, person_id as PersonId, role, team_id as TeamId, organization_id as OrganizationId, started, submitted
            from survey_invitations where wave_id = @waveId and (not @onlyNotSubmitted or not submitted)
            """, new { waveId, onlyNotSubmitted }, ct))).AsList();

    /// <summary>
    /// How many invitations of an opened wave share each role, team and school, counted once per wave (see the cache).
    /// The first submits of a wave arrive together: one of them counts while the others wait for its result (in the
    /// survey benchmark, 32 racing counts of 30,000 invitations each took 1.5 s). On a tenant connection each counts on
    /// its own connection, so a cancelled request cancels only its own count.
    /// </summary>
    public async Task<InvitedGroups> InvitedGroupsAsync(ITenantCommands db, Guid waveId, CancellationToken ct)
    {
        if (_invitedGroups.TryGetValue(waveId, out InvitedGroups? cached)) return cached!;
        await _countingGroups.WaitAsync(ct);
        try
        {
            if (_invitedGroups.TryGetValue(waveId, out cached)) return cached!;
            var counts = (await db.Connection.QueryAsync<InvitedGroups.Count>(db.Command("""
                select role, team_id as TeamId, organization_id as OrganizationId, count(*)::int as Invited
                from survey_invitations where wave_id = @waveId group by role, team_id, organization_id
                """, new { waveId }, ct))).AsList();
            return _invitedGroups.Set(waveId, new InvitedGroups(counts), new MemoryCacheEntryOptions { Size = 1 });
        }
        finally
        {
            _countingGroups.Release();
        }
    }

    public Task MarkMailedAsync(UnitOfWork uow, IReadOnlyList<Guid> invitationIds, DateTimeOffset at, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command(
            "update survey_invitations set mailed_count = mailed_count + 1, last_mailed_at = @at where id = any(@ids)",
            new { ids = invitationIds.ToArray(), at }, ct));

    /// <summary>Each invitation's started and submitted flags, with its team's and school's names from the roster read model.</summary>
    public async Task<IReadOnlyList<ProgressRow>> ProgressAsync(ITenantCommands db, Guid waveId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<ProgressRow>(db.Command("""
            select i.role, i.team_id as TeamId, t.name as TeamName, i.organization_id as OrganizationId, t.school_name as SchoolName, i.started, i.submitted
            from survey_invitations i left join teams t on t.team_id = i.team_id where i.wave_id = @waveId
            """, new { waveId }, ct))).AsList();

    public void Dispose()
    {
        _invitedGroups.Dispose();
        _countingGroups.Dispose();
    }
}
