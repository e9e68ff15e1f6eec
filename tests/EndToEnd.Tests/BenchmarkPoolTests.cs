using Dapper;
using Npgsql;
using Platform.HealthModel;

namespace EndToEnd.Tests;

/// <summary>
/// Benchmarking crosses hubs only through Reporting's security-definer aggregate: per-network means over at least 5
/// respondents of consenting networks, without ids. Tested as the service connects (its login role, RLS applies).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BenchmarkPoolTests(PlatformFixture platform)
{
    private const int Year = 1999; // a year no other test writes, so the pool holds only this test's networks

    private static async Task AsTenantAsync(NpgsqlConnection db, Guid tenant, Func<NpgsqlTransaction, Task> work)
    {
        await using var tx = await db.BeginTransactionAsync();
        await db.ExecuteAsync("select set_config('app.tenant_id', @t, true)", new { t = tenant.ToString() }, tx);
        await work(tx);
        await tx.CommitAsync();
    }

    /// <summary>
    /// A hub's network with <paramref name="respondents"/> responses scoring <paramref name="score"/> on hub leadership
    /// (or summing to <paramref name="sum"/>) in network year <paramref name="year"/> (by default <see cref="Year"/>).
    /// </summary>
    private static async Task<Guid> NetworkAsync(NpgsqlConnection db, Guid tenant, bool consent, int respondents, decimal score,
        int year = Year, decimal? sum = null)
    {
        var network = Guid.NewGuid();
        var total = sum ?? score * respondents;
        await AsTenantAsync(db, tenant, async tx =>
        {
            await db.ExecuteAsync("""
                insert into networks (network_id, tenant_id, name, aim, goal_type, launch_date, registered_at, benchmarking_consent)
                values (@network, @tenant, 'Pool probe', 'Aim', 'Other', '1998-08-01', now(), @consent)
                """, new { network, tenant, consent }, tx);
            // The running sums Reporting keeps for everyone in the network year (as its response consumer writes them).
            await db.ExecuteAsync("""
                insert into group_respondents (tenant_id, network_id, network_year, grouping, group_key, respondents, last_submitted_at)
                values (@tenant, @network, @year, 'all', 'all', @respondents, now());
                insert into scale_sums (tenant_id, network_id, network_year, grouping, group_key, scale, n, sum, sum_of_squares, favorable)
                values (@tenant, @network, @year, 'all', 'all', 'HUB_LEADERSHIP', @respondents, @total, @total * @total / @respondents, 0);
                """, new { tenant, network, year, respondents, total }, tx);
        });
        return network;
    }

    [Fact]
    public async Task Only_consenting_networks_with_enough_respondents_enter_the_pool_and_only_as_anonymous_means()
    {
        await using var db = platform.ConnectAsService("reporting");
        await db.OpenAsync();
        var hubs = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < 5; i++) await NetworkAsync(db, hubs[i], consent: true, respondents: 5, score: 2 + i * 0.5m);
        await NetworkAsync(db, hubs[5], consent: false, respondents: 9, score: 1m); // did not consent
        await NetworkAsync(db, hubs[6], consent: true, respondents: 4, score: 1m);  // too few respondents

        await AsTenantAsync(db, hubs[0], async tx =>
        {
            var pool = (await db.QueryAsync<(int Network, string Scale, decimal Mean, int Respondents)>(
                "select network_ordinal, scale, mean, respondents from benchmark_network_means(@Year, 5)", new { Year }, tx)).ToList();
            Assert.Equal([2.0m, 2.5m, 3.0m, 3.5m, 4.0m], pool.Select(p => p.Mean).Order().ToArray());
            Assert.All(pool, p => Assert.Equal(5, p.Respondents));
            // A minimum below the floor is raised to it: the four-respondent network never appears.
            Assert.Equal(5, await db.ExecuteScalarAsync<int>("select count(*) from benchmark_network_means(@Year, 1)", new { Year }, tx));

            // Outside the function, the pool policies never apply: the hub still sees only its own rows.
            Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from scale_sums where network_year = @Year", new { Year }, tx));
            Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from networks where name = 'Pool probe' and launch_date = '1998-08-01'", transaction: tx));
        });
    }

    /// <summary>
    /// The pool's SQL floor (<c>greatest(p_min_n, 5)</c>, a second guard for funders) is the suppression rule's minimum:
    /// asked for a minimum of 1, the floor alone decides, and it must admit exactly the networks C# would.
    /// </summary>
    [Fact]
    public async Task The_pools_floor_in_SQL_is_the_suppression_rules_minimum_group_size()
    {
        const int year = 1997; // a year of its own
        await using var db = platform.ConnectAsService("reporting");
        await db.OpenAsync();
        var hub = Guid.NewGuid();
        await NetworkAsync(db, hub, consent: true, respondents: Suppression.MinimumN - 1, score: 3m, year);
        await NetworkAsync(db, hub, consent: true, respondents: Suppression.MinimumN, score: 4m, year);

        await AsTenantAsync(db, hub, async tx => Assert.Equal([Suppression.MinimumN],
            await db.QueryAsync<int>("select respondents from benchmark_network_means(@year, 1)", new { year }, tx)));
    }

    /// <summary>
    /// The pool's means are rounded in SQL (kept there: the function that alone may cross hubs returns means, not sums);
    /// they must be what <see cref="ScaleStatistics"/> makes of the same sums, half-way cases included. Sums carry two
    /// decimals, as respondent scale scores do.
    /// </summary>
    [Fact]
    public async Task The_pools_means_are_the_scale_statistics_means_of_the_same_sums()
    {
        const int year = 1996; // a year of its own
        (int N, decimal Sum, decimal Mean)[] cases =
        [
            (8, 17.00m, 2.13m),     // 2.125: half-way, away from zero
            (200, 401.00m, 2.01m),  // 2.005
            (16, 40.08m, 2.51m),    // 2.505
            (40, 150.20m, 3.76m),   // 3.755
            (200, 999.00m, 5.00m),  // 4.995 rounds up to the top of the scale
            (40, 150.10m, 3.75m),   // 3.7525: below half-way at the second decimal
            (6, 20.00m, 3.33m),     // 3.333...: a repeating decimal
            (6, 20.03m, 3.34m),     // 3.33833...
            (9, 30.01m, 3.33m),     // 3.33444...
            (7, 7.00m, 1.00m),
        ];
        await using var db = platform.ConnectAsService("reporting");
        await db.OpenAsync();
        var hub = Guid.NewGuid();
        var networks = new List<(Guid Id, (int N, decimal Sum, decimal Mean) Case)>();
        foreach (var c in cases) networks.Add((await NetworkAsync(db, hub, consent: true, respondents: c.N, score: 0m, year, c.Sum), c));

        await AsTenantAsync(db, hub, async tx =>
        {
            var pool = (await db.QueryAsync<(int Network, decimal Mean)>(
                "select network_ordinal, mean from benchmark_network_means(@year, @minimum)", new { year, minimum = Suppression.MinimumN }, tx))
                .OrderBy(p => p.Network).Select(p => p.Mean).ToList();
            // Ordinals follow the network ids (the function names no network).
            var expected = networks.OrderBy(n => n.Id.ToString(), StringComparer.Ordinal).Select(n => n.Case).ToList();
            Assert.Equal(expected.Select(c => c.Mean), pool);
            Assert.Equal(expected.Select(c => ScaleStatistics.Of("HUB_LEADERSHIP", new ScaleSums(c.N, c.Sum, 0m, 0))!.Mean), pool);
        });
    }
}
