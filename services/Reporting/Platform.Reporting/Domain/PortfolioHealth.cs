using Platform.HealthModel;

namespace Platform.Reporting.Domain;

/// <summary>One row of a funder's portfolio health table: cluster, the six domain scores and z-scores, structural columns, warnings. Aggregates only.</summary>
[CsvHelper.CsvRecord]
public sealed partial record PortfolioHealthRow(
    Guid NetworkId,
    string Network,
    string Hub,
    int Year,
    NetworkCluster Cluster,
    string Explanation,
    string RuleVersion,
    decimal? HubLeadership,
    decimal? RolesEngagement,
    decimal? CiProcesses,
    decimal? WithinTeam,
    decimal? AcrossTeam,
    decimal? NetworkCulture,
    decimal? HubLeadershipZ,
    decimal? RolesEngagementZ,
    decimal? CiProcessesZ,
    decimal? WithinTeamZ,
    decimal? AcrossTeamZ,
    decimal? NetworkCultureZ,
    string? WeakestDomain,
    decimal? ResponseRate,
    int? Members,
    decimal? MemberStabilityPct,
    decimal? AverageTenureYears,
    string? HubStability,
    string Warnings,
    DomainBand? HubLeadershipBand,
    DomainBand? RolesEngagementBand,
    DomainBand? CiProcessesBand,
    DomainBand? WithinTeamBand,
    DomainBand? AcrossTeamBand,
    DomainBand? NetworkCultureBand);

/// <param name="HighZ">The rule's z-score from which a domain is strong (band High); <paramref name="LowZ"/>, up to which it is weak.</param>
public sealed record ClusterCounts(int Year, string RuleVersion, int Networks, int Qualifying, IReadOnlyDictionary<NetworkCluster, int> Counts, string? Note,
    decimal HighZ, decimal LowZ)
{
    /// <summary>The counts as a table, one row per cluster (the CSV form).</summary>
    public IReadOnlyList<ClusterCountRow> Rows() =>
        [.. Enum.GetValues<NetworkCluster>().Select(c => new ClusterCountRow(Year, RuleVersion, c, Counts.GetValueOrDefault(c)))];
}

[CsvHelper.CsvRecord]
public sealed partial record ClusterCountRow(int Year, string RuleVersion, NetworkCluster Cluster, int Networks);

public sealed record PortfolioYear(int Year, IReadOnlyDictionary<NetworkCluster, int> Clusters, IReadOnlyDictionary<string, decimal?> MedianDomainScores)
{
    /// <summary>The year as one flat row (the CSV form of the trend).</summary>
    public PortfolioTrendRow Row() => new(Year,
        Clusters.GetValueOrDefault(NetworkCluster.WellDeveloped), Clusters.GetValueOrDefault(NetworkCluster.Mixed),
        Clusters.GetValueOrDefault(NetworkCluster.LeastDeveloped), Clusters.GetValueOrDefault(NetworkCluster.InsufficientData),
        MedianDomainScores.GetValueOrDefault("HUB_LEADERSHIP"), MedianDomainScores.GetValueOrDefault("ROLES_ENGAGEMENT"),
        MedianDomainScores.GetValueOrDefault("CI_PROCESSES"), MedianDomainScores.GetValueOrDefault("WITHIN_TEAM"),
        MedianDomainScores.GetValueOrDefault("ACROSS_TEAM"), MedianDomainScores.GetValueOrDefault("NETWORK_CULTURE"));
}

[CsvHelper.CsvRecord]
public sealed partial record PortfolioTrendRow(int Year, int WellDeveloped, int Mixed, int LeastDeveloped, int InsufficientData,
    decimal? MedianHubLeadership, decimal? MedianRolesEngagement, decimal? MedianCiProcesses, decimal? MedianWithinTeam,
    decimal? MedianAcrossTeam, decimal? MedianNetworkCulture);

/// <summary>Builds the portfolio table and cluster counts from respondent scores: one computation for both endpoints.</summary>
public static class PortfolioHealth
{
    public sealed record NetworkInput(StructureRow Structure, GroupScores Scores, decimal? ResponseRate, IReadOnlyList<NetworkWarning> Warnings);

