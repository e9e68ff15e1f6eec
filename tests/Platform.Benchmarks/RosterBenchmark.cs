using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Local;

namespace Platform.Benchmarks;

/// <summary>
/// A generated 10,000-row roster imported through the gateway, against a plain COPY of the same rows into a
/// scratch table of the same database, in the same run. Target: under 3 s, and under 5x the COPY. Also printed: a COPY
/// of the same people and memberships into the service's own tables, which shows what their constraints cost alone.
/// </summary>
public static class RosterBenchmark
{
    private const int Rows = 10_000;

    public static async Task<int> RunAsync()
    {
        await using var bench = await BenchPlatform.StartAsync();
        var token = await bench.Api.GetTokenAsync("hubadmin@riverbend.demo", LocalPlatform.DemoPassword);
        var csv = Generate(Rows);

        // Warm-up on separate networks, so connection pools and the JIT's first tiers are not measured: .NET compiles
        // hot methods fully only after they ran a while, which one small roster does not reach.
        for (var i = 0; i < 3; i++)
            await ImportAsync(bench.Api, token, await NewNetworkAsync(bench.Api, token), Generate(2000));
        await BenchPlatform.WaitForQuietAsync();

        var network = await NewNetworkAsync(bench.Api, token);
        var import = Stopwatch.StartNew();
        var summary = await ImportAsync(bench.Api, token, network, csv);
        import.Stop();

        var copy = await CopyAsync(bench.Platform, csv, temporary: false);
        var copyTemp = await CopyAsync(bench.Platform, csv, temporary: true);
        var copyTables = await CopyIntoServiceTablesAsync(bench.Platform, network, csv);
        var log = Path.Combine(bench.Platform.Options.LogDirectory, "networks.log");
        Console.WriteLine(File.ReadLines(log).LastOrDefault(l => l.Contains("Roster of"))?.Split(" => ").Last() ?? "");
        var ratio = import.Elapsed.TotalMilliseconds / copy.TotalMilliseconds;
        Console.WriteLine($"""

            roster import of {Rows:N0} rows through the gateway: {import.Elapsed.TotalMilliseconds:F0} ms ({summary})
            plain COPY of the same rows into a table:       {copy.TotalMilliseconds:F0} ms (committed, like the import)
            ratio import / COPY:                            {ratio:F2}x   (targets: import < 3000 ms, ratio < 5x)
            COPY into a temporary table (no WAL, no commit): {copyTemp.TotalMilliseconds:F0} ms, ratio {import.Elapsed.TotalMilliseconds / copyTemp.TotalMilliseconds:F2}x
            COPY of the same people and memberships into Networks' own tables (indexes, checks, foreign keys), committed:
                                                            {copyTables.TotalMilliseconds:F0} ms, ratio {import.Elapsed.TotalMilliseconds / copyTables.TotalMilliseconds:F2}x
            """);
        return 0;
    }

    private static string Generate(int rows)
    {
        var random = new Random(42);
        var csv = new StringBuilder("email,given_name,family_name,school,district,team,role,start_date,end_date\n");
        string[] roles = ["TeamMember", "TeamMember", "TeamMember", "TeamLead", "DistrictLead", "Other"];
        for (var i = 0; i < rows; i++)
        {
            var school = random.Next(60);
            var start = new DateOnly(2018, 8, 1).AddDays(random.Next(0, 2200));
            var end = random.Next(3) == 0 ? start.AddDays(random.Next(30, 900)).ToString("yyyy-MM-dd") : "";
            csv.Append($"member{i}-{Guid.NewGuid():N}@bench.test,Given{i},Family{i},School {school},District {school % 7},Team {random.Next(3)},{roles[random.Next(roles.Length)]},{start:yyyy-MM-dd},{end}\n");
        }
        return csv.ToString();
    }

    private static async Task<Guid> NewNetworkAsync(PlatformApiClient api, string token) =>
        (await api.PostAsync<JsonElement>("/api/networks", token,
            new { name = "Bench " + Guid.NewGuid().ToString("N")[..8], aim = "Measure", goalType = "Other", launchDate = "2018-08-01" }))
        .GetProperty("id").GetGuid();

