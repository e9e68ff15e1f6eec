namespace Deploy.Tests;

/// <summary>deploy/k8s as written: every file parses, every reference resolves, every workload keeps the rules.</summary>
public sealed class ManifestTests
{
    private static void NoProblems(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, string.Join("\n", list));
    }

    [Fact]
    public void Every_yaml_file_parses()
    {
        var files = Directory.EnumerateFiles(Repo.K8s, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml") || f.EndsWith(".yml")).ToList();
        Assert.NotEmpty(files);
        foreach (var f in files)
        {
            var docs = Repo.ParseYamlStream(File.ReadAllText(f));
            Assert.True(docs.Count > 0, $"{Repo.Relative(f)} has no YAML document");
        }
    }

    [Fact]
    public void Every_file_a_kustomization_names_exists()
    {
        var kustomizations = Manifests.KustomizationFiles.ToList();
        Assert.Contains(kustomizations, k => Path.GetDirectoryName(k) == Repo.Base);
        Assert.Contains(kustomizations, k => Path.GetDirectoryName(k) == Repo.DevOverlay);
        NoProblems(kustomizations.SelectMany(k => Manifests.References(k)
            .Where(r => r.Field is "resources" or "components"
                ? !File.Exists(r.Path) && !File.Exists(Path.Combine(r.Path, "kustomization.yaml"))
                : !File.Exists(r.Path))
            .Select(r => $"{Repo.Relative(k)}: {r.Field} names {Repo.Relative(r.Path)}, which does not exist")));
    }

    [Fact]
    public void Every_manifest_object_has_a_kind_and_a_name()
    {
        foreach (var o in Manifests.Source(Repo.Base).Concat(Manifests.DevSource))
        {
            Assert.False(string.IsNullOrEmpty(o.Kind), $"an object in {o.File} has no kind");
            Assert.False(string.IsNullOrEmpty(o.Name), $"a {o.Kind} in {o.File} has no metadata.name");
            Assert.False(string.IsNullOrEmpty(Yaml.Str(o.Doc, "apiVersion")), $"{o} has no apiVersion");
        }
    }

    [Fact]
    public void Every_workload_has_probes_and_resource_requests_and_limits() =>
        NoProblems(Rules.ProbesAndResources(Manifests.DevSource));

    [Fact]
    public void Every_platform_deployment_has_the_dapr_annotations_and_health_probes()
    {
        NoProblems(Rules.DaprAndHealth(Manifests.Source(Repo.Base)));
        NoProblems(Rules.DaprAndHealth(Manifests.DevSource));
    }

    [Fact]
    public void Every_service_selects_an_existing_workload() =>
        NoProblems(Rules.ServicesSelectWorkloads(Manifests.DevSource));

    [Fact]
    public void Every_autoscaler_targets_an_existing_deployment() =>
        NoProblems(Rules.Autoscalers(Manifests.DevSource));

    [Fact]
    public void The_dapr_secret_store_is_a_kubernetes_secret_store_named_as_the_services_expect()
    {
        var component = Assert.Single(Manifests.Source(Repo.Base), o => o.Kind == "Component");
        Assert.Equal("platform-secrets", component.Name);
        Assert.Equal("secretstores.kubernetes", Yaml.Str(component.Doc, "spec", "type"));
        var config = Assert.Single(Manifests.Source(Repo.Base), o => o.Kind == "ConfigMap" && o.Name == "platform-config");
        Assert.Equal(component.Name, Yaml.Str(config.Doc, "data", "Dapr__SecretStore"));
        Assert.Equal("true", Yaml.Str(config.Doc, "data", "Dapr__Enabled"));
        Assert.Equal("true", Yaml.Str(config.Doc, "data", "Messaging__QuorumQueues"));
        var scopes = Yaml.Seq(component.Doc, "scopes").OfType<string>().ToHashSet();
        Assert.Subset(scopes, Repo.Apps.Keys.ToHashSet());
    }

    [Fact]
    public void Each_app_reads_its_own_secret_and_may_read_no_other()
    {
        var objects = Manifests.Source(Repo.Base);
        foreach (var app in Repo.Apps.Keys)
        {
            var secret = $"{app}-secrets";
            var config = Assert.Single(objects, o => o.Kind == "ConfigMap" && o.Name == $"{app}-config");
            Assert.Equal(secret, Yaml.Str(config.Doc, "data", "Dapr__SecretName"));
            var deployment = Assert.Single(objects, o => o.Kind == "Deployment" && o.Name == app);
            var container = deployment.Containers.Single(c => Yaml.Str(c, "name") == app);
            var envFrom = Yaml.Seq(container, "envFrom");
            Assert.Contains(envFrom, e => Yaml.Str(e, "secretRef", "name") == secret);
            Assert.Contains(envFrom, e => Yaml.Str(e, "configMapRef", "name") == "platform-config");
            Assert.Contains(envFrom, e => Yaml.Str(e, "configMapRef", "name") == $"{app}-config");
            var sa = Yaml.Str(deployment.PodTemplate, "spec", "serviceAccountName");
            var bindings = objects.Where(o => o.Kind == "RoleBinding" && Yaml.Seq(o.Doc, "subjects").Any(s => Yaml.Str(s, "name") == sa)).ToList();
            var readable = bindings.SelectMany(b => objects.Where(r => r.Kind == "Role" && r.Name == Yaml.Str(b.Doc, "roleRef", "name")))
                .SelectMany(r => Yaml.Seq(r.Doc, "rules")).SelectMany(rule => Yaml.Seq(rule, "resourceNames").OfType<string>()).ToList();
            Assert.Equal([secret], readable);
        }
    }

    [Fact]
    public void Service_addresses_in_the_config_name_existing_services()
    {
        var services = Rules.OfKind(Manifests.DevSource, "Service").Select(s => s.Name).ToHashSet();
        var addresses = Rules.OfKind(Manifests.DevSource, "ConfigMap")
            .SelectMany(c => (Yaml.Map(c.Doc, "data") ?? new Dictionary<object, object>()).Select(kv => (c, Key: (string)kv.Key, Value: kv.Value as string ?? "")))
            .Where(e => e.Key.StartsWith("Services__") || e.Key.EndsWith("__Address") || e.Key is "Identity__Authority")
            .ToList();
        Assert.NotEmpty(addresses);
        NoProblems(addresses.Where(e => !Uri.TryCreate(e.Value, UriKind.Absolute, out var u) || !services.Contains(u.Host))
            .Select(e => $"{e.c}: {e.Key}={e.Value} names no Service"));
        foreach (var host in new[] { "RabbitMq__Host" })
        {
            var value = Yaml.Str(Manifests.DevSource.Single(o => o.Kind == "ConfigMap" && o.Name == "platform-config").Doc, "data", host);
            Assert.True(value is not null && services.Contains(value), $"{host}={value} names no Service");
        }
    }

    [Fact]
    public void The_gateway_config_has_an_address_for_every_cluster_of_its_appsettings()
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "gateway/Platform.Gateway/appsettings.json")));
        var clusters = json.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject()
            .Where(c => c.Value.TryGetProperty("Destinations", out _)).Select(c => c.Name).ToList();
        Assert.NotEmpty(clusters);
        var config = Manifests.Source(Repo.Base).Single(o => o.Kind == "ConfigMap" && o.Name == "gateway-config");
        NoProblems(clusters.Where(c => Yaml.Str(config.Doc, "data", $"ReverseProxy__Clusters__{c}__Destinations__d1__Address") is null)
            .Select(c => $"gateway-config has no address for the cluster '{c}'"));
    }
}
