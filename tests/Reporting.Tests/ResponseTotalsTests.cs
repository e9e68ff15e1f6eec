using Platform.Contracts.Surveys;
using Platform.HealthModel;
using Platform.Reporting.Domain;

namespace Reporting.Tests;

public class ResponseTotalsTests
{
    private static readonly Guid Network = Guid.NewGuid(), Team = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SurveyResponseSubmitted Response(Guid id, string? role, Guid? team, decimal culture, int minutes, decimal? benefits = null)
    {
        var scores = new Dictionary<string, decimal> { ["NETWORK_CULTURE"] = culture };
        if (benefits is { } b) scores["BENEFITS"] = b;
        return new SurveyResponseSubmitted(Guid.NewGuid(), Guid.NewGuid(), Network, 2025, id, role, team, scores, At.AddMinutes(minutes));
    }

    [Fact]
    public void Each_response_counts_once_in_everyone_its_role_and_its_team()
    {
        var twice = Guid.NewGuid();
        var totals = ResponseTotals.Of(
        [
            Response(twice, "TeamLead", Team, 4.5m, 1, benefits: 3m),
            Response(Guid.NewGuid(), "TeamMember", null, 3m, 5),
            Response(twice, "TeamLead", Team, 4.5m, 1, benefits: 3m), // redelivered in the same batch
        ]);

        var everyone = Assert.Single(totals, g => g.Grouping == SurveyGroups.Everyone);
        Assert.Equal(2, everyone.Respondents);
        Assert.Equal(At.AddMinutes(5), everyone.LastSubmittedAt);
        Assert.Equal(new ScaleSums(2, 7.5m, 4.5m * 4.5m + 9m, 1), everyone.Scales["NETWORK_CULTURE"]);
        Assert.Equal(new ScaleSums(1, 3m, 9m, 0), everyone.Scales["BENEFITS"]); // only those with the scale

        Assert.Equal(["TeamLead", "TeamMember"], totals.Where(g => g.Grouping == SurveyGroups.Role).Select(g => g.GroupKey));
        Assert.Equal(new[] { ScaleReport.Unspecified, Team.ToString() }.Order(StringComparer.Ordinal),
            totals.Where(g => g.Grouping == SurveyGroups.Team).Select(g => g.GroupKey));
        Assert.All(totals.Where(g => g.Grouping != SurveyGroups.Everyone), g => Assert.Equal(1, g.Respondents));
        Assert.Equal(5, totals.Count);
    }

    [Fact]
    public void Totals_in_any_split_add_up_to_the_totals_of_the_whole()
    {
        var random = new Random(7);
        var responses = Enumerable.Range(0, 200).Select(i => Response(Guid.NewGuid(), i % 3 == 0 ? null : "TeamMember", i % 4 == 0 ? Team : null,
            Math.Round(1 + (decimal)random.NextDouble() * 4, 2), i)).ToList();
        var whole = ResponseTotals.Of(responses);
        var parts = ResponseTotals.Of(responses.Take(77)).Concat(ResponseTotals.Of(responses.Skip(77)))
            .GroupBy(g => (g.Grouping, g.GroupKey))
            .ToDictionary(g => g.Key, g => (Respondents: g.Sum(x => x.Respondents), Sums: g.Select(x => x.Scales["NETWORK_CULTURE"]).Aggregate((a, b) => a + b)));
        Assert.Equal(whole.Count, parts.Count);
        foreach (var g in whole)
        {
            Assert.Equal(g.Respondents, parts[(g.Grouping, g.GroupKey)].Respondents);
            Assert.Equal(g.Scales["NETWORK_CULTURE"], parts[(g.Grouping, g.GroupKey)].Sums);
        }
    }
}
