using Platform.Contracts;
using Platform.Contracts.Improvement;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.Improvement.IntegrationEvents;

namespace Improvement.Tests;

/// <summary>Improvement's events carry ids and facts only: no cycle text, no names, no person id (docs/privacy.md).</summary>
public sealed class EventContractTests
{
    private static readonly Type[] Events = typeof(CycleStarted).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(CycleStarted).Namespace && typeof(IIntegrationEvent).IsAssignableFrom(t)).ToArray();

    /// <summary>The only text an event may carry: names from a closed list (a status or a decision).</summary>
    private static readonly string[] EnumNamed = ["Status", "PreviousStatus", "Decision", "Kind"];

    [Fact]
    public void Every_event_property_is_an_id_a_number_a_flag_a_date_or_a_named_state()
    {
        Assert.Equal(9, Events.Length);
        Type[] facts = [typeof(Guid), typeof(Guid?), typeof(int), typeof(double), typeof(bool), typeof(DateOnly), typeof(DateOnly?), typeof(DateTimeOffset)];
        foreach (var property in Events.SelectMany(e => e.GetProperties()))
        {
            Assert.DoesNotContain("Person", property.Name);
            Assert.True(facts.Contains(property.PropertyType) || (property.PropertyType == typeof(string) && EnumNamed.Contains(property.Name)),
                $"{property.DeclaringType!.Name}.{property.Name} ({property.PropertyType.Name}) is not an id or a fact");
        }
    }

    [Fact]
    public void A_completed_cycle_states_its_decision_dates_and_whether_it_had_predictions()
    {
        var cycle = new PdsaCycle(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "Secret title", "Secret objective",
            [new CycleQuestion("Q", "P"), new CycleQuestion("Q2", null)], new CyclePlan(), [], null, CycleStatus.Done, CycleDecision.TestAgain, "Next",
            DateTimeOffset.UnixEpoch, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 20));
        var e = ImprovementEvents.Completed(Guid.NewGuid(), cycle, DateTimeOffset.UnixEpoch);
        Assert.Equal(("TestAgain", false, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 20)), (e.Decision, e.HadPredictions, e.StartedOn, e.CompletedOn));
        Assert.Equal((cycle.Id, cycle.TeamId, cycle.ChangeIdeaId), (e.CycleId, e.TeamId, e.ChangeIdeaId));
    }

    [Fact]
    public void A_revision_counts_its_drivers_and_distinct_change_ideas()
    {
        var idea = Guid.NewGuid();
        var diagram = new DriverDiagram(new Aim("Aim"), [
            new PrimaryDriver("a", "A", [new SecondaryDriver("a1", "A1", [idea]), new SecondaryDriver("a2", "A2", [idea, Guid.NewGuid()])]),
            new PrimaryDriver("b", "B", []),
        ]);
        var e = ImprovementEvents.Revised(Guid.NewGuid(), new TheoryVersion(Guid.NewGuid(), 4, diagram, "why", "who", new DateTimeOffset(2026, 5, 1, 23, 0, 0, TimeSpan.Zero)));
        Assert.Equal((4, 2, 2, 2, new DateOnly(2026, 5, 1)), (e.Version, e.PrimaryDrivers, e.SecondaryDrivers, e.ChangeIdeas, e.On));
    }

    [Fact]
    public void A_touchpoint_and_a_review_travel_as_ids_counts_and_dates_only()
    {
        var t = new Touchpoint(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Team A", new DateOnly(2026, 2, 3), "Secret focus", "Secret agreement", "Secret step",
            "coach@hub.test", DateTimeOffset.UnixEpoch);
        var logged = ImprovementEvents.TouchpointLogged(Guid.NewGuid(), t);
        Assert.Equal((t.NetworkId, t.Id, t.TeamId, t.On), (logged.NetworkId, logged.TouchpointId, logged.TeamId, logged.On));
        var held = ImprovementEvents.ReviewHeld(Guid.NewGuid(), new ReviewFacts(Guid.NewGuid(), t.NetworkId, new DateOnly(2026, 2, 4), 5, 2, DateTimeOffset.UnixEpoch));
        Assert.Equal((5, 2, new DateOnly(2026, 2, 4)), (held.CyclesReviewed, held.Decisions, held.HeldOn));
    }

    [Fact]
    public void A_series_states_its_latest_period_with_a_point_and_its_size()
    {
        var points = new[] { new DataPoint(new DateOnly(2026, 1, 1), 3, null, false, null), new DataPoint(new DateOnly(2026, 3, 1), 4, null, true, "x"),
            new DataPoint(new DateOnly(2026, 2, 1), 5, null, false, null) };
        Assert.Equal(new SeriesFacts(new DateOnly(2026, 3, 1), 3), SeriesFacts.Of(points));
        Assert.Equal(new SeriesFacts(null, 0), SeriesFacts.Of([]));
    }
}
