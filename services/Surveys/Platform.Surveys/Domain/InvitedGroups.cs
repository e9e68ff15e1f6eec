using Platform.HealthModel;

namespace Platform.Surveys.Domain;

/// <summary>A response's group attributes as stored: each is null when not kept.</summary>
public sealed record KeptGroups(string? Role, Guid? TeamId, Guid? OrganizationId);

/// <summary>
/// A wave's invitations counted by role, team and school (a snapshot taken at opening, so it never changes). It decides
/// which group attributes a response may keep: only a combination that at least the minimum of invitations share, so that
/// nobody who can read the database can pair a stored response with the one person it came from (issue 25).
/// </summary>
public sealed class InvitedGroups(IReadOnlyList<InvitedGroups.Count> counts)
{
    public sealed record Count(string Role, Guid? TeamId, Guid? OrganizationId, int Invited);

    /// <summary>Everyone the wave invited.</summary>
    public int Total => counts.Sum(c => c.Invited);

    /// <summary>How many invitations match the kept attributes (an attribute not kept matches any value).</summary>
    public int Matching(KeptGroups kept) => counts
        .Where(c => (kept.Role is null || c.Role == kept.Role) && (kept.TeamId is null || c.TeamId == kept.TeamId)
            && (kept.OrganizationId is null || c.OrganizationId == kept.OrganizationId))
        .Sum(c => c.Invited);

    /// <summary>
    /// What a response of an invitation with these attributes keeps: all three if enough share them, else its team and school
    /// (without role), else its role alone, else its school alone, else nothing. Migration 0005's kept_response_groups is the
    /// same rule in SQL, for the rows stored before it; a test pins the two together.
    /// </summary>
    public KeptGroups Kept(string role, Guid? teamId, Guid? organizationId, int minimumN)
    {
        KeptGroups[] candidates = [new(role, teamId, organizationId), new(null, teamId, organizationId), new(role, null, null), new(null, null, organizationId)];
        return candidates.FirstOrDefault(c => Suppression.IsReportable(Matching(c), minimumN)) ?? new KeptGroups(null, null, null);
    }
}
