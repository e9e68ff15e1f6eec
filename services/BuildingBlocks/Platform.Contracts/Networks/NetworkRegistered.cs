namespace Platform.Contracts.Networks;

/// <summary>A hub registered a new improvement network.</summary>
public sealed record NetworkRegistered(
    Guid TenantId,
    Guid NetworkId,
    string Name,
    string Aim,
    string GoalType,
    DateOnly LaunchDate,
    DateTimeOffset OccurredAt,
    int YearStartMonth = 8,
    int YearStartDay = 1,
    IReadOnlyList<string>? FocusAreas = null,
    bool BenchmarkingConsent = false,
    string? TimeZone = null) : IIntegrationEvent; // NetworkTimeZone: an IANA id; none means its Default
