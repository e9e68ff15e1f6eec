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
    /// <summary>
    /// Takes in a batch of one tenant's responses: each response is stored once (its id decides), and only the newly
    /// stored ones are folded into totals (<see cref="ResponseTotals"/>) and added to the sums, so a redelivered or
    /// replayed response changes nothing. Two statements, whatever the batch size.
    /// </summary>
    public async Task AddResponsesAsync(UnitOfWork uow, IReadOnlyList<SurveyResponseSubmitted> responses, CancellationToken ct)
    {
        var stored = (await uow.Connection.QueryAsync<Guid>(new CommandDefinition("""
            insert into survey_scale_scores (response_id, tenant_id, wave_id, network_id, network_year, submitted_at)
            select response_id, @tenant, wave_id, network_id, network_year, submitted_at
            from unnest(@ids, @waves, @networks, @years, @submitted) as t(response_id, wave_id, network_id, network_year, submitted_at)
            on conflict do nothing
            returning response_id
            """, new
            {
                tenant = uow.TenantId,
                ids = responses.Select(r => r.ResponseId).ToArray(),
                waves = responses.Select(r => r.WaveId).ToArray(),
                networks = responses.Select(r => r.NetworkId).ToArray(),
                years = responses.Select(r => r.NetworkYear).ToArray(),
                submitted = responses.Select(r => r.OccurredAt).ToArray(),
            }, uow.Transaction, cancellationToken: ct))).ToHashSet();
        var groups = ResponseTotals.Of(responses.Where(r => stored.Contains(r.ResponseId)));
        if (groups.Count == 0) return;

        var scales = groups.SelectMany(g => g.Scales.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (Group: g, Scale: s.Key, Sums: s.Value))).ToList();
        await uow.Connection.ExecuteAsync(new CommandDefinition("""
            with counted as (
                insert into group_respondents (tenant_id, network_id, network_year, grouping, group_key, respondents, last_submitted_at)
                select @tenant, network_id, network_year, grouping, group_key, respondents, last_submitted_at
                from unnest(@networks, @years, @groupings, @keys, @respondents, @last) with ordinality
                    as g(network_id, network_year, grouping, group_key, respondents, last_submitted_at, ordinal)
                order by ordinal
                on conflict (network_id, network_year, grouping, group_key) do update set respondents = group_respondents.respondents + excluded.respondents,
                    last_submitted_at = greatest(group_respondents.last_submitted_at, excluded.last_submitted_at)
            )
            insert into scale_sums (tenant_id, network_id, network_year, grouping, group_key, scale, n, sum, sum_of_squares, favorable)
            select @tenant, network_id, network_year, grouping, group_key, scale, n, sum, sum_of_squares, favorable
            from unnest(@scaleNetworks, @scaleYears, @scaleGroupings, @scaleKeys, @scaleNames, @ns, @sums, @squares, @favorable) with ordinality
                as s(network_id, network_year, grouping, group_key, scale, n, sum, sum_of_squares, favorable, ordinal)
            order by ordinal
            on conflict (network_id, network_year, grouping, group_key, scale) do update set n = scale_sums.n + excluded.n,
                sum = scale_sums.sum + excluded.sum, sum_of_squares = scale_sums.sum_of_squares + excluded.sum_of_squares,
                favorable = scale_sums.favorable + excluded.favorable
            """, new
            {
                tenant = uow.TenantId,
                networks = groups.Select(g => g.NetworkId).ToArray(),
                years = groups.Select(g => g.NetworkYear).ToArray(),
                groupings = groups.Select(g => g.Grouping).ToArray(),
                keys = groups.Select(g => g.GroupKey).ToArray(),
                respondents = groups.Select(g => g.Respondents).ToArray(),
                last = groups.Select(g => g.LastSubmittedAt).ToArray(),
                scaleNetworks = scales.Select(s => s.Group.NetworkId).ToArray(),
                scaleYears = scales.Select(s => s.Group.NetworkYear).ToArray(),
                scaleGroupings = scales.Select(s => s.Group.Grouping).ToArray(),
                scaleKeys = scales.Select(s => s.Group.GroupKey).ToArray(),
                scaleNames = scales.Select(s => s.Scale).ToArray(),
                ns = scales.Select(s => s.Sums.N).ToArray(),
                sums = scales.Select(s => s.Sums.Sum).ToArray(),
                squares = scales.Select(s => s.Sums.SumOfSquares).ToArray(),
                favorable = scales.Select(s => s.Sums.Favorable).ToArray(),
            }, uow.Transaction, cancellationToken: ct));
    }

    public Task AddClosedWaveAsync(UnitOfWork uow, SurveyWaveClosed m, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into survey_waves_closed (wave_id, tenant_id, network_id, network_year, invited, submitted, closed_at)
            values (@WaveId, @TenantId, @NetworkId, @NetworkYear, @Invited, @Submitted, @OccurredAt) on conflict do nothing
            """, m, uow.Transaction, cancellationToken: ct));

    private sealed record SumsRow(Guid NetworkId, int NetworkYear, string Grouping, string GroupKey, string Scale, int N, decimal Sum,
        decimal SumOfSquares, int Favorable);

    private sealed record GroupRow(Guid NetworkId, int NetworkYear, string Grouping, string GroupKey, int Respondents);

    /// <summary>Per wave of the hub, the responses counted (the consistency check).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> CountedByWaveAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(Guid WaveId, int Counted)>(new CommandDefinition(
            "select wave_id, count(*)::int from survey_scale_scores where tenant_id = @tenant group by wave_id",
            new { tenant = uow.TenantId }, uow.Transaction, cancellationToken: ct))).ToDictionary(w => w.WaveId, w => w.Counted);

    /// <summary>Everyone's results per visible network for a network year (row-level security decides which networks).</summary>
    public async Task<IReadOnlyDictionary<Guid, GroupScores>> OverallByNetworkAsync(UnitOfWork uow, int year, CancellationToken ct) =>
        Assemble(await GroupsAsync(uow, null, year, SurveyGroups.Everyone, ct), await SumsAsync(uow, null, year, SurveyGroups.Everyone, ct))
            .ToDictionary(g => g.Key.NetworkId, g => g.Value);

    /// <summary>One network's results in every network year: everyone, and by role and by team.</summary>
    public async Task<IReadOnlyDictionary<int, NetworkYearScores>> NetworkYearsAsync(UnitOfWork uow, Guid networkId, CancellationToken ct)
    {
        var groups = Assemble(await GroupsAsync(uow, networkId, null, null, ct), await SumsAsync(uow, networkId, null, null, ct));
        return groups.GroupBy(g => g.Key.NetworkYear).ToDictionary(y => y.Key, y => new NetworkYearScores(
            y.SingleOrDefault(g => g.Key.Grouping == SurveyGroups.Everyone).Value ?? new GroupScores(null, 0, new Dictionary<string, ScaleSums>()),
            y.Where(g => g.Key.Grouping == SurveyGroups.Role).Select(g => g.Value).ToList(),
            y.Where(g => g.Key.Grouping == SurveyGroups.Team).Select(g => g.Value).ToList()));
    }

    private static IEnumerable<KeyValuePair<(Guid NetworkId, int NetworkYear, string Grouping), GroupScores>> Assemble(
        IReadOnlyList<GroupRow> groups, IReadOnlyList<SumsRow> sums)
    {
        var scales = sums.ToLookup(s => (s.NetworkId, s.NetworkYear, s.Grouping, s.GroupKey));
        return groups.Select(g => KeyValuePair.Create((g.NetworkId, g.NetworkYear, g.Grouping), new GroupScores(
            g.Grouping == SurveyGroups.Everyone ? null : g.GroupKey, g.Respondents,
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

    /// <summary>Response rate (% submitted of invited) of each visible network's latest closed wave in the year (or of one network's).</summary>
    public async Task<IReadOnlyDictionary<Guid, decimal>> ResponseRatesAsync(UnitOfWork uow, int year, Guid? networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(Guid NetworkId, int Submitted, int Invited)>(new CommandDefinition($"""
            select distinct on (network_id) network_id, submitted, invited
            from survey_waves_closed where network_year = @year and invited > 0 {(networkId is null ? "" : "and network_id = @networkId")}
            order by network_id, closed_at desc
            """, new { year, networkId }, uow.Transaction, cancellationToken: ct))).ToDictionary(r => r.NetworkId, r => ResponseRate.Of(r.Submitted, r.Invited));

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
