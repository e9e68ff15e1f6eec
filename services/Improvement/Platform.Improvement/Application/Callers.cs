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
    /// <summary>A hub admin (not hub staff): the one hub role that needs no seat in the network for what seats decide (coaching).</summary>
    public bool IsHubAdmin { get; init; }

    /// <summary>A member who holds no current membership in this network: they may not see it at all.</summary>
    public bool IsOutsider => !IsHubTeam && PersonId is null;

    public bool MayWriteForTeam(Guid teamId) => IsHubTeam || Teams.Contains(teamId);
}

/// <summary>
/// Recognises the caller for a network. A member is recognised as Assessments recognises a rater: by the email on
/// their access token (Identity always puts it there). Improvement knows members only by person id from the Networks
/// events, which never carry addresses, so it asks the Networks people directory (as <c>improvement-service</c>) for
/// the addresses of the network's current members and takes the one whose email matches, ignoring case; that person's
/// current membership periods give their teams. A member with no match is an outsider to the network. Hub staff are
/// recognised the same way among the people holding a hub-staff seat in the network, when a seat matters (coaching).
/// </summary>
public sealed class Callers(RosterStore roster, HubStaffSeatsStore seats, NetworkFactsStore networks, PeopleDirectory people, TimeProvider clock)
{
    /// <summary>The caller, or null when the tenant has no such network (404: another hub's ids look like no ids).</summary>
    public async Task<Caller?> ForNetworkAsync(ClaimsPrincipal user, UnitOfWork uow, Guid networkId, CancellationToken ct)
    {
        if (await networks.NetworkAsync(uow, networkId, ct) is null) return null;
        var name = user.FindFirstValue("email") ?? user.UserId() ?? "unknown";
        if (user.IsInRole(Roles.HubAdmin) || user.IsInRole(Roles.HubStaff))
            return new Caller(true, null, new HashSet<Guid>(), name) { IsHubAdmin = user.IsInRole(Roles.HubAdmin) };

        var memberships = await roster.CurrentMembershipsAsync(uow, networkId, clock.Today(), ct);
        if (await RecognizeAsync(user, uow, memberships.Select(m => m.PersonId), ct) is not { } me) return new Caller(false, null, new HashSet<Guid>(), name);
        var teams = memberships.Where(m => m.PersonId == me && m.TeamId is not null).Select(m => m.TeamId!.Value).ToHashSet();
        return new Caller(false, me, teams, name);
    }

    /// <summary>Whether the caller holds a current hub-staff seat of <paramref name="hubRole"/> (for example ImprovementCoach) in the network.</summary>
    public async Task<bool> HoldsSeatAsync(ClaimsPrincipal user, UnitOfWork uow, Guid networkId, string hubRole, CancellationToken ct)
    {
        var holders = (await seats.CurrentSeatsAsync(uow, networkId, clock.Today(), ct)).Where(s => s.HubRole == hubRole).Select(s => s.PersonId);
        return await RecognizeAsync(user, uow, holders, ct) is not null;
    }

    /// <summary>
    /// The member's current teams in every network of the hub (one roster read and one directory call for the whole hub),
    /// recognised the same way; the hub team, and a member the directory does not match, have none.
    /// </summary>
    public async Task<IReadOnlyList<NetworkTeam>> CurrentTeamsAsync(ClaimsPrincipal user, UnitOfWork uow, CancellationToken ct)
    {
        if (user.IsInRole(Roles.HubAdmin) || user.IsInRole(Roles.HubStaff)) return [];
        var memberships = await roster.CurrentMembershipsAsync(uow, clock.Today(), ct);
        if (await RecognizeAsync(user, uow, memberships.Select(m => m.PersonId), ct) is not { } me) return [];
        var teams = memberships.Where(m => m.PersonId == me && m.TeamId is not null).Select(m => m.TeamId!.Value).ToHashSet();
        if (teams.Count == 0) return [];
        var networkIds = memberships.Where(m => m.PersonId == me).Select(m => m.NetworkId).Distinct().ToList();
        return (await roster.TeamsOfAsync(uow, networkIds, ct)).Where(t => teams.Contains(t.TeamId)).ToList();
    }

    /// <summary>Which of <paramref name="candidates"/> the caller is: the one whose address in the people directory is the token's email (ignoring case).</summary>
    private async Task<Guid?> RecognizeAsync(ClaimsPrincipal user, UnitOfWork uow, IEnumerable<Guid> candidates, CancellationToken ct)
    {
        if (user.FindFirstValue("email") is not { Length: > 0 }) return null;
        var ids = candidates.Distinct().ToList();
        if (ids.Count == 0) return null;
        var contacts = await people.ContactsAsync(uow.TenantId!.Value, ids, ct);
        return contacts.FirstOrDefault(c => c.IsCaller(user))?.PersonId;
    }
}
