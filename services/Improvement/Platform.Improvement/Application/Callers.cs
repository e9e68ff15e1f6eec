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

        var outsider = new Caller(false, null, new HashSet<Guid>(), name);
        if (user.FindFirstValue("email") is not { Length: > 0 } email) return outsider;
        var memberships = await roster.CurrentMembershipsAsync(uow, networkId, clock.Today(), ct);
        if (memberships.Count == 0) return outsider;
        var contacts = await people.ContactsAsync(uow.TenantId!.Value, memberships.Select(m => m.PersonId).Distinct().ToList(), ct);
        if (contacts.FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase)) is not { } me) return outsider;
        var teams = memberships.Where(m => m.PersonId == me.PersonId && m.TeamId is not null).Select(m => m.TeamId!.Value).ToHashSet();
        return new Caller(false, me.PersonId, teams, name);
    }
}
