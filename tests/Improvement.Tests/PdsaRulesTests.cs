using Platform.Improvement.Domain;

namespace Improvement.Tests;

public sealed class PdsaRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static PdsaCycle Cycle(CycleStatus status = CycleStatus.Plan, params CycleQuestion[] questions) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, null, "Advisory check-ins", "Do weekly check-ins reach every student?",
        questions.Length == 0 ? [new CycleQuestion("Will every student be seen?", "Yes, 90%")] : questions, new CyclePlan("Ms Lee", "Room 4", "Week 1", "Tally"),
        [], null, status, null, null, DateTimeOffset.UnixEpoch, status == CycleStatus.Plan ? null : Today.AddDays(-3), null);

    [Fact]
    public void A_cycle_in_plan_with_every_prediction_may_start()
    {
        Assert.Null(PdsaRules.Start(Cycle(), Today, Today));
        Assert.True(Cycle().HadPredictions);
    }

    [Fact]
    public void A_question_without_a_prediction_stops_the_start_with_the_field_named()
    {
        var refusal = PdsaRules.Start(Cycle(CycleStatus.Plan, new CycleQuestion("Q1", "P1"), new CycleQuestion("Q2", "  ")), Today, Today);
        Assert.NotNull(refusal);
        Assert.False(refusal.OutOfOrder);
        Assert.Equal("questions[1].prediction", refusal.Field);
    }

    [Theory]
    [InlineData(CycleStatus.Do)]
    [InlineData(CycleStatus.Study)]
    [InlineData(CycleStatus.Done)]
    public void Only_a_cycle_in_plan_starts_or_has_its_plan_edited(CycleStatus status)
    {
        Assert.True(PdsaRules.Start(Cycle(status), Today, Today)!.OutOfOrder);
        Assert.True(PdsaRules.EditPlan(Cycle(status))!.OutOfOrder);
    }

    [Theory]
    [InlineData(CycleStatus.Plan, true)]
    [InlineData(CycleStatus.Do, false)]
    [InlineData(CycleStatus.Study, true)]
    [InlineData(CycleStatus.Done, true)]
    public void Observations_are_taken_only_in_do(CycleStatus status, bool refused)
    {
        Assert.Equal(refused, PdsaRules.Observe(Cycle(status), Today, Today)?.OutOfOrder ?? false);
    }

    [Fact]
    public void An_observation_is_dated_between_the_start_and_today()
    {
        var cycle = Cycle(CycleStatus.Do);
        Assert.Equal("on", PdsaRules.Observe(cycle, Today.AddDays(1), Today)!.Field);
        Assert.Equal("on", PdsaRules.Observe(cycle, Today.AddDays(-4), Today)!.Field);
        Assert.Null(PdsaRules.Observe(cycle, Today.AddDays(-3), Today));
    }

    [Fact]
    public void Study_needs_one_finding_per_question_and_only_from_do()
    {
        var cycle = Cycle(CycleStatus.Do, new CycleQuestion("Q1", "P1"), new CycleQuestion("Q2", "P2"));
        Assert.Equal("findings", PdsaRules.Study(cycle, [new Finding(0, "Seen", PredictionMatch.Yes)])!.Field);
        Assert.Equal("findings[1].questionIndex", PdsaRules.Study(cycle, [new Finding(0, "a", PredictionMatch.Yes), new Finding(2, "b", PredictionMatch.No)])!.Field);
        Assert.Equal("findings[0].whatHappened", PdsaRules.Study(cycle, [new Finding(0, " ", PredictionMatch.Yes), new Finding(1, "b", PredictionMatch.No)])!.Field);
        Assert.Null(PdsaRules.Study(cycle, [new Finding(1, "b", PredictionMatch.Partly), new Finding(0, "a", PredictionMatch.Yes)]));
        Assert.True(PdsaRules.Study(cycle with { Status = CycleStatus.Study }, [new Finding(0, "a", PredictionMatch.Yes), new Finding(1, "b", PredictionMatch.No)])!.OutOfOrder);
    }

    [Theory]
    [InlineData(CycleStatus.Plan)]
    [InlineData(CycleStatus.Do)]
    [InlineData(CycleStatus.Done)]
    public void Only_a_studied_cycle_is_acted_on(CycleStatus status)
    {
        Assert.True(PdsaRules.Act(Cycle(status), "next", Today, Today)!.OutOfOrder);
        Assert.Null(PdsaRules.Act(Cycle(CycleStatus.Study), "next", Today, Today));
    }

    [Fact]
    public void A_cycle_recorded_afterwards_starts_on_an_earlier_day_but_never_in_the_future()
    {
        Assert.Null(PdsaRules.Start(Cycle(), Today.AddDays(-120), Today));
        Assert.Null(PdsaRules.Start(Cycle(), Today, Today));
        Assert.Equal("on", PdsaRules.Start(Cycle(), Today.AddDays(1), Today)!.Field);
    }

    [Fact]
    public void A_cycle_is_finished_between_its_start_and_today()
    {
        var studied = Cycle(CycleStatus.Study); // started three days ago
        Assert.Null(PdsaRules.Act(studied, "next", Today.AddDays(-3), Today));
        Assert.Null(PdsaRules.Act(studied, "next", Today, Today));
        Assert.Equal("on", PdsaRules.Act(studied, "next", Today.AddDays(-4), Today)!.Field);
        Assert.Equal("on", PdsaRules.Act(studied, "next", Today.AddDays(1), Today)!.Field);
    }

    [Fact]
    public void A_plan_names_every_bad_field()
    {
        var problems = PdsaRules.PlanProblems("", new string('o', 2001), [new CycleQuestion("", new string('p', 1001))], new CyclePlan(new string('w', 1001), null, null, null));
        Assert.Equal(["objective", "plan.who", "questions[0].prediction", "questions[0].question", "title"], problems.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("questions", PdsaRules.PlanProblems("t", "o", [], new CyclePlan(null, null, null, null)).Keys);
        Assert.Empty(PdsaRules.PlanProblems("t", "o", [new CycleQuestion("q", null)], new CyclePlan(null, null, null, null)));
    }

    [Fact]
    public void A_ramp_walks_back_to_the_first_cycle_and_forward_to_every_cycle_built_on_it()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid(), e = Guid.NewGuid(), other = Guid.NewGuid();
        var links = new Dictionary<Guid, Guid?> { [a] = null, [b] = a, [c] = b, [d] = c, [e] = c, [other] = null };
        var (before, after) = PdsaRules.Ramp(c, links);
        Assert.Equal([a, b], before);
        Assert.Equal(new[] { d, e }.Order(), after.Order());
        var first = PdsaRules.Ramp(a, links);
        Assert.Empty(first.BuildsOn);
        Assert.Equal(new[] { b, c, d, e }.Order(), first.BuiltOnIt.Order());
    }

    [Fact]
    public void A_ramp_survives_a_loop_in_the_links()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var (before, after) = PdsaRules.Ramp(a, new Dictionary<Guid, Guid?> { [a] = b, [b] = a });
        Assert.Equal([b], before);
        Assert.Empty(after);
    }
}
