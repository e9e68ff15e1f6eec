using Platform.Contracts.Surveys;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.IntegrationEvents;

/// <summary>How a wave's facts leave Surveys: the same event from closing and from a replay.</summary>
public static class WaveEvents
{
    /// <summary>A closed wave's counts.</summary>
    public static SurveyWaveClosed Closed(Guid tenantId, SurveyWave wave, IReadOnlyList<InvitationRow> invitations, DateTimeOffset closedAt) =>
        new(tenantId, wave.Id, wave.NetworkId, wave.NetworkYear, wave.InstrumentId, wave.InstrumentVersion,
            invitations.Count, invitations.Count(i => i.Submitted), closedAt);
}
