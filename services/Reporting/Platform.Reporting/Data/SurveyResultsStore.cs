using System.Text.Json;
using Dapper;
using Platform.Contracts.Surveys;
using Platform.Data;

namespace Platform.Reporting.Data;

/// <summary>Survey results kept from the Surveys events (scale scores only, never a person).</summary>
public sealed class SurveyResultsStore
{
    public Task AddResponseAsync(UnitOfWork uow, SurveyResponseSubmitted m, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into survey_scale_scores (response_id, tenant_id, wave_id, network_id, network_year, role, team_id, scale_scores, submitted_at)
            values (@ResponseId, @TenantId, @WaveId, @NetworkId, @NetworkYear, @Role, @TeamId, @scores::jsonb, @OccurredAt) on conflict do nothing
            """, new { m.ResponseId, m.TenantId, m.WaveId, m.NetworkId, m.NetworkYear, m.Role, m.TeamId, scores = JsonSerializer.Serialize(m.ScaleScores), m.OccurredAt },
            uow.Transaction, cancellationToken: ct));

    public Task AddClosedWaveAsync(UnitOfWork uow, SurveyWaveClosed m, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into survey_waves_closed (wave_id, tenant_id, network_id, network_year, invited, submitted, closed_at)
            values (@WaveId, @TenantId, @NetworkId, @NetworkYear, @Invited, @Submitted, @OccurredAt) on conflict do nothing
            """, m, uow.Transaction, cancellationToken: ct));

    /// <summary>Each respondent's scale scores for a network year.</summary>
    public async Task<IReadOnlyList<Dictionary<string, decimal>>> ScaleScoresAsync(UnitOfWork uow, Guid networkId, int year, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<string>(new CommandDefinition(
            "select scale_scores::text from survey_scale_scores where network_id = @networkId and network_year = @year",
            new { networkId, year }, uow.Transaction, cancellationToken: ct)))
        .Select(s => JsonSerializer.Deserialize<Dictionary<string, decimal>>(s)!).ToList();
}
