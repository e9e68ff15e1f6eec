using Platform.Reporting.Domain;

namespace Reporting.Tests;

public class HealthClustersTests
{
    // Eight networks; in every domain four sit at 3.4 and four at 2.6, so every z-score is exactly +1 or -1.
    private static readonly string[] Patterns = ["++++++", "+++++-", "----++", "---+++", "++++--", "+++---", "-----+", "------"];

    private static List<NetworkDomains> Portfolio(int count = 8, int withoutResponses = -1) =>
        Patterns.Take(count).Select((p, i) => new NetworkDomains(Id(i),
            HealthClusters.Domains.Select((d, k) => (d, p[k] == '+' ? 3.4m : 2.6m)).ToDictionary(x => x.d, x => x.Item2), i != withoutResponses)).ToList();

    private static Guid Id(int i) => new($"00000000-0000-0000-0000-{i:D12}");

    private static NetworkCluster ClusterOf(IReadOnlyList<ClusterPlacement> placements, int i) => placements.Single(p => p.NetworkId == Id(i)).Cluster;

    [Fact]
    public void The_domain_rules_place_each_network()
    {
        var placed = HealthClusters.Place(Portfolio(), ClusterRule.Current);
        Assert.Equal(NetworkCluster.WellDeveloped, ClusterOf(placed, 0));   // strong on all six
        Assert.Equal(NetworkCluster.Mixed, ClusterOf(placed, 1));           // strong on five, but one domain below 0
        Assert.Equal(NetworkCluster.LeastDeveloped, ClusterOf(placed, 2));  // weak on four
        Assert.Equal(NetworkCluster.Mixed, ClusterOf(placed, 3));           // weak on three
        Assert.Equal(NetworkCluster.LeastDeveloped, ClusterOf(placed, 7));
        var first = placed.Single(p => p.NetworkId == Id(0));
        Assert.All(first.ZScores!.Values, z => Assert.Equal(1.00m, z));
        Assert.Equal("HUB_LEADERSHIP", placed.Single(p => p.NetworkId == Id(3)).WeakestDomain); // the first of the lowest z-scores
    }

    [Fact]
    public void The_thresholds_are_inclusive_at_the_boundary()
    {
        var atOne = ClusterRule.Current with { Version = "test", High = 1.0m, Low = -1.0m };
        var placed = HealthClusters.Place(Portfolio(), atOne);
        Assert.Equal(NetworkCluster.WellDeveloped, ClusterOf(placed, 0));  // z = +1.00 counts as >= +1.00
        Assert.Equal(NetworkCluster.LeastDeveloped, ClusterOf(placed, 2)); // z = -1.00 counts as <= -1.00
        var justAbove = HealthClusters.Place(Portfolio(), atOne with { High = 1.01m, Low = -1.01m });
        Assert.Equal(NetworkCluster.Mixed, ClusterOf(justAbove, 0));
        Assert.Equal(NetworkCluster.Mixed, ClusterOf(justAbove, 2));
    }

    [Fact]
    public void Fewer_than_five_qualifying_networks_give_no_clusters()
    {
        Assert.All(HealthClusters.Place(Portfolio(count: 5, withoutResponses: 4), ClusterRule.Current),
            p => Assert.Equal(NetworkCluster.InsufficientData, p.Cluster));
        var withOneShort = HealthClusters.Place(Portfolio(withoutResponses: 5), ClusterRule.Current);
        Assert.Equal(NetworkCluster.InsufficientData, ClusterOf(withOneShort, 5));
        Assert.Null(withOneShort.Single(p => p.NetworkId == Id(5)).ZScores);
        Assert.Contains(withOneShort, p => p.Cluster == NetworkCluster.WellDeveloped);
    }

    [Fact]
    public void A_network_missing_a_domain_score_does_not_qualify()
    {
        var portfolio = Portfolio();
        portfolio[0] = portfolio[0] with { Scores = portfolio[0].Scores.Where(s => s.Key != "ACROSS_TEAM").ToDictionary() };
        Assert.Equal(NetworkCluster.InsufficientData, ClusterOf(HealthClusters.Place(portfolio, ClusterRule.Current), 0));
    }
}

public class DomainBandTests
{
    [Fact]
    public void A_domain_is_high_from_the_rules_upper_bound_and_low_up_to_its_lower_one()
    {
        var rule = ClusterRule.Current;
        Assert.Equal(DomainBand.High, rule.Band(0.5m));
        Assert.Equal(DomainBand.Mid, rule.Band(0.49m));
        Assert.Equal(DomainBand.Mid, rule.Band(-0.49m));
        Assert.Equal(DomainBand.Low, rule.Band(-0.5m));
        // The band follows the rule's bounds, so a portal showing it cannot drift from the clusters.
        Assert.Equal(DomainBand.Mid, (rule with { High = 0.6m }).Band(0.5m));
    }
}

public class PortfolioTrendTests
{
    [Fact]
    public void A_trend_point_counts_clusters_and_takes_the_median_of_shown_domain_scores()
    {
        PortfolioHealthRow Row(NetworkCluster cluster, decimal? hub) => new(Guid.NewGuid(), "n", "h", 2025, cluster, "", "2026.1",
            hub, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, "",
            null, null, null, null, null, null);
        var point = PortfolioHealth.TrendPoint(2025, [Row(NetworkCluster.Mixed, 3.1m), Row(NetworkCluster.Mixed, 3.5m), Row(NetworkCluster.WellDeveloped, 4.2m),
            Row(NetworkCluster.InsufficientData, null)]);
        Assert.Equal(2, point.Clusters[NetworkCluster.Mixed]);
        Assert.Equal(1, point.Clusters[NetworkCluster.InsufficientData]);
        Assert.Equal(0, point.Clusters[NetworkCluster.LeastDeveloped]);
        Assert.Equal(3.5m, point.MedianDomainScores["HUB_LEADERSHIP"]);
        Assert.Null(point.MedianDomainScores["CI_PROCESSES"]);
    }
}
