using FsCheck;
using FsCheck.Xunit;
using Platform.HealthModel;
using Platform.Reporting.Apis;
using Platform.Reporting.Domain;

namespace Reporting.Tests;

/// <summary>
/// Over random portfolios: no figure built from fewer than the minimum respondents reaches a funder or a hub (JSON or CSV),
/// and no hidden subgroup's figures follow from the overall result minus the shown groups.
/// </summary>
public class SuppressionPropertyTests
{
    private const int Minimum = Suppression.MinimumN;
    private static readonly string[] Scales = [.. HealthScales.All.Select(s => s.Key)];
    private static readonly string?[] Roles = ["TeamMember", "TeamLead", "DistrictLead", "Other", null];

    /// <summary>A portfolio of 1 to 12 networks with 0 to 40 respondents each; respondents skip scales at random.</summary>
    private static List<(StructureRow Network, List<RespondentScores> Respondents)> Portfolio(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, random.Next(1, 13)).Select(i =>
        {
            var structure = new StructureRow(Guid.NewGuid(), $"Network {i}", "Hub", null, "Other", 2020, 2025, 10, "Single", null, null, "Stable", null, null);
            var respondents = Enumerable.Range(0, random.Next(0, 41)).Select(_ => new RespondentScores(
                Scales.Where(_ => random.NextDouble() < 0.75).ToDictionary(s => s, _ => 1m + random.Next(0, 17) / 4m),
                Roles[random.Next(Roles.Length)])).ToList();
            return (structure, respondents);
        }).ToList();
    }

    private static int Having(IEnumerable<RespondentScores> respondents, string scale) => respondents.Count(r => r.Scores.ContainsKey(scale));

    [Property(MaxTest = 300)]
    public void The_funder_table_and_its_csv_show_no_domain_score_of_fewer_than_five(int seed)
    {
        var portfolio = Portfolio(seed);
        var rows = PortfolioHealth.Rows(2025, portfolio.Select(p => new PortfolioHealth.NetworkInput(p.Network, GroupScores.Of(null, p.Respondents), null, [])).ToList(),
            Minimum, ClusterRule.Current);
        var csv = Tables.ToCsv(rows).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].TrimEnd('\r').Split(',');
        string[] domainColumns = ["HubLeadership", "RolesEngagement", "CiProcesses", "WithinTeam", "AcrossTeam", "NetworkCulture"];

        foreach (var (network, respondents) in portfolio)
        {
            var row = rows.Single(r => r.NetworkId == network.NetworkId);
            decimal?[] scores = [row.HubLeadership, row.RolesEngagement, row.CiProcesses, row.WithinTeam, row.AcrossTeam, row.NetworkCulture];
            // Each compared domain carries the cluster rule's band for its z-score, and none without one.
            Assert.Equal(row.HubLeadershipZ is { } z ? ClusterRule.Current.Band(z) : null, row.HubLeadershipBand);
            Assert.Equal(row.NetworkCultureZ is { } zc ? ClusterRule.Current.Band(zc) : null, row.NetworkCultureBand);
            for (var d = 0; d < HealthScales.Domains.Count; d++)
                if (scores[d] is not null)
                    Assert.True(Having(respondents, HealthScales.Domains[d]) >= Minimum, $"{HealthScales.Domains[d]} shown over {Having(respondents, HealthScales.Domains[d])}");
            if (respondents.Count < Minimum)
            {
                Assert.Equal(NetworkCluster.InsufficientData, row.Cluster);
                Assert.All(scores, Assert.Null);
                // The CSV line of this network has every domain score and z-score empty (columns are after the quoted explanation).
                var line = csv.Single(l => l.StartsWith(network.NetworkId.ToString(), StringComparison.Ordinal));
                var cells = CsvCells(line);
                foreach (var column in domainColumns.Concat(domainColumns.Select(c => c + "Z")))
                    Assert.Equal("", cells[Array.IndexOf(header, column)]);
            }
        }
    }

    [Property(MaxTest = 300)]
    public void A_hubs_profile_shows_no_group_or_scale_under_five_and_no_hidden_group_follows_by_subtraction(int seed)
    {
        foreach (var (_, respondents) in Portfolio(seed))
        {
            var profile = HealthProfile.Of(2025,
                NetworkYearScores.Of(respondents.Select(r => (r, r with { Group = r.Group is null ? null : "team-" + r.Group.Length % 3 })).ToList()),
                null, null, Minimum);
            foreach (var s in profile.Scales.Where(s => s.Statistics is not null))
                Assert.True(s.Statistics!.N >= Minimum && Having(respondents, s.Scale) >= Minimum);

            foreach (var groups in new[] { profile.ByRole, profile.ByTeam })
            {
                Assert.All(groups.Where(g => g.Respondents is not null), g => Assert.True(g.Respondents >= Minimum));
                Assert.All(groups.SelectMany(g => g.Scales).Where(s => s.Statistics is not null), s => Assert.True(s.Statistics!.N >= Minimum));
                // Respondent counts: one hidden group next to a known total would be the total minus the others.
                if (groups.Count > 1) Assert.NotEqual(1, groups.Count(g => g.Respondents is null));
                // Per scale, among the groups that have it: never exactly one hidden while the overall figure is shown.
                foreach (var overall in profile.Scales.Where(s => s.Statistics is not null))
                {
                    var having = groups.Where(g => g.Respondents is null || g.Scales.Any(s => s.Scale == overall.Scale)).ToList();
                    var hiddenHere = having.Count(g => g.Respondents is null || g.Scales.Single(s => s.Scale == overall.Scale).Statistics is null);
                    if (having.Count > 1) Assert.NotEqual(1, hiddenHere);
                }
            }
        }
    }

    [Property(MaxTest = 200)]
    public void A_trend_shows_no_years_mean_under_five(int seed)
    {
        var random = new Random(seed);
        var byYear = Enumerable.Range(2022, 4).ToDictionary(y => y, _ => Portfolio(random.Next())[0].Respondents);
        foreach (var scale in HealthTrend.Of(byYear.ToDictionary(y => y.Key, y => GroupScores.Of(null, y.Value)), Minimum))
            foreach (var point in scale.Points.Where(p => p.Mean is not null))
                Assert.True(Having(byYear[point.Year], scale.Scale) >= Minimum);
    }

    /// <summary>Splits one CSV line, honouring quoted cells.</summary>
    private static string[] CsvCells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line.TrimEnd('\r'))
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }
}
