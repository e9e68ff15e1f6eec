namespace Platform.Reporting.Domain;

/// <summary>One row of the structural table (domain.md section 2): a network's facts and its stability in one network year.</summary>
[CsvHelper.CsvRecord]
public sealed partial record StructureRow(
    Guid NetworkId,
    string Network,
    string Hub,
    string? HostType,
    string GoalType,
    int LaunchYear,
    int Year,
    int? Members,
    string DistrictScope,
    decimal? MemberStabilityPct,
    decimal? AverageTenureYears,
    string? HubStability,
    string? HubStabilityOverride,
    string? HubStabilityOverrideReason);
