using Dapper;
using Platform.Data;
using Platform.Networks.Domain;
using Platform.ServiceDefaults;

namespace Platform.Networks.Data;

/// <summary>Organizations, teams, people, memberships and hub staff. Every query runs under the caller's tenant (RLS).</summary>
public sealed class MembershipStore
{
    public Task InsertOrganizationAsync(UnitOfWork uow, MemberOrganization o, CancellationToken ct) =>
        Exec(uow, """
            insert into member_organizations (id, tenant_id, network_id, kind, name, district, joined_on, left_on)
            values (@Id, @TenantId, @NetworkId, @Kind, @Name, @District, @JoinedOn, @LeftOn)
            """, new { o.Id, uow.TenantId, o.NetworkId, Kind = o.Kind.ToString(), o.Name, o.District, o.JoinedOn, o.LeftOn }, ct);

    public Task UpdateOrganizationAsync(UnitOfWork uow, MemberOrganization o, CancellationToken ct) =>
        Exec(uow, """
            update member_organizations set name = @Name, district = @District, joined_on = @JoinedOn, left_on = @LeftOn
            where id = @Id and network_id = @NetworkId
            """, new { o.Id, o.NetworkId, o.Name, o.District, o.JoinedOn, o.LeftOn }, ct);

    public async Task<IReadOnlyList<MemberOrganization>> OrganizationsAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<MemberOrganization>(new CommandDefinition("""
            select id, network_id as NetworkId, kind, name, district, joined_on as JoinedOn, left_on as LeftOn
            from member_organizations where network_id = @networkId order by kind desc, name
            """, new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();

    public Task InsertTeamAsync(UnitOfWork uow, ImprovementTeam t, DateTimeOffset formedAt, CancellationToken ct) =>
        Exec(uow, "insert into improvement_teams (id, tenant_id, network_id, organization_id, name, formed_at) values (@Id, @TenantId, @NetworkId, @OrganizationId, @Name, @formedAt)",
            new { t.Id, uow.TenantId, t.NetworkId, t.OrganizationId, t.Name, formedAt }, ct);

    public async Task<IReadOnlyList<ImprovementTeam>> TeamsAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<ImprovementTeam>(new CommandDefinition("""
            select id, network_id as NetworkId, organization_id as OrganizationId, name
            from improvement_teams where network_id = @networkId order by name
            """, new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();

    /// <summary>Each team of the network with the time it was formed (for a replay of the tenant's facts).</summary>
    public async Task<IReadOnlyList<(ImprovementTeam Team, DateTimeOffset FormedAt)>> TeamsWithFormationAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<ImprovementTeam, DateTimeOffset, (ImprovementTeam, DateTimeOffset)>(new CommandDefinition("""
            select id, network_id as NetworkId, organization_id as OrganizationId, name, formed_at as FormedAt
            from improvement_teams where network_id = @networkId order by formed_at, id
            """, new { networkId }, uow.Transaction, cancellationToken: ct), (team, formedAt) => (team, formedAt), splitOn: "FormedAt")).AsList();

    public Task<Person?> FindPersonByEmailAsync(UnitOfWork uow, string email, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<Person>(new CommandDefinition(
            "select id, email, given_name as GivenName, family_name as FamilyName, preferred_language as PreferredLanguage from people where lower(email) = lower(@email)",
            new { email }, uow.Transaction, cancellationToken: ct));

    /// <summary>Where to reach the given people, with their names and preferred language (the people directory's answer).</summary>
    public async Task<IReadOnlyList<PersonContact>> ContactsAsync(UnitOfWork uow, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<PersonContact>(new CommandDefinition(
            "select id as PersonId, email, given_name as GivenName, family_name as FamilyName, preferred_language as PreferredLanguage from people where id = any(@ids)",
            new { ids = ids.ToArray() }, uow.Transaction, cancellationToken: ct))).AsList();

    public Task<Person?> FindPersonAsync(UnitOfWork uow, Guid id, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<Person>(new CommandDefinition(
            "select id, email, given_name as GivenName, family_name as FamilyName, preferred_language as PreferredLanguage from people where id = @id",
            new { id }, uow.Transaction, cancellationToken: ct));

    /// <summary>The hub's person with this email, created if new; null when the email belongs to someone of another name.</summary>
    public async Task<(Person? Person, string? Conflict)> FindOrAddPersonAsync(UnitOfWork uow, string email, string given, string family, CancellationToken ct)
    {
        if (await FindPersonByEmailAsync(uow, email.Trim(), ct) is { } existing)
            return existing.HasName(given, family) ? (existing, null) : (null, existing.NameConflict);
        var person = new Person(Guid.CreateVersion7(), email.Trim(), given.Trim(), family.Trim());
        await InsertPersonAsync(uow, person, ct);
        return (person, null);
    }

    public Task InsertPersonAsync(UnitOfWork uow, Person p, CancellationToken ct) =>
        Exec(uow, "insert into people (id, tenant_id, email, given_name, family_name, preferred_language) values (@Id, @TenantId, @Email, @GivenName, @FamilyName, @PreferredLanguage)",
            new { p.Id, uow.TenantId, p.Email, p.GivenName, p.FamilyName, p.PreferredLanguage }, ct);

    public Task InsertMembershipAsync(UnitOfWork uow, Membership m, CancellationToken ct) =>
        Exec(uow, """
            insert into memberships (id, tenant_id, network_id, person_id, role, team_id, start_date, end_date, end_reason)
            values (@Id, @TenantId, @NetworkId, @PersonId, @Role, @TeamId, @StartDate, @EndDate, @EndReason)
            """, new { m.Id, uow.TenantId, m.NetworkId, m.PersonId, Role = m.Role.ToString(), m.TeamId, m.StartDate, m.EndDate, m.EndReason }, ct);

    public async Task<IReadOnlyList<Membership>> MembershipsOfAsync(UnitOfWork uow, Guid networkId, Guid personId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Membership>(new CommandDefinition($"""
            select {MembershipColumns} from memberships where network_id = @networkId and person_id = @personId order by start_date
            """, new { networkId, personId }, uow.Transaction, cancellationToken: ct))).AsList();

    public Task EndMembershipAsync(UnitOfWork uow, Guid membershipId, DateOnly date, string reason, CancellationToken ct) =>
        Exec(uow, "update memberships set end_date = @date, end_reason = @reason where id = @membershipId",
            new { membershipId, date, reason }, ct);

    /// <summary>Every membership period of the network: the input to tenure and stability.</summary>
    public async Task<IReadOnlyList<MembershipPeriod>> PeriodsAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<MembershipPeriod>(new CommandDefinition(
            "select person_id as PersonId, start_date as Start, end_date as End from memberships where network_id = @networkId",
            new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();

    /// <summary>The people with a membership in the network, with all their periods, for the members list.</summary>
    public async Task<IReadOnlyList<(Person Person, Membership Membership)>> MembersWithPeriodsAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Person, Membership, (Person, Membership)>(new CommandDefinition($"""
            select p.id, p.email, p.given_name as GivenName, p.family_name as FamilyName, p.preferred_language as PreferredLanguage,
                   m.id, m.network_id as NetworkId, m.person_id as PersonId, m.role, m.team_id as TeamId,
                   m.start_date as StartDate, m.end_date as EndDate, m.end_reason as EndReason
            from memberships m join people p on p.id = m.person_id
            where m.network_id = @networkId order by p.family_name, p.given_name, m.start_date
            """, new { networkId }, uow.Transaction, cancellationToken: ct), (p, m) => (p, m), splitOn: "id")).AsList();

    public Task InsertAssignmentAsync(UnitOfWork uow, Guid networkId, HubStaffAssignment a, CancellationToken ct) =>
        Exec(uow, """
            insert into hub_staff_assignments (id, tenant_id, network_id, person_id, hub_role, core, start_date, end_date, end_reason)
            values (@Id, @TenantId, @networkId, @PersonId, @Role, @Core, @Start, @End, @EndReason)
            """, new { a.Id, uow.TenantId, networkId, a.PersonId, Role = a.Role.ToString(), a.Core, a.Start, a.End, EndReason = a.EndReason?.ToString() }, ct);

    public async Task<IReadOnlyList<HubStaffAssignment>> AssignmentsAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<HubStaffAssignment>(new CommandDefinition("""
            select id, person_id as PersonId, hub_role as Role, core, start_date as Start, end_date as End, end_reason as EndReason
            from hub_staff_assignments where network_id = @networkId order by start_date, id
            """, new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();

    public Task EndAssignmentAsync(UnitOfWork uow, Guid assignmentId, DateOnly date, AssignmentEndReason reason, CancellationToken ct) =>
        Exec(uow, "update hub_staff_assignments set end_date = @date, end_reason = @reason where id = @assignmentId",
            new { assignmentId, date, reason = reason.ToString() }, ct);

    private const string MembershipColumns = """
        id, network_id as NetworkId, person_id as PersonId, role, team_id as TeamId, start_date as StartDate, end_date as EndDate, end_reason as EndReason
        """;

    private static Task Exec(UnitOfWork uow, string sql, object args, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(sql, args, uow.Transaction, cancellationToken: ct));
}
