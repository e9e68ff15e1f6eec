using System.Diagnostics;

namespace Identity.Tests;

/// <summary>The committed SQL for the EF-mapped stores must be exactly what the EF model generates.</summary>
public sealed class StoreSchemaTests
{
    [Fact]
    public async Task The_committed_identity_store_migration_matches_the_ef_model()
    {
        var dll = typeof(Platform.Identity.IdentityServices).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--print-store-schema");
        // Generating the script needs configuration but no database or broker.
        psi.Environment["ConnectionStrings__Database"] = "Host=127.0.0.1;Database=unused";
        psi.Environment["Identity__Issuer"] = "http://127.0.0.1/";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // no signing keys needed to print a schema
        using var process = Process.Start(psi)!;
        var generated = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());

        var committed = await File.ReadAllTextAsync(Path.Combine(Platform.Local.RepositoryRoot.Find(), "services/Identity/Platform.Identity/Data/Migrations/0001_identity_store.sql"));
        var body = string.Join('\n', committed.Split('\n').SkipWhile(l => l.StartsWith("--", StringComparison.Ordinal) || l.Length == 0));
        Assert.Equal(Normalize(generated), Normalize(body));
    }

    private static string Normalize(string sql) => sql.Replace("\r\n", "\n").Trim();
}
