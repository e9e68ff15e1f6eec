using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace HealthModel.Tests;

public class SuppressionTests
{
    [Fact]
    public void The_minimum_is_five_and_open_text_needs_ten()
    {
        Assert.Equal(5, Suppression.MinimumN);
        Assert.Equal(10, Suppression.OpenTextFloor);
        Assert.False(Suppression.IsReportable(4));
        Assert.True(Suppression.IsReportable(5));
    }

    [Fact]
    public void Nothing_is_hidden_when_every_group_is_large_enough()
    {
        Assert.Empty(Suppression.HiddenGroups([("a", 5), ("b", 12)], 5));
    }

    [Fact]
    public void One_small_group_takes_the_next_smallest_with_it()
    {
        var hidden = Suppression.HiddenGroups([("big", 30), ("small", 3), ("medium", 9), ("large", 12)], 5);
        Assert.Equal(new HashSet<string> { "small", "medium" }, hidden);
    }

    [Fact]
    public void Two_small_groups_already_protect_each_other()
    {
        var hidden = Suppression.HiddenGroups([("a", 2), ("b", 4), ("c", 40)], 5);
        Assert.Equal(new HashSet<string> { "a", "b" }, hidden);
    }

    [Fact]
    public void A_single_small_group_alone_is_hidden()
    {
        Assert.Equal(new HashSet<string> { "only" }, Suppression.HiddenGroups([("only", 4)], 5));
    }

    /// <summary>
    /// With the total shown, a hidden group's size can be recovered exactly when it is the only hidden one:
    /// so there is never exactly one hidden group, and every group under the minimum is hidden.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property No_hidden_value_follows_from_the_visible_ones_and_the_total(NonEmptyArray<NonNegativeInt> sizes, PositiveInt raise)
    {
        var minimum = Suppression.MinimumN + raise.Get % 10;
        var groups = sizes.Get.Select((n, i) => (Key: i, N: n.Get % 40)).ToList();
        var hidden = Suppression.HiddenGroups(groups, minimum);
        var everySmallHidden = groups.Where(g => g.N < minimum).All(g => hidden.Contains(g.Key));
        var notRecoverable = hidden.Count != 1 || groups.Count == 1;
        return (everySmallHidden && notRecoverable).Label($"hidden {string.Join(",", hidden)} of {string.Join(",", groups)}");
    }
}
