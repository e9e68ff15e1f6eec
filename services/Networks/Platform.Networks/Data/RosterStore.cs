using Dapper;
using Platform.Data;
using Platform.Networks.Domain;

namespace Platform.Networks.Data;

/// <summary>
/// Set-based reads and writes for roster imports: one statement per table, whatever the file's size.
/// (COPY is not available: PostgreSQL refuses COPY FROM into tables under row-level security.)
/// </summary>
public sealed class RosterStore
{
    public async Task<IReadOnlyList<Person>> PeopleByEmailAsync(UnitOfWork uow, IReadOnlyCollection<string> emails, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Person>(new CommandDefinition(
            """
            select p.id, p.email, p.given_name as GivenName, p.family_name as FamilyName, p.preferred_language as PreferredLanguage
            from people p join unnest(@emails) as e(email) on lower(p.email) = e.email
            """,
            new { emails = emails.Select(e => e.ToLowerInvariant()).ToArray() }, uow.Transaction, cancellationToken: ct))).AsList();

    public async Task<IReadOnlyList<Membership>> MembershipsOfPeopleAsync(UnitOfWork uow, Guid networkId, IReadOnlyCollection<Guid> people, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Membership>(new CommandDefinition("""
            select m.id, m.network_id as NetworkId, m.person_id as PersonId, m.role, m.team_id as TeamId, m.start_date as StartDate,
                   m.end_date as EndDate, m.end_reason as EndReason
            from memberships m join unnest(@people) as p(id) on m.person_id = p.id where m.network_id = @networkId
            """, new { networkId, people = people.ToArray() }, uow.Transaction, cancellationToken: ct))).AsList();

    public Task InsertSchoolsAsync(UnitOfWork uow, IReadOnlyList<MemberOrganization> schools, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into member_organizations (id, tenant_id, network_id, kind, name, district, joined_on)
            select id, @tenant, network, 'School', name, district, joined from unnest(@ids, @networks, @names, @districts, @joined) as s(id, network, name, district, joined)
            """, new
            {
                tenant = uow.TenantId, ids = schools.Select(s => s.Id).ToArray(), networks = schools.Select(s => s.NetworkId).ToArray(),
                names = schools.Select(s => s.Name).ToArray(), districts = schools.Select(s => s.District).ToArray(), joined = schools.Select(s => s.JoinedOn).ToArray(),
            }, uow.Transaction, cancellationToken: ct));

    public Task InsertTeamsAsync(UnitOfWork uow, IReadOnlyList<ImprovementTeam> teams, DateTimeOffset formedAt, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into improvement_teams (id, tenant_id, network_id, organization_id, name, formed_at)
            select id, @tenant, network, organization, name, @formedAt from unnest(@ids, @networks, @organizations, @names) as t(id, network, organization, name)
            """, new
            {
                tenant = uow.TenantId, formedAt, ids = teams.Select(t => t.Id).ToArray(), networks = teams.Select(t => t.NetworkId).ToArray(),
                organizations = teams.Select(t => t.OrganizationId).ToArray(), names = teams.Select(t => t.Name).ToArray(),
            }, uow.Transaction, cancellationToken: ct));

    public Task InsertPeopleAsync(UnitOfWork uow, IReadOnlyList<Person> people, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into people (id, tenant_id, email, given_name, family_name, preferred_language)
            select id, @tenant, email, given, family, language from unnest(@ids, @emails, @givens, @families, @languages) as p(id, email, given, family, language)
            """, new
            {
                tenant = uow.TenantId, ids = people.Select(p => p.Id).ToArray(), emails = people.Select(p => p.Email).ToArray(),
                givens = people.Select(p => p.GivenName).ToArray(), families = people.Select(p => p.FamilyName).ToArray(),
                languages = people.Select(p => p.PreferredLanguage).ToArray(),
            }, uow.Transaction, cancellationToken: ct));

    /// <summary>The language a roster file gave people already in the hub (a file without the column changes nothing).</summary>
    public Task SetPreferredLanguagesAsync(UnitOfWork uow, IReadOnlyList<Person> people, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            update people set preferred_language = l.language from unnest(@ids, @languages) as l(id, language) where people.id = l.id
            """, new { ids = people.Select(p => p.Id).ToArray(), languages = people.Select(p => p.PreferredLanguage).ToArray() }, uow.Transaction, cancellationToken: ct));

    public Task InsertMembershipsAsync(UnitOfWork uow, IReadOnlyList<Membership> memberships, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into memberships (id, tenant_id, network_id, person_id, role, team_id, start_date, end_date)
            select id, @tenant, network, person, role, team, start_date, end_date
            from unnest(@ids, @networks, @people, @roles, @teams, @starts, @ends) as m(id, network, person, role, team, start_date, end_date)
            """, new
            {
                tenant = uow.TenantId, ids = memberships.Select(m => m.Id).ToArray(), networks = memberships.Select(m => m.NetworkId).ToArray(),
                people = memberships.Select(m => m.PersonId).ToArray(), roles = memberships.Select(m => m.Role.ToString()).ToArray(),
                teams = memberships.Select(m => m.TeamId).ToArray(), starts = memberships.Select(m => m.StartDate).ToArray(),
                ends = memberships.Select(m => m.EndDate).ToArray(),
            }, uow.Transaction, cancellationToken: ct));

    public Task UpdateMembershipsAsync(UnitOfWork uow, IReadOnlyList<Membership> memberships, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            update memberships m set role = u.role, team_id = u.team, end_date = u.end_date
            from unnest(@ids, @roles, @teams, @ends) as u(id, role, team, end_date) where m.id = u.id
            """, new
            {
                ids = memberships.Select(m => m.Id).ToArray(), roles = memberships.Select(m => m.Role.ToString()).ToArray(),
                teams = memberships.Select(m => m.TeamId).ToArray(), ends = memberships.Select(m => m.EndDate).ToArray(),
            }, uow.Transaction, cancellationToken: ct));
}
