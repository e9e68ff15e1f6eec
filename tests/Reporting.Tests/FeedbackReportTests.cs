using Platform.HealthModel;
using Platform.Reporting.Domain;

namespace Reporting.Tests;

public class FeedbackReportTests
{
    private static IReadOnlyDictionary<string, decimal> Means(decimal hub) => new Dictionary<string, decimal> { ["HUB_LEADERSHIP"] = hub };

    [Fact]
    public void Benchmarking_needs_consent_and_five_qualifying_networks()
    {
        var five = new[] { 2.0m, 4.0m, 3.0m, 3.5m, 2.5m }.Select(Means).ToList();
        Assert.False(Benchmark.Of(consented: false, five, 5).Shown);
        Assert.Empty(Benchmark.Of(consented: false, five, 5).Medians);
        var four = Benchmark.Of(consented: true, five.Take(4).ToList(), 5);
        Assert.False(four.Shown);
        Assert.Equal(4, four.QualifyingNetworks);
        var shown = Benchmark.Of(consented: true, five, 5);
        Assert.True(shown.Shown);
        Assert.Equal(3.0m, shown.Medians["HUB_LEADERSHIP"]);
        Assert.False(shown.Medians.ContainsKey("NETWORK_CULTURE")); // no network had that scale shown
    }

    [Fact]
    public void Medians_of_an_even_count_average_the_middle_two() =>
        Assert.Equal(3.25m, Statistics.Median([4m, 2m, 3m, 3.5m]));

    private static ScaleComparison Scale(string key, decimal? now, decimal? before) =>
        new(key, HealthScales.Title(key), ScaleKind.Domain, now is { } m ? new ScaleStatistics(key, 6, m, 0.5m, 50m) : null, null, before, null);

    [Fact]
    public void The_debrief_asks_about_the_weakest_domain_the_biggest_change_and_the_first_warning()
    {
        var scales = new[] { Scale("HUB_LEADERSHIP", 3.9m, 3.2m), Scale("ACROSS_TEAM", 2.4m, 2.5m) };
        var warning = new NetworkWarning(WarningKind.OverReliance, "OverReliance/core-seats@2026.1", "Only 1 core hub seat is filled.", new Dictionary<string, object?>());
        var questions = FeedbackReport.QuestionsFor(scales, "ACROSS_TEAM", new LeadershipProfile(null, null, 0, []), [warning]);
        Assert.Equal(3, questions.Count);
        Assert.StartsWith("Connections across teams is the network's weakest domain", questions[0]);
        Assert.Equal("Hub leadership rose from 3.20 to 3.90. What did the network do differently, and how can it keep doing it?", questions[1]);
        Assert.Contains("Only 1 core hub seat is filled.", questions[2]);
    }

    [Fact]
    public void Without_enough_responses_or_change_the_debrief_still_asks_three_questions()
    {
        var leadership = new LeadershipProfile(new DateOnly(2026, 3, 1), null, 4, [new AreaChange("A1", 2.5m, null, null), new AreaChange("A2", 1.8m, null, null)]);
        var questions = FeedbackReport.QuestionsFor([Scale("HUB_LEADERSHIP", null, 3m)], null, leadership, []);
        Assert.Equal(3, questions.Count);
        Assert.StartsWith("Too few members responded", questions[0]);
        Assert.StartsWith("Little changed from last year", questions[1]);
        Assert.Contains("area A2 lowest (1.8)", questions[2]);
    }
}
