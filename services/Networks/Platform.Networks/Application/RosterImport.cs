using Platform.Contracts;
using Platform.Contracts.Networks;
using Platform.Networks.Apis;
using Platform.Networks.Data;
using Platform.Networks.Domain;

namespace Platform.Networks.Application;

public sealed record RosterSummary(int Rows, int SchoolsCreated, int TeamsCreated, int PeopleCreated, int MembershipsCreated, int MembershipsUpdated, int Unchanged);

/// <summary>
/// Applies a valid roster inside the caller's network write: schools, teams, people and membership periods are matched
/// (people by email, periods by start date) or created, so importing the same file twice changes nothing. Anything that
/// conflicts with what is already stored is a problem, and then nothing is written.
/// </summary>
public sealed class RosterImport(MembershipStore store, RosterStore bulk, TimeProvider clock)
{
    public async Task<(RosterSummary? Summary, IReadOnlyList<RosterProblem> Problems)> ApplyAsync(NetworkWrite w, IReadOnlyList<RosterEntry> entries, CancellationToken ct)
    {
        var uow = w.Uow;
        var networkId = w.Network.Id;
        var problems = new List<RosterProblem>();

        // Schools (by name) and their teams (by name within the school).
        var organizations = (await store.OrganizationsAsync(uow, networkId, ct)).Where(o => o.Kind == OrganizationKind.School)
            .ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);
        var newSchools = new List<MemberOrganization>();
        foreach (var school in entries.Where(e => e.School is not null).GroupBy(e => e.School!, StringComparer.OrdinalIgnoreCase))
        {
            var first = school.First();
            if (organizations.TryGetValue(school.Key, out var existing))
            {
                if (!string.Equals(existing.District, first.District, StringComparison.OrdinalIgnoreCase))
                    problems.Add(new RosterProblem(first.Row, "district", $"{existing.Name} is in {existing.District} in this network, not {first.District}."));
                continue;
            }
            var newSchool = new MemberOrganization(Guid.CreateVersion7(), networkId, OrganizationKind.School, first.School!, first.District, school.Min(e => e.Start), null);
            organizations[newSchool.Name] = newSchool;
            newSchools.Add(newSchool);
        }
        var teams = (await store.TeamsAsync(uow, networkId, ct)).ToDictionary(t => (t.OrganizationId, t.Name.ToLowerInvariant()));
        var newTeams = new List<ImprovementTeam>();
        foreach (var e in entries.Where(e => e.Team is not null && organizations.ContainsKey(e.School!)))
        {
            var key = (organizations[e.School!].Id, e.Team!.ToLowerInvariant());
            if (teams.ContainsKey(key)) continue;
            var team = new ImprovementTeam(Guid.CreateVersion7(), networkId, key.Id, e.Team!);
            teams[key] = team;
            newTeams.Add(team);
        }

