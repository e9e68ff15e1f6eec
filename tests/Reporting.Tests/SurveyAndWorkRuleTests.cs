using Platform.HealthModel;
using Platform.Reporting.Domain;

namespace Reporting.Tests;

/// <summary>What members said of their improvement routines beside what the network did: where the two disagree, at the rule's boundaries.</summary>
public class SurveyAndWorkRuleTests
{
    private static ScaleResult Ci(decimal mean) => new(ImprovementBesideSurvey.CiProcessesScale, new ScaleStatistics(ImprovementBesideSurvey.CiProcessesScale, 12, mean, 0.6m, 50m), null);

    private static ImprovementActivityReport Work(int teams, int completed, int measuresImproving = 0) =>
        new(2025, new DateOnly(2025, 8, 1), new DateOnly(2026, 7, 31), [], completed, completed, 0, teams, 0, ImprovementActivity.ActiveWindowDays, null, null,
            new CycleDecisions(completed, 0, 0, 0), measuresImproving, 0, false, 0);

    private static SurveyAndWork Compare(ScaleResult ci, ImprovementActivityReport work) => SurveyAndWorkRule.Compare(ci, work).Agreement;

    [Fact]
    public void A_high_rating_with_no_cycle_completed_disagrees_from_the_favorable_cut_off()
    {
        Assert.Equal(SurveyAndWork.RatedHighNoCycleCompleted, Compare(Ci(4.00m), Work(teams: 3, completed: 0)));
        Assert.Equal(SurveyAndWork.RatedHighNoCycleCompleted, Compare(Ci(5.00m), Work(teams: 3, completed: 0)));
        Assert.Equal(SurveyAndWork.Agree, Compare(Ci(3.99m), Work(teams: 3, completed: 0)));  // not high: nothing to contradict
        Assert.Equal(SurveyAndWork.Agree, Compare(Ci(4.00m), Work(teams: 3, completed: 1)));  // one completed cycle is work done

        var (_, finding) = SurveyAndWorkRule.Compare(Ci(4.25m), Work(teams: 3, completed: 0));
        Assert.Contains("high (4.25 of 5)", finding);
        Assert.Contains("no PDSA cycle was completed", finding);
        Assert.Contains("disagree", finding);
    }

    [Fact]
    public void A_low_rating_disagrees_once_the_teams_completed_a_cycle_each()
    {
        Assert.Equal(SurveyAndWork.RatedLowCyclesCompleted, Compare(Ci(2.99m), Work(teams: 3, completed: 3)));
        Assert.Equal(SurveyAndWork.RatedLowCyclesCompleted, Compare(Ci(1.00m), Work(teams: 3, completed: 10)));
        Assert.Equal(SurveyAndWork.Agree, Compare(Ci(2.99m), Work(teams: 3, completed: 2)));  // fewer than one per team
        Assert.Equal(SurveyAndWork.Agree, Compare(Ci(3.00m), Work(teams: 3, completed: 3)));  // the midpoint is not low

        var (_, finding) = SurveyAndWorkRule.Compare(Ci(2.50m), Work(teams: 2, completed: 5, measuresImproving: 1));
        Assert.Contains("low (2.50 of 5)", finding);
        Assert.Contains("5 PDSA cycles (2.5 per team)", finding);
        Assert.Contains("1 measure showed improvement", finding);
        Assert.Contains("disagree", finding);
    }

    [Fact]
    public void Without_a_shown_score_or_an_improvement_team_the_two_are_not_compared()
    {
        var suppressed = new ScaleResult(ImprovementBesideSurvey.CiProcessesScale, null, "fewer than 5 responses");
        var (agreement, finding) = SurveyAndWorkRule.Compare(suppressed, Work(teams: 3, completed: 0));
        Assert.Equal(SurveyAndWork.NotCompared, agreement);
        Assert.Contains("fewer than 5 responses", finding);
        Assert.Equal(SurveyAndWork.NotCompared, Compare(Ci(4.5m), Work(teams: 0, completed: 0)));
        Assert.Equal(SurveyAndWork.NotCompared, Compare(Ci(2.0m), Work(teams: 0, completed: 4)));
    }

    [Fact]
    public void Agreement_is_said_in_words_too()
    {
        var (agreement, finding) = SurveyAndWorkRule.Compare(Ci(4.40m), Work(teams: 2, completed: 1));
        Assert.Equal(SurveyAndWork.Agree, agreement);
        Assert.Contains("agree", finding);
        Assert.Contains("1 PDSA cycle ", finding);
    }

    [Fact]
    public void The_section_takes_the_continuous_improvement_domain_of_the_profile()
    {
        var profile = new HealthProfile(2025, 12, 80m, [new ScaleResult("HUB_LEADERSHIP", new ScaleStatistics("HUB_LEADERSHIP", 12, 2m, null, 0m), null), Ci(4.2m)],
            "HUB_LEADERSHIP", [], [], []);
        var section = ImprovementBesideSurvey.Of(profile, Work(teams: 2, completed: 0));
        Assert.Equal((2025, 4.2m), (section.Year, section.CiProcesses.Statistics!.Mean));
        Assert.Equal(SurveyAndWork.RatedHighNoCycleCompleted, section.Agreement);

        // No responses at all: the domain is missing from the profile, and the section says so.
        var empty = ImprovementBesideSurvey.Of(new HealthProfile(2025, 0, null, [], null, [], [], []), Work(teams: 2, completed: 0));
        Assert.Equal((SurveyAndWork.NotCompared, "no responses"), (empty.Agreement, empty.CiProcesses.Note));
    }
}
