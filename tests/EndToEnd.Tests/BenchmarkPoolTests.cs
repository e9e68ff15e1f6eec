using Dapper;
using Npgsql;

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

    /// <summary>A hub's network with <paramref name="respondents"/> responses scoring <paramref name="score"/> on hub leadership.</summary>
    private static async Task<Guid> NetworkAsync(NpgsqlConnection db, Guid tenant, bool consent, int respondents, decimal score)
    {
        var network = Guid.NewGuid();
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
                values (@tenant, @network, @year, 'all', 'all', 'HUB_LEADERSHIP', @respondents, @score * @respondents, @score * @score * @respondents, 0);
                """, new { tenant, network, year = Year, respondents, score }, tx);
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
}
