namespace Platform.Reporting.Domain;

/// <summary>A network as Reporting knows it from the Networks service's events.</summary>
public sealed record NetworkSummary(Guid NetworkId, string Name, string Aim, string GoalType, DateOnly LaunchDate, DateTimeOffset RegisteredAt,
    bool BenchmarkingConsent);
