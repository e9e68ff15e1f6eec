using System.Text.Json;
using Dapper;
using Platform.Contracts.Surveys;
using Platform.Data;
using Platform.HealthModel;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Data;

public enum SurveyGrouping { None, Role, Team }

/// <summary>
/// Survey results kept from the Surveys events (scale scores only, never a person): each response once, and running sums
/// per network year and group (everyone, role, team) that the reports read.
/// </summary>
public sealed class SurveyResultsStore
{
    private const string Everyone = "all";

    /// <summary>
    /// Takes in a batch of one tenant's responses in one statement: each response is stored once (its id decides), and only
    /// the newly stored ones are added to the sums, so a redelivered or replayed response changes nothing.
    /// </summary>
    public Task AddResponsesAsync(UnitOfWork uow, IReadOnlyList<SurveyResponseSubmitted> responses, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            with incoming as (
                select * from unnest(@ids::uuid[], @waves::uuid[], @networks::uuid[], @years::int[], @roles::text[], @teams::uuid[],
                                     @scores::jsonb[], @submitted::timestamptz[])
                    as t(response_id, wave_id, network_id, network_year, role, team_id, scale_scores, submitted_at)
            ), inserted as (
                insert into survey_scale_scores (response_id, tenant_id, wave_id, network_id, network_year, submitted_at)
                select response_id, @tenant, wave_id, network_id, network_year, submitted_at from incoming
                on conflict do nothing
                returning response_id
            ), fresh as (
                select i.* from incoming i join inserted using (response_id)
            ), grouped as (
                select network_id, network_year, 'all' as grouping, 'all' as group_key, scale_scores, submitted_at from fresh
                union all select network_id, network_year, 'role', coalesce(role, @unspecified), scale_scores, submitted_at from fresh
                union all select network_id, network_year, 'team', coalesce(team_id::text, @unspecified), scale_scores, submitted_at from fresh
            ), counted as (
                insert into group_respondents (tenant_id, network_id, network_year, grouping, group_key, respondents, last_submitted_at)
                select @tenant, network_id, network_year, grouping, group_key, count(*), max(submitted_at) from grouped
                group by network_id, network_year, grouping, group_key order by network_id, network_year, grouping, group_key
                on conflict (network_id, network_year, grouping, group_key) do update set respondents = group_respondents.respondents + excluded.respondents,
                    last_submitted_at = greatest(group_respondents.last_submitted_at, excluded.last_submitted_at)
            )
            insert into scale_sums (tenant_id, network_id, network_year, grouping, group_key, scale, n, sum, sum_of_squares, favorable)
            select @tenant, g.network_id, g.network_year, g.grouping, g.group_key, kv.key, count(*), sum(kv.value::numeric),
                   sum(kv.value::numeric * kv.value::numeric), count(*) filter (where kv.value::numeric >= @favorable)
            from grouped g cross join lateral jsonb_each_text(g.scale_scores) kv
            group by g.network_id, g.network_year, g.grouping, g.group_key, kv.key
            order by g.network_id, g.network_year, g.grouping, g.group_key, kv.key
            on conflict (network_id, network_year, grouping, group_key, scale) do update set n = scale_sums.n + excluded.n,
                sum = scale_sums.sum + excluded.sum, sum_of_squares = scale_sums.sum_of_squares + excluded.sum_of_squares,
                favorable = scale_sums.favorable + excluded.favorable
            """, new
            {
                tenant = uow.TenantId,
                ids = responses.Select(r => r.ResponseId).ToArray(),
                waves = responses.Select(r => r.WaveId).ToArray(),
                networks = responses.Select(r => r.NetworkId).ToArray(),
                years = responses.Select(r => r.NetworkYear).ToArray(),
                roles = responses.Select(r => r.Role).ToArray(),
                teams = responses.Select(r => r.TeamId).ToArray(),
                scores = responses.Select(r => JsonSerializer.Serialize(r.ScaleScores)).ToArray(),
                submitted = responses.Select(r => r.OccurredAt).ToArray(),
                unspecified = ScaleReport.Unspecified,
                favorable = ScaleStatistics.FavorableThreshold,
            }, uow.Transaction, cancellationToken: ct));

    public Task AddClosedWaveAsync(UnitOfWork uow, SurveyWaveClosed m, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into survey_waves_closed (wave_id, tenant_id, network_id, network_year, invited, submitted, closed_at)
            values (@WaveId, @TenantId, @NetworkId, @NetworkYear, @Invited, @Submitted, @OccurredAt) on conflict do nothing
            """, m, uow.Transaction, cancellationToken: ct));

    private sealed record SumsRow(Guid NetworkId, int NetworkYear, string Grouping, string GroupKey, string Scale, int N, decimal Sum,
        decimal SumOfSquares, int Favorable);

    private sealed record GroupRow(Guid NetworkId, int NetworkYear, string Grouping, string GroupKey, int Respondents);

    /// <summary>Everyone's results per visible network for a network year (row-level security decides which networks).</summary>
    public async Task<IReadOnlyDictionary<Guid, GroupScores>> OverallByNetworkAsync(UnitOfWork uow, int year, CancellationToken ct) =>
        Assemble(await GroupsAsync(uow, null, year, Everyone, ct), await SumsAsync(uow, null, year, Everyone, ct))
            .ToDictionary(g => g.Key.NetworkId, g => g.Value);

    /// <summary>One network's results in every network year: everyone, and by role and by team.</summary>
    public async Task<IReadOnlyDictionary<int, NetworkYearScores>> NetworkYearsAsync(UnitOfWork uow, Guid networkId, CancellationToken ct)
    {
        var groups = Assemble(await GroupsAsync(uow, networkId, null, null, ct), await SumsAsync(uow, networkId, null, null, ct));
        return groups.GroupBy(g => g.Key.NetworkYear).ToDictionary(y => y.Key, y => new NetworkYearScores(
            y.SingleOrDefault(g => g.Key.Grouping == Everyone).Value ?? new GroupScores(null, 0, new Dictionary<string, ScaleSums>()),
            y.Where(g => g.Key.Grouping == "role").Select(g => g.Value).ToList(),
            y.Where(g => g.Key.Grouping == "team").Select(g => g.Value).ToList()));
    }

    private static IEnumerable<KeyValuePair<(Guid NetworkId, int NetworkYear, string Grouping), GroupScores>> Assemble(
        IReadOnlyList<GroupRow> groups, IReadOnlyList<SumsRow> sums)
    {
        var scales = sums.ToLookup(s => (s.NetworkId, s.NetworkYear, s.Grouping, s.GroupKey));
        return groups.Select(g => KeyValuePair.Create((g.NetworkId, g.NetworkYear, g.Grouping), new GroupScores(
            g.Grouping == Everyone ? null : g.GroupKey, g.Respondents,
            scales[(g.NetworkId, g.NetworkYear, g.Grouping, g.GroupKey)].ToDictionary(s => s.Scale, s => new ScaleSums(s.N, s.Sum, s.SumOfSquares, s.Favorable)))));
    }

    private async Task<IReadOnlyList<GroupRow>> GroupsAsync(UnitOfWork uow, Guid? networkId, int? year, string? grouping, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<GroupRow>(new CommandDefinition($"""
            select network_id as NetworkId, network_year as NetworkYear, grouping, group_key as GroupKey, respondents from group_respondents
            {Where(networkId, year, grouping)}
            """, new { networkId, year, grouping }, uow.Transaction, cancellationToken: ct))).AsList();

    private async Task<IReadOnlyList<SumsRow>> SumsAsync(UnitOfWork uow, Guid? networkId, int? year, string? grouping, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<SumsRow>(new CommandDefinition($"""
            select network_id as NetworkId, network_year as NetworkYear, grouping, group_key as GroupKey, scale, n, sum,
                   sum_of_squares as SumOfSquares, favorable
            from scale_sums
            {Where(networkId, year, grouping)}
            """, new { networkId, year, grouping }, uow.Transaction, cancellationToken: ct))).AsList();

    /// <summary>Only the filters that are set, so each query can use its index (a catch-all "@x is null or" cannot).</summary>
    private static string Where(Guid? networkId, int? year, string? grouping)
    {
        var filters = new[]
        {
            networkId is null ? null : "network_id = @networkId",
            year is null ? null : "network_year = @year",
            grouping is null ? null : "grouping = @grouping",
        }.OfType<string>().ToList();
        return filters.Count == 0 ? "" : "where " + string.Join(" and ", filters);
    }

    /// <summary>The network years with survey results among the networks the transaction may see.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<int>(new CommandDefinition(
            "select distinct network_year from group_respondents where grouping = 'all' order by 1", transaction: uow.Transaction, cancellationToken: ct))).AsList();

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
}