    public static IReadOnlyList<PortfolioHealthRow> Rows(int year, IReadOnlyList<NetworkInput> networks, int minimumN, ClusterRule rule)
    {
        // A domain score leaves only when at least the minimum number of respondents have it.
        var domains = networks.Select(n => new NetworkDomains(n.Structure.NetworkId,
            ScaleReport.Overall(n.Scores, minimumN).Where(s => s.Statistics is not null).ToDictionary(s => s.Scale, s => s.Statistics!.Mean),
            Suppression.IsReportable(n.Scores.Respondents, minimumN))).ToList();
        var placements = HealthClusters.Place(domains, rule).ToDictionary(p => p.NetworkId);
        return networks.Zip(domains).Select(x =>
        {
            var (n, d) = x;
            var p = placements[d.NetworkId];
            decimal? S(string k) => d.Scores.TryGetValue(k, out var v) ? v : null;
            decimal? Z(string k) => p.ZScores?.TryGetValue(k, out var v) == true ? v : null;
            DomainBand? Band(string k) => Z(k) is { } z ? rule.Band(z) : null;
            var s = n.Structure;
            return new PortfolioHealthRow(s.NetworkId, s.Network, s.Hub, year, p.Cluster, p.Explanation, rule.Version,
                S("HUB_LEADERSHIP"), S("ROLES_ENGAGEMENT"), S("CI_PROCESSES"), S("WITHIN_TEAM"), S("ACROSS_TEAM"), S("NETWORK_CULTURE"),
                Z("HUB_LEADERSHIP"), Z("ROLES_ENGAGEMENT"), Z("CI_PROCESSES"), Z("WITHIN_TEAM"), Z("ACROSS_TEAM"), Z("NETWORK_CULTURE"),
                p.WeakestDomain, n.ResponseRate, s.Members, s.MemberStabilityPct, s.AverageTenureYears, s.HubStabilityOverride ?? s.HubStability,
                NetworkWarnings.Summary(n.Warnings),
                Band("HUB_LEADERSHIP"), Band("ROLES_ENGAGEMENT"), Band("CI_PROCESSES"), Band("WITHIN_TEAM"), Band("ACROSS_TEAM"), Band("NETWORK_CULTURE"));
        }).ToList();
    }

    /// <summary>A year of the portfolio trend: cluster counts, and per domain the median over networks whose score could be shown.</summary>
    public static PortfolioYear TrendPoint(int year, IReadOnlyList<PortfolioHealthRow> rows)
    {
        var domains = new Dictionary<string, Func<PortfolioHealthRow, decimal?>>
        {
            ["HUB_LEADERSHIP"] = r => r.HubLeadership, ["ROLES_ENGAGEMENT"] = r => r.RolesEngagement, ["CI_PROCESSES"] = r => r.CiProcesses,
            ["WITHIN_TEAM"] = r => r.WithinTeam, ["ACROSS_TEAM"] = r => r.AcrossTeam, ["NETWORK_CULTURE"] = r => r.NetworkCulture,
        };
        return new PortfolioYear(year, Enum.GetValues<NetworkCluster>().ToDictionary(c => c, c => rows.Count(r => r.Cluster == c)),
            domains.ToDictionary(d => d.Key, d => Statistics.Median(rows.Select(d.Value).OfType<decimal>().ToList())));
    }

    public static ClusterCounts Counts(int year, IReadOnlyList<PortfolioHealthRow> rows, ClusterRule rule)
    {
        var qualifying = rows.Count(r => r.Cluster != NetworkCluster.InsufficientData);
        return new ClusterCounts(year, rule.Version, rows.Count, qualifying,
            Enum.GetValues<NetworkCluster>().ToDictionary(c => c, c => rows.Count(r => r.Cluster == c)),
            qualifying == 0 && rows.Count > 0 ? $"Clusters need at least {rule.MinNetworks} networks with enough responses." : null,
            rule.High, rule.Low);
    }
}
