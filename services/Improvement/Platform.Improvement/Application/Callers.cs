using System.Security.Claims;
using Platform.Data;
using Platform.Improvement.Data;
using Platform.Messaging.ReadModels;
using Platform.ServiceDefaults;

namespace Platform.Improvement.Application;

/// <summary>
/// Who is calling, for one network: the hub team (hub admins and hub staff of the network's hub: everything), or a
/// member, with the teams they belong to today (reads of the network; cycles of their own teams only).
/// </summary>
public sealed record Caller(bool IsHubTeam, Guid? PersonId, IReadOnlySet<Guid> Teams, string Name)
{
    /// <summary>A member who holds no current membership in this network: they may not see it at all.</summary>
    public bool IsOutsider => !IsHubTeam && PersonId is null;

    public bool MayWriteForTeam(Guid teamId) => IsHubTeam || Teams.Contains(teamId);
}

/// <summary>
/// Recognises the caller for a network. A member is recognised as Assessments recognises a rater: by the email on
/// their access token (Identity always puts it there). Improvement knows members only by person id from the Networks
/// events, which never carry addresses, so it asks the Networks people directory (as <c>improvement-service</c>) for
/// the addresses of the network's current members and takes the one whose email matches, ignoring case; that person's
/// current membership periods give their teams. A member with no match is an outsider to the network.
/// </summary>
public sealed class Callers(RosterStore roster, NetworkFactsStore networks, PeopleDirectory people, TimeProvider clock)
{
    /// <summary>The caller, or null when the tenant has no such network (404: another hub's ids look like no ids).</summary>
    public async Task<Caller?> ForNetworkAsync(ClaimsPrincipal user, UnitOfWork uow, Guid networkId, CancellationToken ct)
    {
        if (await networks.NetworkAsync(uow, networkId, ct) is null) return null;
        var name = user.FindFirstValue("email") ?? user.UserId() ?? "unknown";
        if (user.IsInRole(Roles.HubAdmin) || user.IsInRole(Roles.HubStaff)) return new Caller(true, null, new HashSet<Guid>(), name);

        var memberships = await roster.CurrentMembershipsAsync(uow, networkId, clock.Today(), ct);
        if (await RecogniseAsync(user, uow, memberships.Select(m => m.PersonId), ct) is not { } me) return new Caller(false, null, new HashSet<Guid>(), name);
        var teams = memberships.Where(m => m.PersonId == me && m.TeamId is not null).Select(m => m.TeamId!.Value).ToHashSet();
        return new Caller(false, me, teams, name);
    }

    /// <summary>
    /// The member's current teams in every network of the hub (one roster read and one directory call for the whole hub),
    /// recognised the same way; the hub team, and a member the directory does not match, have none.
    /// </summary>
    public async Task<IReadOnlyList<NetworkTeam>> CurrentTeamsAsync(ClaimsPrincipal user, UnitOfWork uow, CancellationToken ct)
    {
        if (user.IsInRole(Roles.HubAdmin) || user.IsInRole(Roles.HubStaff)) return [];
        var memberships = await roster.CurrentMembershipsAsync(uow, clock.Today(), ct);
        if (await RecogniseAsync(user, uow, memberships.Select(m => m.PersonId), ct) is not { } me) return [];
        var teams = memberships.Where(m => m.PersonId == me && m.TeamId is not null).Select(m => m.TeamId!.Value).ToHashSet();
        if (teams.Count == 0) return [];
        var networkIds = memberships.Where(m => m.PersonId == me).Select(m => m.NetworkId).Distinct().ToList();
        return (await roster.TeamsOfAsync(uow, networkIds, ct)).Where(t => teams.Contains(t.TeamId)).ToList();
    }

    /// <summary>The person among <paramref name="members"/> whose directory email is the token's (ignoring case), or null.</summary>
    private async Task<Guid?> RecogniseAsync(ClaimsPrincipal user, UnitOfWork uow, IEnumerable<Guid> members, CancellationToken ct)
    {
        if (user.FindFirstValue("email") is not { Length: > 0 } email) return null;
        var ids = members.Distinct().ToList();
        if (ids.Count == 0) return null;
        var contacts = await people.ContactsAsync(uow.TenantId!.Value, ids, ct);
        return contacts.FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))?.PersonId;
    }
}
