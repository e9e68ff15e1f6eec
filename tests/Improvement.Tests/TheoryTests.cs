using Platform.Improvement.Domain;

namespace Improvement.Tests;

public sealed class TheoryTests
{
    private static readonly Guid IdeaA = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid IdeaB = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    private static DriverDiagram Diagram(params PrimaryDriver[] primaries) => new(new Aim("90% of ninth graders on track by June 2027"), primaries);

    private static PrimaryDriver P(string key, string title, params SecondaryDriver[] s) => new(key, title, s);

    private static SecondaryDriver S(string key, string title, params Guid[] ideas) => new(key, title, ideas);

    private static readonly DriverDiagram V1 = Diagram(
        P("rel", "Relationships", S("adv", "Advisory", IdeaA), S("mentor", "Mentoring")),
        P("data", "Use of data", S("ews", "Early-warning lists", IdeaB)));

    [Fact]
    public void Identical_versions_have_no_differences()
    {
        var c = TheoryCompare.Compare(1, V1, 2, V1);
        Assert.False(c.AimChanged);
        Assert.Empty(c.DriversAdded);
        Assert.Empty(c.DriversRemoved);
        Assert.Empty(c.DriversRenamed);
        Assert.Empty(c.DriversMoved);
        Assert.Empty(c.ChangeIdeasAdded);
        Assert.Empty(c.ChangeIdeasRemoved);
        Assert.Empty(c.ChangeIdeasMoved);
    }

    [Fact]
    public void A_new_title_under_the_same_key_is_a_rename_not_a_removal_and_an_addition()
    {
        var v2 = Diagram(
            P("rel", "Belonging and relationships", S("adv", "Advisory", IdeaA), S("mentor", "Mentoring")),
            P("data", "Use of data", S("ews", "Early-warning lists", IdeaB)));
        var c = TheoryCompare.Compare(1, V1, 2, v2);
        var renamed = Assert.Single(c.DriversRenamed);
        Assert.Equal(("rel", "Relationships", "Belonging and relationships"), (renamed.Key, renamed.From, renamed.To));
        Assert.Empty(c.DriversAdded);
        Assert.Empty(c.DriversRemoved);
        Assert.Empty(c.DriversMoved);
    }

    [Fact]
    public void The_same_title_under_a_new_key_is_a_removal_and_an_addition()
    {
        var v2 = Diagram(
            P("rel", "Relationships", S("adv", "Advisory", IdeaA), S("mentor2", "Mentoring")),
            P("data", "Use of data", S("ews", "Early-warning lists", IdeaB)));
        var c = TheoryCompare.Compare(1, V1, 2, v2);
        Assert.Equal("mentor", Assert.Single(c.DriversRemoved).Key);
        var added = Assert.Single(c.DriversAdded);
        Assert.Equal(("mentor2", 2, "rel"), (added.Key, added.Level, added.ParentKey));
        Assert.Empty(c.DriversRenamed);
    }

    [Fact]
    public void A_driver_under_another_parent_is_moved_and_its_change_ideas_stay_put()
    {
        var v2 = Diagram(
            P("rel", "Relationships", S("mentor", "Mentoring")),
            P("data", "Use of data", S("ews", "Early-warning lists", IdeaB), S("adv", "Advisory", IdeaA)));
        var c = TheoryCompare.Compare(1, V1, 2, v2);
        var moved = Assert.Single(c.DriversMoved);
        Assert.Equal(("adv", "rel", "data"), (moved.Key, moved.FromParentKey, moved.ToParentKey));
        Assert.Empty(c.DriversRenamed);
        Assert.Empty(c.ChangeIdeasMoved); // still under the driver "adv"
    }

    [Fact]
    public void A_driver_renamed_and_moved_is_reported_as_both()
    {
        var v2 = Diagram(
            P("rel", "Relationships", S("mentor", "Mentoring")),
            P("data", "Use of data", S("ews", "Early-warning lists", IdeaB), S("adv", "Advisory periods", IdeaA)));
        var c = TheoryCompare.Compare(1, V1, 2, v2);
        Assert.Equal("adv", Assert.Single(c.DriversMoved).Key);
        Assert.Equal("Advisory periods", Assert.Single(c.DriversRenamed).To);
    }

