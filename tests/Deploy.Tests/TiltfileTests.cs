using System.Text.RegularExpressions;

namespace Deploy.Tests;

/// <summary>The Tiltfile builds exactly the images the manifests run, from Dockerfiles that exist, and names real workloads.</summary>
public sealed partial class TiltfileTests
{
    private static readonly string Tiltfile = File.ReadAllText(Path.Combine(Repo.Root, "Tiltfile"));

    [GeneratedRegex(@"^\s*docker_build\(\s*'(?<image>[^']+)'\s*,\s*'(?<context>[^']*)'\s*,\s*dockerfile\s*=\s*'(?<dockerfile>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex DockerBuild();

    [GeneratedRegex(@"^\s*k8s_resource\(\s*'(?<name>[^']+)'(?<args>[^\n]*(\n\s+[^\n]*)*)", RegexOptions.Multiline)]
    private static partial Regex K8sResource();

    private static List<(string Image, string Context, string Dockerfile)> Builds() =>
        DockerBuild().Matches(Tiltfile).Select(m => (m.Groups["image"].Value, m.Groups["context"].Value, m.Groups["dockerfile"].Value)).ToList();

    private static IEnumerable<string> ManifestImages(IEnumerable<K8sObject> objects) =>
        Rules.Workloads(objects).SelectMany(w => w.Containers).Select(c => Yaml.Str(c, "image") ?? "");

    [Fact]
    public void It_applies_the_dev_overlay()
    {
        Assert.Contains("k8s_yaml(manifests)", Tiltfile);
        Assert.Contains("kustomize('deploy/k8s/overlays/dev')", Tiltfile);
        Assert.True(File.Exists(Path.Combine(Repo.DevOverlay, "kustomization.yaml")));
        Assert.DoesNotContain("fail(\"Kubernetes manifests are not in this repository yet", Tiltfile);
    }

    [Fact]
    public void Every_image_it_builds_is_run_by_a_manifest_and_every_image_of_ours_is_built()
    {
        var builds = Builds();
        Assert.Equal(Repo.Apps.Count, builds.Count);
        var built = builds.Select(b => b.Image).ToHashSet();
        Assert.Equal(builds.Count, built.Count);
        var rendered = Manifests.RenderedDev is { ExitCode: 0 } r ? r.Objects : [];
        var used = ManifestImages(Manifests.DevSource).Concat(ManifestImages(rendered)).ToHashSet();
        Assert.All(built, image => Assert.True(used.Contains(image), $"the Tiltfile builds {image}, which no manifest runs"));
        Assert.All(used.Where(i => i.StartsWith(Repo.ImagePrefix)), image => Assert.True(built.Contains(image), $"a manifest runs {image}, which the Tiltfile does not build"));
    }

    [Fact]
    public void Every_build_uses_an_existing_dockerfile_with_the_repository_root_as_context()
    {
        foreach (var (image, context, dockerfile) in Builds())
        {
            Assert.Equal(".", context);
            Assert.True(File.Exists(Path.Combine(Repo.Root, dockerfile)), $"{image}: {dockerfile} does not exist");
            Assert.Equal($"deploy/docker/{image[Repo.ImagePrefix.Length..]}.Dockerfile", dockerfile);
        }
    }

    [Fact]
    public void Every_workload_is_a_labelled_resource_and_the_gateway_is_forwarded()
    {
        var resources = K8sResource().Matches(Tiltfile).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["args"].Value);
        // The services are configured in a loop over their names.
        var loop = Regex.Match(Tiltfile, @"for name in \[(?<names>[^\]]+)\]:\s*\n\s*k8s_resource\(name,(?<args>[^\n]*)");
        Assert.True(loop.Success, "the services' k8s_resource loop was not found");
        foreach (Match n in Regex.Matches(loop.Groups["names"].Value, "'([^']+)'")) resources[n.Groups[1].Value] = loop.Groups["args"].Value;

        var workloads = Rules.Workloads(Manifests.DevSource).Select(w => w.Name).ToHashSet();
        foreach (var name in resources.Keys) Assert.True(workloads.Contains(name), $"the Tiltfile configures '{name}', which is no workload of the dev overlay");
        foreach (var w in workloads)
        {
            Assert.True(resources.TryGetValue(w, out var args), $"the Tiltfile has no k8s_resource for the workload '{w}'");
            Assert.Contains("labels=", args);
        }
        Assert.Contains("port_forward", resources["gateway"]);
    }
}
