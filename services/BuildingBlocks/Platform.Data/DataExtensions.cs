using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Data;

public static class DataExtensions
{
    /// <summary>
    /// Registers the service's database: an Npgsql data source on <c>ConnectionStrings:Database</c> (the login role),
    /// the <see cref="Database"/> unit-of-work factory, and a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Database")
            ?? throw new InvalidOperationException("ConnectionStrings:Database is not configured");
        // No JIT: row-level-security subplans inflate plan costs past jit_above_cost, and compiling then takes
        // hundreds of milliseconds for queries that run in tens (measured on the portfolio queries); these are short queries.
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        settings.Options = string.Join(' ', new[] { settings.Options, "-c jit=off" }.Where(o => !string.IsNullOrEmpty(o)));
        // Every query is a fixed text with parameters, so the hot ones are prepared on each pooled connection: parsing
        // and planning (row-level-security policies included) otherwise cost PostgreSQL more than running them.
        settings.MaxAutoPrepare = 64;
        settings.AutoPrepareMinUsages = 2;
        // Nothing here keeps session state (the tenant is set per transaction), so a pooled connection needs no reset
        // statements on its way back to the pool.
        settings.NoResetOnClose = true;
        var dataSource = new NpgsqlDataSourceBuilder(settings.ConnectionString)
            .ConfigureTracing(t => t.ConfigureCommandSpanNameProvider(cmd => cmd.CommandText.Split(' ', 2)[0]))
            .Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton<Database>();
        builder.Services.AddSingleton<GroupCommit>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgres", tags: ["ready"]);
        builder.Services.AddMigrationScripts(typeof(DataExtensions).Assembly, MigrationStage.Platform);
        builder.Services.AddMigrationScripts(Assembly.Load(new AssemblyName(builder.Environment.ApplicationName)), MigrationStage.Service);
        return builder;
    }

    /// <summary>Adds an assembly whose embedded <c>Data/Migrations/*.sql</c> belong to this service's database.</summary>
    public static IServiceCollection AddMigrationScripts(this IServiceCollection services, Assembly assembly, MigrationStage stage)
    {
        services.AddSingleton(new MigrationScripts(assembly, stage));
        return services;
    }

    /// <summary>Runs the calling service's SQL migrations as the owner role (<c>ConnectionStrings:Migrations</c>) before it serves.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var scripts = app.Services.GetServices<MigrationScripts>().Distinct().ToArray();
        var owner = app.Configuration.GetConnectionString("Migrations");
        if (string.IsNullOrEmpty(owner)) return; // migrations applied elsewhere (e.g. a Kubernetes job)
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Migrations");
        await DatabaseMigrator.MigrateAsync(owner, scripts, logger);
    }

    private sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await using var cmd = dataSource.CreateCommand("select 1");
                await cmd.ExecuteScalarAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL unreachable", e);
            }
        }
    }
}
