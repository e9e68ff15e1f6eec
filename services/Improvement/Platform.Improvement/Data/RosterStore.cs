using Dapper;
using Platform.Contracts.Networks;
using Platform.Data;

namespace Platform.Improvement.Data;

public sealed record Team(Guid TeamId, string Name);

/// <summary>A membership period of one person in one network (a team, or none).</summary>
public sealed record Membership(Guid PersonId, Guid? TeamId);

/// <summary>A membership period running today, in any network of the hub.</summary>
public sealed record NetworkMembership(Guid NetworkId, Guid PersonId, Guid? TeamId);

/// <summary>An improvement team with its network's name.</summary>
public sealed record NetworkTeam(Guid NetworkId, string NetworkName, Guid TeamId, string TeamName);

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

    /// <summary>Every team of the network by id (names for views).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> TeamsAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Team>(uow.Command(
            "select team_id as TeamId, name from teams where network_id = @networkId", new { networkId }, ct))).ToDictionary(t => t.TeamId, t => t.Name);

    /// <summary>The membership periods of every network running on <paramref name="day"/>.</summary>
    public async Task<IReadOnlyList<NetworkMembership>> CurrentMembershipsAsync(UnitOfWork uow, DateOnly day, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<NetworkMembership>(uow.Command("""
            select network_id as NetworkId, person_id as PersonId, team_id as TeamId from memberships
            where start_date <= @day and (end_date is null or end_date > @day)
            """, new { day }, ct))).AsList();

    /// <summary>Every team of the given networks, with the network's name.</summary>
    public async Task<IReadOnlyList<NetworkTeam>> TeamsOfAsync(UnitOfWork uow, IReadOnlyCollection<Guid> networkIds, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<NetworkTeam>(uow.Command("""
            select t.network_id as NetworkId, n.name as NetworkName, t.team_id as TeamId, t.name as TeamName
            from teams t join networks n on n.network_id = t.network_id
            where t.network_id = any(@networkIds) order by n.name, t.name, t.team_id
            """, new { networkIds = networkIds.ToArray() }, ct))).AsList();
}
