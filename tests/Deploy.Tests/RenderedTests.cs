using Xunit.Abstractions;

namespace Deploy.Tests;

/// <summary>
/// The dev overlay as kustomize renders it (patches, generators, namespace applied), with kubectl's built-in
/// kustomize, offline. Without kubectl these tests say so and pass; the checks of the files as written still run.
/// </summary>
public sealed class RenderedTests(ITestOutputHelper output)
{
    private Manifests.Rendering? Rendered()
    {
        var rendered = Manifests.RenderedDev;
        if (rendered is null) output.WriteLine("kubectl is not installed: the rendering checks did not run.");
        return rendered;
    }

    private static void NoProblems(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, string.Join("\n", list));
    }

    [Fact]
    public void The_dev_overlay_renders_with_every_deployment_and_statefulset()
    {
        if (Rendered() is not { } r) return;
        Assert.True(r.ExitCode == 0, $"kubectl kustomize deploy/k8s/overlays/dev failed:\n{r.Error}");
        var rendered = Rules.Workloads(r.Objects).Select(w => $"{w.Kind}/{w.Name}").ToHashSet();
        var written = Rules.Workloads(Manifests.DevSource).Select(w => $"{w.Kind}/{w.Name}").ToList();
        Assert.NotEmpty(written);
        NoProblems(written.Where(w => !rendered.Contains(w)).Select(w => $"{w} is missing from the rendering"));
        Assert.All(r.Objects.Where(o => o.Kind != "Namespace"), o => Assert.Equal("network-health-dev", Yaml.Str(o.Doc, "metadata", "namespace")));
    }

    [Fact]
    public void The_base_renders_on_its_own()
    {
        var r = Manifests.Render("deploy/k8s/base");
        if (r is null) { output.WriteLine("kubectl is not installed"); return; }
        Assert.True(r.ExitCode == 0, $"kubectl kustomize deploy/k8s/base failed:\n{r.Error}");
        NoProblems(Rules.DaprAndHealth(r.Objects));
    }

    [Fact]
    public void The_rendered_workloads_keep_every_rule()
    {
        if (Rendered() is not { ExitCode: 0 } r) return;
        NoProblems(Rules.ProbesAndResources(r.Objects));
        NoProblems(Rules.DaprAndHealth(r.Objects));
        NoProblems(Rules.ServicesSelectWorkloads(r.Objects));
        NoProblems(Rules.Autoscalers(r.Objects));
    }

    [Fact]
    public void Everything_the_rendered_workloads_refer_to_exists()
    {
        if (Rendered() is not { ExitCode: 0 } r) return;
        NoProblems(Rules.References(r.Objects));
        // Secrets keep their names (no hash suffix): Dapr's secret store and the Roles name them.
        foreach (var app in Repo.Apps.Keys)
            Assert.Contains(r.Objects, o => o.Kind == "Secret" && o.Name == $"{app}-secrets");
    }

    [Fact]
    public void Dev_overrides_reach_the_rendered_config()
    {
        if (Rendered() is not { ExitCode: 0 } r) return;
        var platform = r.Objects.Single(o => o.Kind == "ConfigMap" && o.Name == "platform-config");
        Assert.Equal("http://localhost:8000", Yaml.Str(platform.Doc, "data", "Identity__Issuer"));
        Assert.Equal("true", Yaml.Str(platform.Doc, "data", "Dapr__Enabled"));
        foreach (var hpa in Rules.OfKind(r.Objects, "HorizontalPodAutoscaler"))
            Assert.Equal("1", Yaml.Str(hpa.Doc, "spec", "minReplicas"));
    }
}