        // People, matched by email.
        var people = (await bulk.PeopleByEmailAsync(uow, entries.Select(e => e.Email).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), ct))
            .ToDictionary(p => p.Email, StringComparer.OrdinalIgnoreCase);
        var newPeople = new List<Person>();
        var newLanguages = new List<Person>();
        var newIds = new HashSet<Guid>();
        foreach (var e in entries)
        {
            if (people.TryGetValue(e.Email, out var person))
            {
                if (!person.HasName(e.GivenName, e.FamilyName))
                    problems.Add(new RosterProblem(e.Row, "given_name", person.NameConflict));
                else if (e.Language is { } language && language != person.PreferredLanguage && !newIds.Contains(person.Id))
                {
                    // Someone already in the hub whose line names a new language: updated, not inserted.
                    person = person with { PreferredLanguage = language };
                    people[e.Email] = person;
                    newLanguages.Add(person);
                }
                continue;
            }
            person = new Person(Guid.CreateVersion7(), e.Email, e.GivenName, e.FamilyName, e.Language);
            people[e.Email] = person;
            newPeople.Add(person);
            newIds.Add(person.Id);
        }

        // Membership periods, matched by start date; anything else must not overlap what is stored (only people who
        // existed before this file can have stored periods).
        var stored = (await bulk.MembershipsOfPeopleAsync(uow, networkId, people.Values.Except(newPeople).Select(p => p.Id).ToList(), ct))
            .ToLookup(m => m.PersonId);
        var created = new List<Membership>();
        var updated = new List<Membership>();
        var unchanged = 0;
        foreach (var e in entries)
        {
            var person = people[e.Email];
            Guid? teamId = e.Team is not null && organizations.TryGetValue(e.School!, out var org) ? teams[(org.Id, e.Team.ToLowerInvariant())].Id : null;
            var existing = stored[person.Id].ToList();
            if (existing.FirstOrDefault(m => m.StartDate == e.Start) is { } same)
            {
                if (same.EndDate == e.End && same.Role == e.Role && same.TeamId == teamId) unchanged++;
                else updated.Add(same with { EndDate = e.End, Role = e.Role, TeamId = teamId });
                continue;
            }
            if (existing.FirstOrDefault(m => m.StartDate < (e.End ?? DateOnly.MaxValue) && e.Start < (m.EndDate ?? DateOnly.MaxValue)) is { } clash)
            {
                problems.Add(new RosterProblem(e.Row, "start_date",
                    $"{e.Email} already has a period from {clash.StartDate:O}{(clash.EndDate is { } end ? $" to {end:O}" : "")} that this one overlaps."));
                continue;
            }
            created.Add(new Membership(Guid.CreateVersion7(), networkId, person.Id, e.Role, teamId, e.Start, e.End, null));
        }
        if (problems.Count > 0) return (null, problems.OrderBy(p => p.Row).ToList());

        var now = clock.GetUtcNow();
        if (newSchools.Count > 0) await bulk.InsertSchoolsAsync(uow, newSchools, ct);
        if (newTeams.Count > 0) await bulk.InsertTeamsAsync(uow, newTeams, now, ct);
        if (newPeople.Count > 0) await bulk.InsertPeopleAsync(uow, newPeople, ct);
        if (newLanguages.Count > 0) await bulk.SetPreferredLanguagesAsync(uow, newLanguages.DistinctBy(p => p.Id).ToList(), ct);
        if (created.Count > 0) await bulk.InsertMembershipsAsync(uow, created, ct);
        if (updated.Count > 0) await bulk.UpdateMembershipsAsync(uow, updated, ct);

        var tenant = uow.TenantId!.Value;
        var organizationOfTeam = teams.Values.ToDictionary(t => t.Id, t => t.OrganizationId);
        var joined = created.Select(m => new MemberJoined(tenant, networkId, m.PersonId, m.Id, m.Role.ToString(), m.TeamId,
            m.TeamId is { } t ? organizationOfTeam[t] : null, m.StartDate, now)).ToList();
        var left = created.Concat(updated).Where(m => m.EndDate is not null)
            .Select(m => new MemberLeft(tenant, networkId, m.PersonId, m.Id, m.EndDate!.Value, now)).ToList();
        var schoolNames = organizations.Values.ToDictionary(o => o.Id, o => o.Name);
        // Joiners and leavers are packed types: the outbox writes them as a few packs, not one row per period.
        var events = newTeams.Select(IIntegrationEvent (t) => new ImprovementTeamFormed(tenant, networkId, t.Id, t.Name, t.OrganizationId, schoolNames[t.OrganizationId], now))
            .Concat(joined).Concat(left).ToList();
        await w.Events.EnqueueManyAsync(uow, events, ct);
        if (newSchools.Count > 0) await w.PublishNetworkUpdatedAsync(ct);

        return (new RosterSummary(entries.Count, newSchools.Count, newTeams.Count, newPeople.Count, created.Count, updated.Count, unchanged), []);
    }
}
