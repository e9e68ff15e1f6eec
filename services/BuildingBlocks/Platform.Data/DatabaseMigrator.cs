using System.Reflection;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Data;

/// <summary>Building-block scripts (tenant isolation, outbox) run before the service's own.</summary>
public enum MigrationStage { Platform = 0, Service = 1 }

/// <summary>An assembly whose embedded <c>Data/Migrations/*.sql</c> belong to the service's database.</summary>
public sealed record MigrationScripts(Assembly Assembly, MigrationStage Stage);

/// <summary>
/// Applies a service's plain SQL migrations (embedded <c>Data/Migrations/*.sql</c>, in name order) with DbUp,
/// connected as the owner role. An advisory lock keeps two replicas from migrating at once.
/// </summary>
public static class DatabaseMigrator
{
    private const long MigrationLockKey = 727274;

    public static async Task MigrateAsync(string ownerConnectionString, IReadOnlyCollection<MigrationScripts> scripts, ILogger logger, CancellationToken ct = default)
    {
        // A session-level lock on an unpooled connection: a pooled one would keep holding it after Dispose
        // (Npgsql resets pooled connections lazily), blocking the next replica's migration.
        var lockConnectionString = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString;
        await using var lockConnection = new NpgsqlConnection(lockConnectionString);
        await lockConnection.OpenAsync(ct);
        await using (var cmd = new NpgsqlCommand($"select pg_advisory_lock({MigrationLockKey})", lockConnection) { CommandTimeout = 0 })
            await cmd.ExecuteNonQueryAsync(ct);
        try
        {
            Upgrade(ownerConnectionString, scripts, logger);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({MigrationLockKey})", lockConnection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static void Upgrade(string ownerConnectionString, IReadOnlyCollection<MigrationScripts> scripts, ILogger logger)
    {
        var upgrade = DeployChanges.To.PostgresqlDatabase(ownerConnectionString);
        foreach (var s in scripts)
            upgrade = upgrade.WithScriptsEmbeddedInAssembly(s.Assembly,
                name => name.Contains(".Data.Migrations.", StringComparison.Ordinal),
                new SqlScriptOptions { RunGroupOrder = (int)s.Stage });
        var result = upgrade
            .WithTransactionPerScript()
            .WithVariablesDisabled() // scripts use $$ quoting, not DbUp variables
            .JournalToPostgresqlTable("public", "schema_versions")
            .LogTo(new MigrationLog(logger))
            .Build()
            .PerformUpgrade();

        if (!result.Successful)
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed", result.Error);
    }

    private sealed class MigrationLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) { }
        public void LogInformation(string format, params object[] args) => logger.LogInformation("{Migration}", string.Format(format, args));
        public void LogWarning(string format, params object[] args) => logger.LogWarning("{Migration}", string.Format(format, args));
        public void LogError(string format, params object[] args) => logger.LogError("{Migration}", string.Format(format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{Migration}", string.Format(format, args));
    }
}
