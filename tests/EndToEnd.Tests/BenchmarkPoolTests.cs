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
            for (var i = 0; i < respondents; i++)
                await db.ExecuteAsync("""
                    insert into survey_scale_scores (response_id, tenant_id, wave_id, network_id, network_year, scale_scores, submitted_at)
                    values (@id, @tenant, @network, @network, @year, jsonb_build_object('HUB_LEADERSHIP', @score), now())
                    """, new { id = Guid.NewGuid(), tenant, network, year = Year, score }, tx);
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
            Assert.Equal(5, await db.ExecuteScalarAsync<int>("select count(*) from survey_scale_scores where network_year = @Year", new { Year }, tx));
            Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from networks where name = 'Pool probe' and launch_date = '1998-08-01'", transaction: tx));
        });
    }
}
