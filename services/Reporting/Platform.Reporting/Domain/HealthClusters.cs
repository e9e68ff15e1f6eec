using Platform.HealthModel;
using System.Text.Json.Serialization;

namespace Platform.Reporting.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<NetworkCluster>))]
public enum NetworkCluster { WellDeveloped, Mixed, LeastDeveloped, InsufficientData }

/// <summary>Where a domain's z-score stands against the portfolio: strong (High), weak (Low), or near the average (Mid).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DomainBand>))]
public enum DomainBand { High, Mid, Low }

/// <summary>The clustering thresholds, versioned: a cluster is always reported with the rule version that produced it.</summary>
public sealed record ClusterRule(string Version, decimal High, decimal Low, int WellDevelopedMinDomains, int LeastDevelopedMinDomains, int MinNetworks)
{
    /// <summary>domain.md section 5.</summary>
    public static readonly ClusterRule Current = new("2026.1", High: 0.5m, Low: -0.5m, WellDevelopedMinDomains: 5, LeastDevelopedMinDomains: 4, MinNetworks: 5);

    /// <summary>A domain's band: the clusters count the High and Low ones, and the portal's heat map shows it as it is.</summary>
    public DomainBand Band(decimal z) => z >= High ? DomainBand.High : z <= Low ? DomainBand.Low : DomainBand.Mid;
}

/// <summary>A network's six domain scores for a network year, and whether it has enough respondents to be placed.</summary>
public sealed record NetworkDomains(Guid NetworkId, IReadOnlyDictionary<string, decimal> Scores, bool EnoughResponses);

public sealed record ClusterPlacement(Guid NetworkId, NetworkCluster Cluster, IReadOnlyDictionary<string, decimal>? ZScores, string? WeakestDomain,
    IReadOnlyList<string> Strong, IReadOnlyList<string> Weak, string Explanation);

/// <summary>
/// Network health clusters over a funder's portfolio (domain.md section 5): the six domain scores standardized against
/// the qualifying networks (z = (x - mean) / population standard deviation), then well-developed (z at or above +0.5 on at
/// least 5 domains and none below 0), least-developed (z at or below -0.5 on at least 4), mixed otherwise. Networks
/// without enough responses, or portfolios with fewer than 5 qualifying networks, are "insufficient data".
/// </summary>
public static class HealthClusters
{
    /// <summary>The six domains of a healthy network (the survey's context and outcome scales are not clustered).</summary>
    public static IReadOnlyList<string> Domains => HealthScales.Domains;

    public static IReadOnlyList<ClusterPlacement> Place(IReadOnlyList<NetworkDomains> portfolio, ClusterRule rule)
    {
        var qualifying = portfolio.Where(n => n.EnoughResponses && Domains.All(n.Scores.ContainsKey)).ToList();
        if (qualifying.Count < rule.MinNetworks)
            return portfolio.Select(n => Insufficient(n, qualifying.Contains(n)
                ? $"Fewer than {rule.MinNetworks} networks in the portfolio have enough responses to compare."
                : "Not enough survey responses in this network year.")).ToList();

        var stats = Domains.ToDictionary(d => d, d =>
        {
            var values = qualifying.Select(n => n.Scores[d]).ToList();
            var mean = values.Average();
            var sd = (decimal)Math.Sqrt((double)values.Sum(v => (v - mean) * (v - mean)) / values.Count);
            return (Mean: mean, Sd: sd);
        });
        return portfolio.Select(n =>
        {
            if (!qualifying.Contains(n)) return Insufficient(n, "Not enough survey responses in this network year.");
            var z = Domains.ToDictionary(d => d, d => stats[d].Sd == 0 ? 0m : Math.Round((n.Scores[d] - stats[d].Mean) / stats[d].Sd, 2, MidpointRounding.AwayFromZero));
            var strong = Domains.Where(d => rule.Band(z[d]) == DomainBand.High).ToList();
            var weak = Domains.Where(d => rule.Band(z[d]) == DomainBand.Low).ToList();
            var cluster = strong.Count >= rule.WellDevelopedMinDomains && z.Values.All(v => v >= 0) ? NetworkCluster.WellDeveloped
                : weak.Count >= rule.LeastDevelopedMinDomains ? NetworkCluster.LeastDeveloped
                : NetworkCluster.Mixed;
            var weakest = Domains.MinBy(d => z[d])!;
            return new ClusterPlacement(n.NetworkId, cluster, z, weakest, strong, weak, Explain(cluster, strong, weak, weakest, rule));
        }).ToList();
    }

    private static ClusterPlacement Insufficient(NetworkDomains n, string why) =>
        new(n.NetworkId, NetworkCluster.InsufficientData, null, null, [], [], why);

    private static string Explain(NetworkCluster cluster, List<string> strong, List<string> weak, string weakest, ClusterRule rule)
    {
        static string List(IEnumerable<string> domains) => string.Join(", ", domains.Select(d => d.ToLowerInvariant().Replace('_', ' ')));
        var strongText = strong.Count == 0 ? "no domain" : List(strong);
        var weakText = weak.Count == 0 ? "no domain" : List(weak);
        return cluster switch
        {
            NetworkCluster.WellDeveloped => $"Strong (z >= {rule.High:+0.0#}) on {strongText}, and no domain below the portfolio average.",
            NetworkCluster.LeastDeveloped => $"Weak (z <= {rule.Low:0.0#}) on {weakText}.",
            _ => $"Strong on {strongText}; weak on {weakText}.",
        } + $" Weakest domain: {List([weakest])}.";
    }
}
