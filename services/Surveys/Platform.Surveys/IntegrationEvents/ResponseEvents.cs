using System.Security.Cryptography;
using System.Text.Json;
using Platform.Contracts.Surveys;
using Platform.HealthModel;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.IntegrationEvents;

/// <summary>How a submitted response leaves Surveys: the one place that decides its id and which groups it may name.</summary>
public static class ResponseEvents
{
    /// <summary>
    /// Stable for a response, so a replay never counts it twice, and not reversible to anything: a hash of the response
    /// key, which is itself an HMAC of the member's link token (and Surveys stores no token).
    /// </summary>
    public static Guid ResponseId(byte[] responseKey) => new(SHA256.HashData(responseKey).AsSpan(0, 16));

    /// <summary>
    /// A stored response's event, as its released step sends it and a replay sends it again. Role and team travel only when
    /// the whole group invited is large enough that they cannot single anyone out.
    /// </summary>
    public static SurveyResponseSubmitted Submitted(Guid tenantId, SurveyWave wave, SubmittedResponse response, InvitedGroups invited)
    {
        var safeRole = response.Role is { } role && Suppression.IsReportable(invited.Matching(new KeptGroups(role, null, null))) ? role : null;
        var safeTeam = response.TeamId is { } t && Suppression.IsReportable(invited.Matching(new KeptGroups(null, t, null))) ? t : (Guid?)null;
        return new SurveyResponseSubmitted(tenantId, wave.Id, wave.NetworkId, wave.NetworkYear, ResponseId(response.ResponseKey), safeRole, safeTeam,
            JsonSerializer.Deserialize<Dictionary<string, decimal>>(response.ScaleScores)!, new DateTimeOffset(response.SubmittedAt, TimeSpan.Zero));
    }
}
