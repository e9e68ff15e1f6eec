using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Data;

namespace EndToEnd.Tests;

/// <summary>
/// Group commit as the services use it: their login role, row-level security forced, writes of two tenants handed
/// in together.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GroupCommitTests(PlatformFixture platform)
{
    private const string Insert = "insert into group_commit_probe (tenant_id, value) values (@rowTenant, @value)";

    [Fact]
    public async Task Writes_handed_in_together_share_transactions_each_under_its_own_tenant_and_a_refused_one_fails_alone()
    {
        await using (var superuser = platform.ConnectAsSuperuser("surveys"))
            await superuser.ExecuteAsync("""
                create table group_commit_probe (tenant_id uuid not null, value int not null, tx bigint not null default txid_current());
                select enable_tenant_isolation('group_commit_probe');
                grant select, insert on group_commit_probe to surveys_app;
                """);
        try
        {
            await using var source = NpgsqlDataSource.Create(platform.Platform.ConnectionString("surveys"));
            await using var commits = new GroupCommit(source, NullLogger<GroupCommit>.Instance);
            var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
            Guid TenantOf(int value) => value % 2 == 0 ? a : b;
            Task<int> Write(int value, Guid rowTenant) =>
                commits.ExecuteAsync(TenantOf(value), Insert, new Dictionary<string, object?> { ["rowTenant"] = rowTenant, ["value"] = value });

            // Forty writes of two tenants handed in at once: all are stored, in far fewer transactions than writes.
            var first = Enumerable.Range(0, 40).Select(v => Write(v, TenantOf(v))).ToList();
            Assert.All(await Task.WhenAll(first), rows => Assert.Equal(1, rows));
            var stored = await RowsAsync();
            Assert.Equal(Enumerable.Range(0, 40), stored.Select(r => r.Value).Order());
            Assert.All(stored, r => Assert.Equal(TenantOf(r.Value), r.Tenant));
            Assert.InRange(stored.Select(r => r.Tx).Distinct().Count(), 1, 20);

            // Another forty, of which one writes a row for the other tenant: row-level security refuses it, and only it.
            var second = Enumerable.Range(40, 40).Select(v => Write(v, v == 53 ? a : TenantOf(v))).ToList();
            var refused = await Assert.ThrowsAsync<PostgresException>(() => second[13]);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
            Assert.All(await Task.WhenAll(second.Where((_, i) => i != 13)), rows => Assert.Equal(1, rows));
            stored = await RowsAsync();
            Assert.Equal(Enumerable.Range(0, 80).Where(v => v != 53), stored.Select(r => r.Value).Order());
            Assert.All(stored, r => Assert.Equal(TenantOf(r.Value), r.Tenant));

            // A SELECT among the writes answers with the rows it returned, and each tenant sees only its own.
            Assert.Equal(40, await commits.ExecuteAsync(a, "select from group_commit_probe", new Dictionary<string, object?>()));
            Assert.Equal(39, await commits.ExecuteAsync(b, "select from group_commit_probe", new Dictionary<string, object?>()));

            // Reads handed in together: each reads its own result sets, of its own tenant's rows; one that fails, fails alone.
            var reads = Enumerable.Range(0, 12).Select(i => commits.QueryAsync(TenantOf(i), [
                "select value from group_commit_probe where value >= @from order by value",
                i == 7 ? "select count(*) / 0 from group_commit_probe" : "select count(*) from group_commit_probe",
            ], new Dictionary<string, object?> { ["from"] = i }, async reader =>
                (Values: await GroupCommit.RowsAsync<int>(reader), Count: (await GroupCommit.RowsAsync<long>(reader)).Single()))).ToList();
            Assert.Equal(PostgresErrorCodes.DivisionByZero, (await Assert.ThrowsAsync<PostgresException>(() => reads[7])).SqlState);
            foreach (var i in Enumerable.Range(0, 12).Where(i => i != 7))
            {
                var (values, count) = await reads[i];
                Assert.Equal(Enumerable.Range(i, 80 - i).Where(v => v != 53 && TenantOf(v) == TenantOf(i)), values);
                Assert.Equal(TenantOf(i) == a ? 40 : 39, count);
            }
        }
        finally
        {
            await using var superuser = platform.ConnectAsSuperuser("surveys");
            await superuser.ExecuteAsync("drop table if exists group_commit_probe");
        }
    }

    [Fact]
    public async Task A_batch_joins_no_trace_of_the_request_that_happened_to_create_the_group_commit()
    {
        using var requests = new ActivitySource("GroupCommitTests.Request");
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" || s == requests,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var source = NpgsqlDataSource.Create(platform.Platform.ConnectionString("surveys"));

        GroupCommit commits;
        ActivityTraceId firstRequest;
        using (var request = requests.StartActivity("first request")!)
        {
            firstRequest = request.TraceId;
            commits = new GroupCommit(source, NullLogger<GroupCommit>.Instance);
        }
        await using (commits)
            Assert.Equal(1, await commits.ExecuteAsync(Guid.NewGuid(), "select 1", new Dictionary<string, object?>()));

        var batches = stopped.Where(a => a.Source.Name == "Npgsql").ToList();
        Assert.NotEmpty(batches);
        Assert.All(batches, a => Assert.NotEqual(firstRequest, a.TraceId));
    }

    private async Task<List<(Guid Tenant, int Value, long Tx)>> RowsAsync()
    {
        await using var superuser = platform.ConnectAsSuperuser("surveys");
        return (await superuser.QueryAsync<(Guid, int, long)>("select tenant_id, value, tx from group_commit_probe")).AsList();
    }
}