    private static async Task<string> ImportAsync(PlatformApiClient api, string token, Guid network, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/networks/{network}/roster") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Import failed: {(int)response.StatusCode} {body[..Math.Min(500, body.Length)]}");
        return body;
    }

    /// <summary>
    /// What storing the same rows costs in the tables the import writes: COPY of each row's person and membership (new
    /// people, in the imported network, with its teams), in one committed transaction. As the superuser, because
    /// PostgreSQL refuses COPY FROM into tables under row-level security; so no policy is checked, unlike the import.
    /// </summary>
    private static async Task<TimeSpan> CopyIntoServiceTablesAsync(LocalPlatform platform, Guid network, string csv)
    {
        await using var db = new NpgsqlConnection(platform.Postgres.ConnectionString("networks"));
        await db.OpenAsync();
        Guid tenant;
        await using (var read = new NpgsqlCommand("select tenant_id from networks where id = $1", db) { Parameters = { new() { Value = network } } })
            tenant = (Guid)(await read.ExecuteScalarAsync())!;
        var teams = new Dictionary<(string School, string Team), Guid>();
        await using (var read = new NpgsqlCommand(
            "select o.name, t.name, t.id from improvement_teams t join member_organizations o on o.id = t.organization_id where t.network_id = $1", db)
            { Parameters = { new() { Value = network } } })
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) teams[(reader.GetString(0), reader.GetString(1))] = reader.GetGuid(2);

        // Each file row becomes a new person (its email prefixed, so it cannot match the imported one) and its membership.
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => (Person: Guid.CreateVersion7(), Fields: line.Split(','))).ToList();
        var people = string.Concat(rows.Select(r => $"{r.Person},{tenant},copy-{r.Fields[0]},{r.Fields[1]},{r.Fields[2]}\n"));
        var memberships = string.Concat(rows.Select(r =>
            $"{Guid.CreateVersion7()},{tenant},{network},{r.Person},{r.Fields[6]},{teams[(r.Fields[3], r.Fields[5])]},{r.Fields[7]},{r.Fields[8]}\n"));
        var clock = Stopwatch.StartNew();
        await using (var tx = await db.BeginTransactionAsync())
        {
            await using (var writer = await db.BeginTextImportAsync("copy people (id, tenant_id, email, given_name, family_name) from stdin (format csv)"))
                await writer.WriteAsync(people);
            await using (var writer = await db.BeginTextImportAsync(
                "copy memberships (id, tenant_id, network_id, person_id, role, team_id, start_date, end_date) from stdin (format csv)"))
                await writer.WriteAsync(memberships);
            await tx.CommitAsync();
        }
        clock.Stop();
        return clock.Elapsed;
    }

    /// <summary>
    /// The floor: PostgreSQL's COPY of the same text into an unconstrained table with the file's columns, committed
    /// (durable, as the import is); or into a temporary table, which writes no WAL and so is faster than any durable write.
    /// </summary>
    private static async Task<TimeSpan> CopyAsync(LocalPlatform platform, string csv, bool temporary)
    {
        await using var db = new NpgsqlConnection(platform.Postgres.ConnectionString("networks"));
        await db.OpenAsync();
        var table = temporary ? "roster_copy_temp" : "roster_copy";
        await using (var create = new NpgsqlCommand(
            $"create {(temporary ? "temp" : "")} table {table} (email text, given_name text, family_name text, school text, district text, team text, role text, start_date date, end_date date)", db))
            await create.ExecuteNonQueryAsync();
        var clock = Stopwatch.StartNew();
        await using (var writer = await db.BeginTextImportAsync($"copy {table} from stdin (format csv, header true)"))
            await writer.WriteAsync(csv);
        clock.Stop();
        await using (var drop = new NpgsqlCommand($"drop table {table}", db))
            await drop.ExecuteNonQueryAsync();
        return clock.Elapsed;
    }
}
