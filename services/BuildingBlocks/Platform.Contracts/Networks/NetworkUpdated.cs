namespace Platform.Contracts.Networks;

/// <summary>A network's facts changed (name, aim, goal type, launch date, phase, status, year start, district scope, focus areas, benchmarking consent).</summary>
public sealed record NetworkUpdated(
    Guid TenantId,
    Guid NetworkId,
    string Name,
    string Aim,
    string GoalType,
    DateOnly LaunchDate,
    string Phase,
    string Status,
    string DistrictScope,
    DateTimeOffset OccurredAt,
    int YearStartMonth = 8,
    int YearStartDay = 1,
    IReadOnlyList<string>? FocusAreas = null,
    bool BenchmarkingConsent = false,
    DateTimeOffset? RegisteredAt = null,
    string? TimeZone = null) : IIntegrationEvent;
