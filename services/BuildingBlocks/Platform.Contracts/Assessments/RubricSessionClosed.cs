namespace Platform.Contracts.Assessments;

/// <summary>
/// A hub-leadership rubric session closed. Area means (area id to mean level 1..4, only areas someone rated) and
/// participation; never an individual rating. HeldOn: the day the team held it (change over time is ordered by it).
/// </summary>
public sealed record RubricSessionClosed(
    Guid TenantId,
    Guid SessionId,
    Guid NetworkId,
    int NetworkYear,
    string RubricId,
    int RubricVersion,
    IReadOnlyDictionary<string, decimal> AreaMeans,
    int RatersInvited,
    int RatersParticipated,
    DateTimeOffset OccurredAt,
    DateOnly HeldOn = default) : IIntegrationEvent;
