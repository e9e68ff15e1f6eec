namespace Platform.Contracts.Surveys;

/// <summary>
/// One submitted survey response, reduced to what reports need: the respondent's scale scores (keyed by scale, e.g.
/// CI_PROCESSES; only scales that met the two-thirds rule). No person id, no token. Role and team are present only when
/// that group was large enough at the wave's opening to be safe; otherwise null.
/// </summary>
public sealed record SurveyResponseSubmitted(
    Guid TenantId,
    Guid WaveId,
    Guid NetworkId,
    int NetworkYear,
    Guid ResponseId,
    string? Role,
    Guid? TeamId,
    IReadOnlyDictionary<string, decimal> ScaleScores,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A wave closed: it accepts nothing more. Counts only.</summary>
public sealed record SurveyWaveClosed(
    Guid TenantId,
    Guid WaveId,
    Guid NetworkId,
    int NetworkYear,
    string InstrumentId,
    int Version,
    int Invited,
    int Submitted,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
