using Platform.HealthModel;
using Platform.Reporting.Domain;

namespace Reporting.Tests;

public class HealthProfileTests
{
    private static readonly string[] Six = ["HUB_LEADERSHIP", "ROLES_ENGAGEMENT", "CI_PROCESSES", "WITHIN_TEAM", "ACROSS_TEAM", "NETWORK_CULTURE"];

    private static RespondentScores R(decimal level, string? group = null, decimal benefits = 4m) =>
        new(Six.Select(d => (Scale: d, Score: d == "ACROSS_TEAM" ? level - 1 : level)).Append((Scale: "BENEFITS", Score: benefits))
            .ToDictionary(x => x.Scale, x => x.Score), group);

    [Fact]
    public void The_profile_names_the_weakest_domain_and_the_change_from_last_year()
    {
        var now = Enumerable.Range(0, 6).Select(i => (R(4, i < 4 ? "TeamMember" : "TeamLead", benefits: 1), R(4, "team-a"))).ToList();
        var before = Enumerable.Range(0, 5).Select(_ => R(3)).ToList();
        var profile = HealthProfile.Of(2025, NetworkYearScores.Of(now), GroupScores.Of(null, before), 60.0m, 5);
        Assert.Equal(6, profile.Respondents);
        Assert.Equal("ACROSS_TEAM", profile.WeakestDomain); // BENEFITS is lower, but it is an outcome, not a domain
        Assert.Equal(1.00m, profile.ChangeFromPreviousYear.Single(c => c.Scale == "HUB_LEADERSHIP").Change);
        // Roles: 4 and 2 -> both hidden (the small one and its complement); the single team is shown.
        Assert.All(profile.ByRole, g => Assert.Null(g.Respondents));
        Assert.Equal(6, profile.ByTeam.Single().Respondents);
    }

    [Fact]
    public void Under_the_minimum_nothing_but_notes_leave()
    {
        var few = Enumerable.Range(0, 4).Select(_ => (R(5), R(5))).ToList();
        var profile = HealthProfile.Of(2025, NetworkYearScores.Of(few), null, null, 5);
        Assert.All(profile.Scales, s => Assert.Null(s.Statistics));
        Assert.Null(profile.WeakestDomain);
        Assert.Empty(profile.ChangeFromPreviousYear);
    }

    [Fact]
    public void The_trend_has_a_point_per_year_and_no_mean_where_too_few_responded()
    {
        var trend = HealthTrend.Of(new Dictionary<int, GroupScores>
        {
            [2023] = GroupScores.Of(null, Enumerable.Range(0, 5).Select(_ => R(3)).ToList()),
            [2024] = GroupScores.Of(null, Enumerable.Range(0, 3).Select(_ => R(4)).ToList()),
            [2025] = GroupScores.Of(null, Enumerable.Range(0, 6).Select(_ => R(4)).ToList()),
        }, 5);
        var hub = trend.Single(t => t.Scale == "HUB_LEADERSHIP");
        Assert.Equal([3m, null, 4m], hub.Points.Select(p => p.Mean).ToArray());
        Assert.Equal([2023, 2024, 2025], hub.Points.Select(p => p.Year).ToArray());
    }
}
