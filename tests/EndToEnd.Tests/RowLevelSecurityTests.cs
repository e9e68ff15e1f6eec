using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace EndToEnd.Tests;

/// <summary>
/// The second tenancy guard, tested as the services connect: their login role, which owns nothing and cannot bypass RLS.
/// Every table with a tenant_id column (outside the outbox) must be isolated.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RowLevelSecurityTests(PlatformFixture platform)
{
    public static TheoryData<string> ServiceDatabases => new() { "networks", "reporting", "surveys", "assessments", "improvement" };

    /// <summary>Infrastructure tables: the relay reads them across tenants; they hold ids and facts, no tenant data.</summary>
    private static readonly string[] Infrastructure = ["outbox_messages"];

    [Theory]
    [MemberData(nameof(ServiceDatabases))]
    public async Task Every_tenant_owned_table_is_forced_under_row_level_security(string database)
    {
        await using var db = platform.ConnectAsService(database);
        var role = await db.QuerySingleAsync<(bool Super, bool Bypass)>(
            "select rolsuper, rolbypassrls from pg_roles where rolname = current_user");
        Assert.False(role.Super);
        Assert.False(role.Bypass);

        var tables = (await db.QueryAsync<(string Table, bool Rls, bool Forced, string Owner)>("""
            select c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner)
            from pg_class c join pg_attribute a on a.attrelid = c.oid
            where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace and a.attname = 'tenant_id' and not a.attisdropped
            """)).Where(t => !Infrastructure.Contains(t.Table)).ToList();

        foreach (var t in tables)
        {
            Assert.True(t.Rls && t.Forced, $"{database}.{t.Table} must ENABLE and FORCE row level security");
            Assert.NotEqual($"{database}_app", t.Owner);
        }
        if (database is "networks" or "reporting" or "improvement") Assert.NotEmpty(tables);
    }

    [Theory]
    [InlineData("networks", "networks")]
    [InlineData("reporting", "networks")]
    [InlineData("reporting", "tenants")]
    [InlineData("improvement", "networks")]
    public async Task A_tenant_sees_only_its_own_rows_no_tenant_sees_none_and_cannot_write_for_another(string database, string table)
    {
        var riverbend = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var a = PlatformFixture.TenantOf(riverbend);
        var b = PlatformFixture.TenantOf(lakeside);
        foreach (var token in new[] { riverbend, lakeside })
        {
            using var created = await platform.Api.SendAsync(HttpMethod.Post, "/api/networks", token,
                new { name = "RLS probe", aim = "Isolation", goalType = "Other", launchDate = "2024-08-01" });
            created.EnsureSuccessStatusCode();
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await PlatformFixture.EventuallyAsync(async () =>
                (await platform.Api.GetAsync<JsonElement[]>("/api/reporting/networks", token)).Any(n => n.GetProperty("networkId").GetGuid() == id),
                PlatformFixture.EventDelivery, "reporting has both tenants' rows");
        }

        await using var db = platform.ConnectAsService(database);
        await db.OpenAsync();

        await using (var tx = await db.BeginTransactionAsync())
        {
            await db.ExecuteAsync("select set_config('app.tenant_id', @a, true)", new { a = a.ToString() }, tx);
            var tenants = (await db.QueryAsync<Guid>($"select tenant_id from {table}", transaction: tx)).ToList();
            Assert.NotEmpty(tenants);
            Assert.All(tenants, t => Assert.Equal(a, t));
        }

        await using (var tx = await db.BeginTransactionAsync())
            Assert.Equal(0, await db.ExecuteScalarAsync<long>($"select count(*) from {table}", transaction: tx));

        await using (var tx = await db.BeginTransactionAsync())
        {
            await db.ExecuteAsync("select set_config('app.tenant_id', @a, true)", new { a = a.ToString() }, tx);
            var insert = table switch
            {
                "tenants" => "insert into tenants (tenant_id, name, kind, created_at) values (@b, 'Intruder', 'hub', now())",
                "networks" when database == "improvement" =>
                    "insert into networks (network_id, tenant_id, name, facts_as_of) values (gen_random_uuid(), @b, 'x', now())",
                "networks" when database == "networks" =>
                    "insert into networks (id, tenant_id, name, aim, goal_type, launch_date) values (gen_random_uuid(), @b, 'x', 'y', 'Other', '2024-08-01')",
                _ => "insert into networks (network_id, tenant_id, name, aim, goal_type, launch_date, registered_at) values (gen_random_uuid(), @b, 'x', 'y', 'Other', '2024-08-01', now())",
            };
            var e = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync(insert, new { b }, tx));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState); // new row violates row-level security policy
        }

        // The tenant setting is transaction-local: the pooled connection carries nothing into the next transaction.
        await using (var tx = await db.BeginTransactionAsync())
            Assert.Equal("", await db.ExecuteScalarAsync<string>("select coalesce(current_setting('app.tenant_id', true), '')", transaction: tx));
    }

    [Fact]
    public async Task A_tenant_connection_runs_each_command_as_one_transaction_of_its_tenant_and_fails_closed_without_it()
    {
        var a = PlatformFixture.TenantOf(await platform.TokenAsync(PlatformFixture.RiverbendAdmin));
        foreach (var admin in new[] { PlatformFixture.RiverbendAdmin, PlatformFixture.LakesideAdmin })
            (await platform.Api.SendAsync(HttpMethod.Post, "/api/networks", await platform.TokenAsync(admin),
                new { name = "RLS one-transaction probe", aim = "Isolation", goalType = "Other", launchDate = "2024-08-01" })).EnsureSuccessStatusCode();
        await using var source = NpgsqlDataSource.Create(platform.Platform.ConnectionString("networks"));
        var db = new Platform.Data.Database(source);

        await using var connection = db.ForTenant(a);
        var tenants = (await connection.Connection.QueryAsync<Guid>(connection.Command("select tenant_id from networks"))).ToList();
        Assert.NotEmpty(tenants);
        Assert.All(tenants, t => Assert.Equal(a, t));

        // The setting ends with the command's transaction: a command sent without the wrapper has no tenant, sees no
        // rows and may write none.
        Assert.Equal("", await connection.Connection.ExecuteScalarAsync<string>("select coalesce(current_setting('app.tenant_id', true), '')"));
        Assert.Equal(0, await connection.Connection.ExecuteScalarAsync<long>("select count(*) from networks"));
        await Assert.ThrowsAsync<PostgresException>(() => connection.Connection.ExecuteAsync(
            "insert into networks (id, tenant_id, name, aim, goal_type, launch_date) values (gen_random_uuid(), @a, 'x', 'x', 'Other', '2024-08-01')", new { a }));
    }

    [Fact]
    public async Task A_tenant_connection_command_that_fails_part_way_applies_nothing_and_leaves_the_pool_usable()
    {
        var a = PlatformFixture.TenantOf(await platform.TokenAsync(PlatformFixture.RiverbendAdmin));
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(platform.Platform.ConnectionString("networks")) { MaxPoolSize = 1 }.ConnectionString);
        var db = new Platform.Data.Database(source);
        var name = $"Half-applied probe {Guid.NewGuid():N}";

        await using (var connection = db.ForTenant(a))
            await Assert.ThrowsAsync<PostgresException>(() => connection.Connection.ExecuteAsync(connection.Command("""
                insert into networks (id, tenant_id, name, aim, goal_type, launch_date) values (gen_random_uuid(), @a, @name, 'x', 'Other', '2024-08-01');
                select 1 / 0
                """, new { name, a })));

        // The one pooled connection comes back rolled back and without a tenant: the insert is gone.
        await using (var connection = db.ForTenant(a))
        {
            Assert.Equal(0, await connection.Connection.ExecuteScalarAsync<long>(connection.Command("select count(*) from networks where name = @name", new { name })));
            Assert.NotEqual(0, await connection.Connection.ExecuteScalarAsync<long>(connection.Command("select count(*) from networks")));
            Assert.Equal("", await connection.Connection.ExecuteScalarAsync<string>("select coalesce(current_setting('app.tenant_id', true), '')"));
        }
    }

    [Fact]
    public async Task A_funder_reads_in_sql_only_the_networks_granted_to_it_and_writes_nothing()
    {
        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var funder = PlatformFixture.TenantOf(await platform.TokenAsync(PlatformFixture.Funder));
        using var created = await platform.Api.SendAsync(HttpMethod.Post, "/api/networks", lakeside,
            new { name = "Never shared", aim = "Private", goalType = "Other", launchDate = "2024-08-01" });
        var hidden = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await PlatformFixture.EventuallyAsync(async () =>
            (await platform.Api.GetAsync<JsonElement[]>("/api/reporting/networks", lakeside)).Any(n => n.GetProperty("networkId").GetGuid() == hidden),
            PlatformFixture.EventDelivery, "reporting has the unshared network");

        await using var db = platform.ConnectAsService("reporting");
        await db.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        await db.ExecuteAsync("select set_config('app.tenant_id', @f, true)", new { f = funder.ToString() }, tx);
        var visible = (await db.QueryAsync<Guid>("select network_id from networks", transaction: tx)).ToList();
        var granted = (await db.QueryAsync<Guid>("select network_id from funder_grants where active", transaction: tx)).ToList();
        Assert.NotEmpty(visible); // the demo portfolio is shared with Demo Foundation
        Assert.Equal(granted.Order(), visible.Order());
        Assert.DoesNotContain(hidden, visible);
        Assert.All(await db.QueryAsync<Guid>("select funder_tenant_id from funder_grants", transaction: tx), f => Assert.Equal(funder, f));
        Assert.Equal(0, await db.ExecuteAsync("update networks set name = 'changed by a funder'", transaction: tx));
    }
}
