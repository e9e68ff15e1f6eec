using Platform.Surveys.Domain;

namespace Surveys.Tests;

public sealed class InvitedGroupsTests
{
    private static readonly Guid TeamA = Guid.CreateVersion7(), TeamB = Guid.CreateVersion7(), School = Guid.CreateVersion7();

    private static readonly InvitedGroups Wave = new([
        new("TeamMember", TeamA, School, 6), new("TeamLead", TeamA, School, 1),
        new("TeamMember", TeamB, School, 3), new("TeamLead", TeamB, School, 1),
    ]);

    [Fact]
    public void A_response_keeps_all_three_when_enough_share_them()
    {
        Assert.Equal(new KeptGroups("TeamMember", TeamA, School), Wave.Kept("TeamMember", TeamA, School, 5));
    }

    [Fact]
    public void A_rare_role_in_a_large_team_keeps_the_team_and_school_but_not_the_role()
    {
        Assert.Equal(new KeptGroups(null, TeamA, School), Wave.Kept("TeamLead", TeamA, School, 5));
    }

    [Fact]
    public void A_small_team_falls_back_to_the_role_then_the_school_then_nothing()
    {
        Assert.Equal(new KeptGroups("TeamMember", null, null), Wave.Kept("TeamMember", TeamB, School, 5));
        Assert.Equal(new KeptGroups(null, null, School), Wave.Kept("TeamLead", TeamB, School, 5)); // 2 leads; the school has 11
        Assert.Equal(new KeptGroups(null, null, null), Wave.Kept("TeamLead", TeamB, School, 12));
    }

    [Fact]
    public void Whatever_is_kept_matches_at_least_the_minimum_of_invitations_or_nothing_is_kept()
    {
        foreach (var (role, team) in new[] { ("TeamMember", TeamA), ("TeamLead", TeamA), ("TeamMember", TeamB), ("TeamLead", TeamB) })
            foreach (var minimum in new[] { 5, 7, 10, 12 })
            {
                var kept = Wave.Kept(role, team, School, minimum);
                Assert.True(kept == new KeptGroups(null, null, null) || Wave.Matching(kept) >= minimum, $"{role} {team} {minimum}: {kept}");
            }
    }
}
