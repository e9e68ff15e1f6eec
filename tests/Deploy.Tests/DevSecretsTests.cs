namespace Deploy.Tests;

/// <summary>
/// The dev overlay's placeholder secrets: clearly dev-only, and consistent with each other (the roles the Postgres
/// init script creates are the ones the connection strings log in as; the client secrets Identity registers are the
/// ones the services present).
/// </summary>
public sealed class DevSecretsTests
{
    private static readonly string[] Databases = ["identity", "networks", "surveys", "assessments", "improvement", "reporting"];

    private static IDictionary<string, string> Env(string name) => Manifests.EnvFile(Path.Combine(Repo.DevOverlay, "secrets", $"{name}.env"));

    private static Dictionary<string, string> ConnectionString(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Every_app_has_a_generated_secret_without_a_name_suffix()
    {
        var k = Repo.ParseYamlStream(File.ReadAllText(Path.Combine(Repo.DevOverlay, "kustomization.yaml"))).Single();
        var generators = Yaml.Seq(k, "secretGenerator").ToDictionary(g => Yaml.Str(g, "name")!);
        foreach (var app in Repo.Apps.Keys)
        {
            Assert.True(generators.TryGetValue($"{app}-secrets", out var g), $"no secretGenerator for {app}-secrets");
            Assert.Equal("true", Yaml.Str(g, "options", "disableNameSuffixHash"));
        }
    }

    [Fact]
    public void Every_secret_value_is_an_obvious_dev_placeholder()
    {
        string[] notSecret = ["RabbitMq__Username", "RABBITMQ_DEFAULT_USER", "Identity__BootstrapAdmin__Email"];
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.DevOverlay, "secrets"), "*.env"))
        {
            Assert.StartsWith("# DEV ONLY", File.ReadLines(file).First());
            foreach (var (key, value) in Manifests.EnvFile(file))
            {
                if (notSecret.Contains(key)) continue;
                if (key == "Identity__BootstrapAdmin__Password") { Assert.Equal("Demo-pass-2026", value); continue; } // the README's demo password
                var secret = key.StartsWith("ConnectionStrings__") ? ConnectionString(value)["Password"] : value;
                Assert.True(secret.StartsWith("dev-only-"), $"{Path.GetFileName(file)}: {key} is not marked dev-only");
            }
        }
    }

    [Fact]
    public void Connection_strings_log_in_as_the_roles_the_postgres_init_script_creates()
    {
        var postgres = Env("postgres");
        var script = File.ReadAllText(Path.Combine(Repo.DevOverlay, "infra", "init-databases.sh"));
        Assert.Contains($"for db in {string.Join(' ', Databases)}; do", script);
        foreach (var db in Databases)
        {
            var env = Env(db);
            foreach (var (key, role) in new[] { ("ConnectionStrings__Database", "app"), ("ConnectionStrings__Migrations", "owner") })
            {
                var cs = ConnectionString(env[key]);
                Assert.Equal("postgres", cs["Host"]);
                Assert.Equal(db, cs["Database"]);
                Assert.Equal($"{db}_{role}", cs["Username"]);
                Assert.Equal(postgres[$"{db.ToUpperInvariant()}_{role.ToUpperInvariant()}_PASSWORD"], cs["Password"]);
            }
            Assert.Equal(Env("rabbitmq")["RABBITMQ_DEFAULT_USER"], env["RabbitMq__Username"]);
            Assert.Equal(Env("rabbitmq")["RABBITMQ_DEFAULT_PASS"], env["RabbitMq__Password"]);
        }
    }

    [Fact]
    public void Services_present_the_client_secrets_identity_registers()
    {
        var identity = Env("identity");
        foreach (var service in new[] { "networks", "surveys", "assessments", "improvement" })
            Assert.Equal(identity[$"Identity__ServiceClients__{service}"], Env(service)["Identity__ClientSecret"]);
        Assert.Equal(identity["Identity__Clients__Portal__Secret"], Env("portal")["Portal__ClientSecret"]);
        Assert.True(Env("surveys")["Surveys__LinkSecret"].Length >= 16, "Surveys__LinkSecret must be at least 16 characters");
    }
}
