using Dapper;
using Platform.Contracts.Networks;
using Platform.Data;

namespace Platform.Improvement.Data;

public sealed record Team(Guid TeamId, string Name);

/// <summary>A membership period of one person in one network (a team, or none).</summary>
public sealed record Membership(Guid PersonId, Guid? TeamId);

/// <summary>Improvement's copy of teams and membership periods, fed only by the Networks events.</summary>
public sealed class RosterStore
{
    public Task UpsertTeamAsync(UnitOfWork uow, Guid teamId, Guid networkId, string name, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into teams (team_id, tenant_id, network_id, name) values (@teamId, @tenant, @networkId, @name)
            on conflict (team_id) do update set name = excluded.name
            """, new { teamId, tenant = uow.TenantId, networkId, name }, ct));

    /// <summary>Many periods in one statement; a repeated event rewrites the same facts (idempotent).</summary>
    public Task MembersJoinedAsync(UnitOfWork uow, IReadOnlyList<MemberJoined> joined, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into memberships (membership_id, tenant_id, network_id, person_id, role, team_id, start_date)
            select membership, @tenant, network, person, role, team, start_date
            from unnest(@memberships, @networks, @people, @roles, @teams, @starts) as j(membership, network, person, role, team, start_date)
            on conflict (membership_id) do update set role = excluded.role, team_id = excluded.team_id, start_date = excluded.start_date
            """, new
            {
                tenant = uow.TenantId, memberships = joined.Select(m => m.MembershipId).ToArray(), networks = joined.Select(m => m.NetworkId).ToArray(),
                people = joined.Select(m => m.PersonId).ToArray(), roles = joined.Select(m => m.Role).ToArray(), teams = joined.Select(m => m.TeamId).ToArray(),
                starts = joined.Select(m => m.StartDate).ToArray(),
            }, ct));

    /// <summary>End dates of many periods in one statement; a period not yet known is stored with its end only.</summary>
    public Task MembersLeftAsync(UnitOfWork uow, IReadOnlyList<MemberLeft> left, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into memberships (membership_id, tenant_id, network_id, person_id, end_date)
            select membership, @tenant, network, person, end_date from unnest(@memberships, @networks, @people, @ends) as l(membership, network, person, end_date)
            on conflict (membership_id) do update set end_date = excluded.end_date
            """, new
            {
                tenant = uow.TenantId, memberships = left.Select(m => m.MembershipId).ToArray(), networks = left.Select(m => m.NetworkId).ToArray(),
                people = left.Select(m => m.PersonId).ToArray(), ends = left.Select(m => m.EndDate).ToArray(),
            }, ct));

    /// <summary>The membership periods of the network running on <paramref name="day"/> (an end date is the first day out, as for hub staff).</summary>
    public async Task<IReadOnlyList<Membership>> CurrentMembershipsAsync(UnitOfWork uow, Guid networkId, DateOnly day, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Membership>(uow.Command("""
            select person_id as PersonId, team_id as TeamId from memberships
            where network_id = @networkId and start_date <= @day and (end_date is null or end_date > @day)
            """, new { networkId, day }, ct))).AsList();

    public Task<Team?> TeamAsync(UnitOfWork uow, Guid networkId, Guid teamId, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<Team?>(uow.Command(
            "select team_id as TeamId, name from teams where team_id = @teamId and network_id = @networkId", new { teamId, networkId }, ct));
}
