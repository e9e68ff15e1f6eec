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

/// <summary>
/// Several of one tenant's submitted responses in one message: Surveys' outbox relay packs the
/// <see cref="SurveyResponseSubmitted"/> events it finds pending together (a wave's busy hour, a replay), so the broker and
/// Reporting handle one message per pack instead of one per response. Each response keeps its own id.
/// </summary>
public sealed record SurveyResponsesSubmitted(
    Guid TenantId,
    IReadOnlyList<SurveyResponseSubmitted> Responses,
    DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>The pack of one tenant's responses (at least one), dated by the latest.</summary>
    public static SurveyResponsesSubmitted Of(IReadOnlyList<SurveyResponseSubmitted> responses) =>
        new(responses[0].TenantId, responses, responses.Max(r => r.OccurredAt));
}

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
