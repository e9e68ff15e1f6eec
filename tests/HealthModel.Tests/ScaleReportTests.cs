namespace HealthModel.Tests;

public class ScaleReportTests
{
    private static RespondentScores R(decimal hub, string? group = null) => new(new Dictionary<string, decimal> { ["HUB_LEADERSHIP"] = hub }, group);

    [Fact]
    public void The_overall_result_needs_the_minimum_number_of_scores_per_scale()
    {
        var four = Enumerable.Range(0, 4).Select(_ => R(4)).ToList();
        Assert.Equal("fewer than 5 responses", Assert.Single(ScaleReport.Overall(four, 5)).Note);
        var five = four.Append(R(2)).ToList();
        var result = Assert.Single(ScaleReport.Overall(five, 5));
        Assert.Equal(3.6m, result.Statistics!.Mean);
        Assert.Equal(80.0m, result.Statistics.PctFavorable);
    }

    [Fact]
    public void A_small_subgroup_hides_the_next_smallest_and_unspecified_respondents_form_a_group()
    {
        var respondents = Enumerable.Range(0, 12).Select(_ => R(4, "TeamMember"))
            .Concat(Enumerable.Range(0, 6).Select(_ => R(3, "TeamLead")))
            .Concat(Enumerable.Range(0, 2).Select(_ => R(5, "DistrictLead")))
            .Concat(Enumerable.Range(0, 7).Select(_ => R(2))).ToList();
        var groups = ScaleReport.ByGroup(respondents, 5).ToDictionary(g => g.Group);
        Assert.Null(groups["DistrictLead"].Respondents);
        Assert.Null(groups["TeamLead"].Respondents);        // the next-smallest (6), hidden with it
        Assert.Empty(groups["TeamLead"].Scales);
        Assert.Equal(7, groups["unspecified"].Respondents);
        Assert.Equal(4m, groups["TeamMember"].Scales.Single().Statistics!.Mean);
    }
}
