using System.Text.Json;
using Dapper;
using Platform.Contracts.Surveys;
using Platform.Data;
using Platform.HealthModel;

namespace Platform.Reporting.Data;

public enum SurveyGrouping { None, Role, Team }

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

    /// <summary>Every visible network's respondent scores for a network year (row-level security decides which networks).</summary>
    public async Task<ILookup<Guid, RespondentScores>> ScaleScoresByNetworkAsync(UnitOfWork uow, int year, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(Guid NetworkId, string Scores)>(new CommandDefinition(
            "select network_id, scale_scores::text from survey_scale_scores where network_year = @year",
            new { year }, uow.Transaction, cancellationToken: ct)))
        .ToLookup(r => r.NetworkId, r => new RespondentScores(JsonSerializer.Deserialize<Dictionary<string, decimal>>(r.Scores)!));

    /// <summary>One network's respondents in every network year, grouped by role and by team for breakdowns.</summary>
    public async Task<ILookup<int, (RespondentScores ByRole, RespondentScores ByTeam)>> NetworkRespondentsAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(int Year, string Scores, string? Role, Guid? Team)>(new CommandDefinition(
            "select network_year, scale_scores::text, role, team_id from survey_scale_scores where network_id = @networkId",
            new { networkId }, uow.Transaction, cancellationToken: ct)))
        .ToLookup(r => r.Year, r =>
        {
            var scores = JsonSerializer.Deserialize<Dictionary<string, decimal>>(r.Scores)!;
            return (new RespondentScores(scores, r.Role), new RespondentScores(scores, r.Team?.ToString()));
        });

    /// <summary>The network years with survey results among the networks the transaction may see.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<int>(new CommandDefinition(
            "select distinct network_year from survey_scale_scores order by 1", transaction: uow.Transaction, cancellationToken: ct))).AsList();

    /// <summary>Response rate (% submitted of invited) of each visible network's latest closed wave in the year.</summary>
    public async Task<IReadOnlyDictionary<Guid, decimal>> ResponseRatesAsync(UnitOfWork uow, int year, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(Guid NetworkId, decimal Rate)>(new CommandDefinition("""
            select distinct on (network_id) network_id, round(100.0 * submitted / nullif(invited, 0), 1)
            from survey_waves_closed where network_year = @year and invited > 0 order by network_id, closed_at desc
            """, new { year }, uow.Transaction, cancellationToken: ct))).ToDictionary(r => r.NetworkId, r => r.Rate);

    /// <summary>
    /// Scale means of every network in the benchmarking pool (hubs that consented) with at least the minimum respondents,
    /// one dictionary per network, no ids: read through the database function that alone may cross hubs.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, decimal>>> BenchmarkMeansAsync(UnitOfWork uow, int year, int minimumN, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(int Network, string Scale, decimal Mean)>(new CommandDefinition(
            "select network_ordinal, scale, mean from benchmark_network_means(@year, @minimumN)",
            new { year, minimumN }, uow.Transaction, cancellationToken: ct)))
        .GroupBy(r => r.Network).Select(g => (IReadOnlyDictionary<string, decimal>)g.ToDictionary(r => r.Scale, r => r.Mean)).ToList();

    /// <summary>Each respondent's scale scores for a network year, with their role or team when grouping by one.</summary>
    public async Task<IReadOnlyList<RespondentScores>> ScaleScoresAsync(UnitOfWork uow, Guid networkId, int year, SurveyGrouping by, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(string Scores, string? Group)>(new CommandDefinition($"""
            select scale_scores::text, {by switch { SurveyGrouping.Role => "role", SurveyGrouping.Team => "team_id::text", _ => "null" }}
            from survey_scale_scores where network_id = @networkId and network_year = @year
            """, new { networkId, year }, uow.Transaction, cancellationToken: ct)))
        .Select(r => new RespondentScores(JsonSerializer.Deserialize<Dictionary<string, decimal>>(r.Scores)!, r.Group)).ToList();
}
