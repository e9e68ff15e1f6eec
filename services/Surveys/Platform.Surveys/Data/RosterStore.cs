using Dapper;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Data;

/// <summary>Surveys' copy of the networks' teams and membership periods, fed only by the Networks events.</summary>
public sealed class RosterStore
{
    public Task UpsertTeamAsync(UnitOfWork uow, Guid teamId, Guid networkId, string name, Guid organizationId, string schoolName, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into teams (team_id, tenant_id, network_id, name, organization_id, school_name)
            values (@teamId, @tenant, @networkId, @name, @organizationId, @schoolName)
            on conflict (team_id) do update set name = excluded.name, school_name = excluded.school_name
            """, new { teamId, tenant = uow.TenantId, networkId, name, organizationId, schoolName }, ct));

    /// <summary>Join facts of many periods in one statement; a period whose MemberLeft came first keeps its end date.</summary>
    public Task MembersJoinedAsync(UnitOfWork uow, IReadOnlyList<MemberJoined> joined, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into members (membership_id, tenant_id, network_id, person_id, role, team_id, organization_id, start_date)
            select membership, @tenant, network, person, role, team, organization, start_date
            from unnest(@memberships, @networks, @people, @roles, @teams, @organizations, @starts) as j(membership, network, person, role, team, organization, start_date)
            on conflict (membership_id) do update set role = excluded.role, team_id = excluded.team_id,
                organization_id = excluded.organization_id, start_date = excluded.start_date
            """, new
            {
                tenant = uow.TenantId, memberships = joined.Select(m => m.MembershipId).ToArray(), networks = joined.Select(m => m.NetworkId).ToArray(),
                people = joined.Select(m => m.PersonId).ToArray(), roles = joined.Select(m => m.Role).ToArray(), teams = joined.Select(m => m.TeamId).ToArray(),
                organizations = joined.Select(m => m.OrganizationId).ToArray(), starts = joined.Select(m => m.StartDate).ToArray(),
            }, ct));

    /// <summary>End dates of many periods in one statement; a period not yet known is stored with its end only.</summary>
    public Task MembersLeftAsync(UnitOfWork uow, IReadOnlyList<MemberLeft> left, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into members (membership_id, tenant_id, network_id, person_id, end_date)
            select membership, @tenant, network, person, end_date from unnest(@memberships, @networks, @people, @ends) as l(membership, network, person, end_date)
            on conflict (membership_id) do update set end_date = excluded.end_date
            """, new
            {
                tenant = uow.TenantId, memberships = left.Select(m => m.MembershipId).ToArray(), networks = left.Select(m => m.NetworkId).ToArray(),
                people = left.Select(m => m.PersonId).ToArray(), ends = left.Select(m => m.EndDate).ToArray(),
            }, ct));

    /// <summary>Every joined membership period of the network (the caller applies the network-year rule).</summary>
    public async Task<IReadOnlyList<RosterMember>> MembershipPeriodsAsync(ITenantCommands db, Guid networkId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<RosterMember>(db.Command("""
            select person_id as PersonId, role, team_id as TeamId, organization_id as OrganizationId, start_date as Start, end_date as End
            from members where network_id = @networkId and start_date is not null
            """, new { networkId }, ct))).AsList();
}