    [Fact]
    public void A_secondary_driver_promoted_to_primary_is_moved_across_levels()
    {
        var v2 = Diagram(
            P("rel", "Relationships", S("adv", "Advisory", IdeaA)),
            P("mentor", "Mentoring"),
            P("data", "Use of data", S("ews", "Early-warning lists", IdeaB)));
        var moved = Assert.Single(TheoryCompare.Compare(1, V1, 2, v2).DriversMoved);
        Assert.Equal((2, "rel", 1, (string?)null), (moved.FromLevel, moved.FromParentKey, moved.ToLevel, moved.ToParentKey));
    }

    [Fact]
    public void Change_ideas_are_added_removed_and_moved_by_id()
    {
        var ideaC = Guid.NewGuid();
        var v2 = Diagram(
            P("rel", "Relationships", S("adv", "Advisory"), S("mentor", "Mentoring", IdeaA, ideaC)),
            P("data", "Use of data", S("ews", "Early-warning lists")));
        var c = TheoryCompare.Compare(1, V1, 2, v2);
        Assert.Equal(ideaC, Assert.Single(c.ChangeIdeasAdded).ChangeIdeaId);
        Assert.Equal(IdeaB, Assert.Single(c.ChangeIdeasRemoved).ChangeIdeaId);
        var moved = Assert.Single(c.ChangeIdeasMoved);
        Assert.Equal(IdeaA, moved.ChangeIdeaId);
        Assert.Equal(["adv"], moved.FromDriverKeys);
        Assert.Equal(["mentor"], moved.ToDriverKeys);
    }

    [Fact]
    public void A_removed_primary_driver_takes_its_secondary_drivers_with_it()
    {
        var v2 = Diagram(P("rel", "Relationships", S("adv", "Advisory", IdeaA), S("mentor", "Mentoring")));
        var c = TheoryCompare.Compare(1, V1, 2, v2);
        Assert.Equal(["data", "ews"], c.DriversRemoved.Select(d => d.Key).Order().ToArray());
        Assert.Equal(IdeaB, Assert.Single(c.ChangeIdeasRemoved).ChangeIdeaId);
    }

    [Fact]
    public void Building_a_tree_gives_new_drivers_keys_and_keeps_given_ones()
    {
        var n = 0;
        var (diagram, problems) = DriverDiagrams.Build(new AimInput("  Aim  "),
            [new PrimaryDriverInput(" Relationships ", "rel", [new SecondaryDriverInput("Advisory", null, [IdeaA])]), new PrimaryDriverInput("Data")],
            () => $"new{++n}");
        Assert.Empty(problems);
        Assert.Equal("Aim", diagram!.Aim.Statement);
        Assert.Equal(["rel", "new2"], diagram.PrimaryDrivers.Select(p => p.Key).ToArray());
        Assert.Equal("new1", diagram.PrimaryDrivers[0].SecondaryDrivers[0].Key);
        Assert.Equal("Relationships", diagram.PrimaryDrivers[0].Title);
    }

    [Fact]
    public void Every_problem_of_a_tree_is_named_by_its_path()
    {
        var (diagram, problems) = DriverDiagrams.Build(new AimInput(""),
            [
                new PrimaryDriverInput("Relationships", "rel", [new SecondaryDriverInput(new string('x', 201), "rel"), new SecondaryDriverInput("Ok", "bad key!", [IdeaA, IdeaA])]),
            ], () => "k");
        Assert.Null(diagram);
        Assert.Equal(
            ["aim.statement", "primaryDrivers[0].secondaryDrivers[0].key", "primaryDrivers[0].secondaryDrivers[0].title",
             "primaryDrivers[0].secondaryDrivers[1].changeIdeaIds", "primaryDrivers[0].secondaryDrivers[1].key"],
            problems.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void A_tree_without_an_aim_is_refused()
    {
        var (diagram, problems) = DriverDiagrams.Build(null, [], () => "k");
        Assert.Null(diagram);
        Assert.Contains("aim", problems.Keys);
    }
}
