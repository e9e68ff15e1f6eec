using Platform.HealthModel;

namespace Platform.Portal.Api.Models;

// The parts of the Reporting API's funder answers (api/reporting/portfolio/...) that the portal shows. Aggregates only.

public sealed record PortfolioHealthRow(
    Guid NetworkId, string Network, string Hub, int Year, string Cluster, string Explanation, string RuleVersion,
    decimal? HubLeadership, decimal? RolesEngagement, decimal? CiProcesses, decimal? WithinTeam, decimal? AcrossTeam, decimal? NetworkCulture,
    decimal? HubLeadershipZ, decimal? RolesEngagementZ, decimal? CiProcessesZ, decimal? WithinTeamZ, decimal? AcrossTeamZ, decimal? NetworkCultureZ,
    string? WeakestDomain, decimal? ResponseRate, string Warnings,
    string? HubLeadershipBand, string? RolesEngagementBand, string? CiProcessesBand, string? WithinTeamBand, string? AcrossTeamBand,
    string? NetworkCultureBand)
{
    /// <summary>The warning kinds that fired ("NoRecentData; FizzlingOut" in the API), as readable names.</summary>
    public IReadOnlyList<string> WarningLabels =>
        [.. Warnings.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PortfolioLabels.WarningLabel)];
}

/// <summary>A network's improvement work in a network year, as a funder may know it (api/reporting/portfolio/improvement): counts and rates only.</summary>
public sealed record PortfolioImprovementRow(
    Guid NetworkId, int NetworkYear, DateOnly AsOf, int Teams, int CyclesCompleted, decimal? CyclesCompletedPerTeam, int TeamsActive, decimal? TeamsActivePct,
    int MeasuresImproving, bool TheoryRevisedLast12Months, int CoachingTouchpoints, decimal? CoachingTouchpointsPerTeam);

/// <param name="HighZ">The cluster rule's z-score from which a domain's band is high; <paramref name="LowZ"/>, up to which it is low.</param>
public sealed record PortfolioClusters(int Year, string RuleVersion, int Networks, int Qualifying, IReadOnlyDictionary<string, int> Counts, string? Note,
    decimal HighZ, decimal LowZ);

public sealed record PortfolioYear(int Year, IReadOnlyDictionary<string, int> Clusters, IReadOnlyDictionary<string, decimal?> MedianDomainScores);

public sealed record PortfolioStructureRow(
    Guid NetworkId, string Network, string Hub, string? HostType, string GoalType, int LaunchYear, int Year, int? Members, string DistrictScope,
    decimal? MemberStabilityPct, decimal? AverageTenureYears, string? HubStability, string? HubStabilityOverride, string? HubStabilityOverrideReason);

/// <summary>One of the six domains of a healthy network: its key in the API, its names, and where a portfolio row keeps it.</summary>
public sealed record PortfolioDomain(string Key, string Title, string Short, Func<PortfolioHealthRow, decimal?> Score, Func<PortfolioHealthRow, decimal?> Z,
    Func<PortfolioHealthRow, string?> Band);

/// <summary>Readable names for the portfolio's codes, and the heat-map banding (domain.md sections 2, 5, 7).</summary>
public static class PortfolioLabels
{
    private static readonly Dictionary<string, (Func<PortfolioHealthRow, decimal?> Score, Func<PortfolioHealthRow, decimal?> Z, Func<PortfolioHealthRow, string?> Band)> Columns = new()
    {
        ["HUB_LEADERSHIP"] = (r => r.HubLeadership, r => r.HubLeadershipZ, r => r.HubLeadershipBand),
        ["ROLES_ENGAGEMENT"] = (r => r.RolesEngagement, r => r.RolesEngagementZ, r => r.RolesEngagementBand),
        ["CI_PROCESSES"] = (r => r.CiProcesses, r => r.CiProcessesZ, r => r.CiProcessesBand),
        ["WITHIN_TEAM"] = (r => r.WithinTeam, r => r.WithinTeamZ, r => r.WithinTeamBand),
        ["ACROSS_TEAM"] = (r => r.AcrossTeam, r => r.AcrossTeamZ, r => r.AcrossTeamBand),
        ["NETWORK_CULTURE"] = (r => r.NetworkCulture, r => r.NetworkCultureZ, r => r.NetworkCultureBand),
    };

    public static readonly PortfolioDomain[] Domains =
        [.. ScaleLabels.Domains.Select(d => new PortfolioDomain(d.Key, d.Title, d.Short, Columns[d.Key].Score, Columns[d.Key].Z, Columns[d.Key].Band))];

    public static readonly (string Value, string Label)[] Clusters =
        [("WellDeveloped", "Well-developed"), ("Mixed", "Mixed"), ("LeastDeveloped", "Least-developed"), ("InsufficientData", "Insufficient data")];

    public static readonly (string Value, string Label)[] HostTypes =
        [("IHE", "Higher-education institution"), ("NGO", "Non-profit (NGO)"), ("District", "School district"), ("Other", "Other")];

    public static readonly (string Value, string Label)[] DistrictScopes = [("Single", "One district"), ("Multiple", "Several districts")];

    private static readonly (string Value, string Label)[] WarningKinds =
    [
        ("UnclearPurpose", "Unclear purpose"), ("NoRecentData", "No recent survey or rubric data"),
        ("OverReliance", "Over-reliance on a few people"), ("FizzlingOut", "Fizzling out"),
    ];

    public static string DomainTitle(string? key) => ScaleLabels.Title(key);

    public static string WarningLabel(string kind) => WarningKinds.Label(kind);

    /// <summary>
    /// The heat class of a domain cell: the band the API placed it in (High, Mid, Low: the cluster rule decides, the portal
    /// does not recompute it) as high / mid / low, none when not compared.
    /// </summary>
    public static string Heat(string? band) => band?.ToLowerInvariant() ?? "none";

    /// <summary>What a heat cell says in words: its band and z-score, or why it has none (the score is withheld, or not compared).</summary>
    public static string HeatWords(decimal? score, decimal? z, string? band) => (score, z, band) switch
    {
        (null, _, _) => "suppressed (too few or no responses)",
        (_, null, _) or (_, _, null) => "not compared (insufficient data)",
        _ => $"{Heat(band)} (z {z:+0.00;-0.00;0.00})",
    };

    /// <summary>A hub stability class as reports show it: the override, with the computed class beside it.</summary>
    public static string Stability(string? computed, string? overridden) => (computed, overridden) switch
    {
        (null, null) => "not computed",
        (_, null) => HubStabilityLabels.Label(computed!),
        _ => $"{HubStabilityLabels.Label(overridden)} (set by the hub; computed: {(computed is null ? "none" : HubStabilityLabels.Label(computed))})",
    };

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.0") + "%" : "not available";
}
