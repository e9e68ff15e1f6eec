using Platform.Networks.Domain;

namespace Networks.Tests;

public sealed class MembershipRulesTests
{
    private static Membership Period(string start, string? end) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), MemberRole.TeamMember, null, DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end), null);

    [Fact]
    public void A_first_period_or_a_rejoin_after_the_last_one_ended_can_start()
    {
        Assert.Null(MembershipRules.StartConflict([], "a@x.test", new DateOnly(2024, 1, 1)));
        Assert.Null(MembershipRules.StartConflict([Period("2021-09-01", "2023-06-30")], "a@x.test", new DateOnly(2023, 6, 30)));
    }

    [Fact]
    public void An_open_period_or_one_ending_after_the_new_start_is_a_conflict()
    {
        Assert.Contains("already a member", MembershipRules.StartConflict([Period("2021-09-01", null)], "a@x.test", new DateOnly(2024, 1, 1)));
        Assert.Contains("cannot start before", MembershipRules.StartConflict([Period("2021-09-01", "2024-06-30")], "a@x.test", new DateOnly(2024, 1, 1)));
    }
}
