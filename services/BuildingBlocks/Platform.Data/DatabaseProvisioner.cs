using Npgsql;

namespace Platform.Data;

/// <summary>The roles and database of one service: an owner (runs migrations) and a login role the service uses.</summary>
public sealed record ServiceDatabase(string Name, string OwnerRole, string OwnerPassword, string AppRole, string AppPassword);

/// <summary>
/// Creates a service's database and its two roles, idempotently, as a superuser. The app role owns nothing
/// and has no BYPASSRLS; default privileges give it DML on whatever the owner's migrations create.
/// </summary>
public static class DatabaseProvisioner
{
    public static async Task ProvisionAsync(string superuserConnectionString, ServiceDatabase db, CancellationToken ct = default)
    {
        await using (var admin = new NpgsqlConnection(superuserConnectionString))
        {
            await admin.OpenAsync(ct);
            await EnsureRoleAsync(admin, db.OwnerRole, db.OwnerPassword, ct);
            await EnsureRoleAsync(admin, db.AppRole, db.AppPassword, ct);
            if (!await ExistsAsync(admin, "select 1 from pg_database where datname = @n", db.Name, ct))
                await ExecAsync(admin, $"create database {Quote(db.Name)} owner {Quote(db.OwnerRole)}", ct);
        }

        var builder = new NpgsqlConnectionStringBuilder(superuserConnectionString) { Database = db.Name };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync(ct);
        string owner = Quote(db.OwnerRole), app = Quote(db.AppRole);
        await ExecAsync(conn, $"""
            revoke all on database {Quote(db.Name)} from public;
            grant connect, temporary on database {Quote(db.Name)} to {app};
            alter schema public owner to {owner};
            revoke create on schema public from public;
            grant usage on schema public to {app};
            alter default privileges for role {owner} in schema public grant select, insert, update, delete on tables to {app};
            alter default privileges for role {owner} in schema public grant usage, select on sequences to {app};
            """, ct);
    }

    private static async Task EnsureRoleAsync(NpgsqlConnection admin, string role, string password, CancellationToken ct)
    {
        var verb = await ExistsAsync(admin, "select 1 from pg_roles where rolname = @n", role, ct) ? "alter" : "create";
        // Passwords cannot be bound as parameters in DDL; they are generated locally, quoted as literals.
        await ExecAsync(admin, $"{verb} role {Quote(role)} login nosuperuser nobypassrls nocreatedb nocreaterole password '{password.Replace("'", "''")}'", ct);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection conn, string sql, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("n", name);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
