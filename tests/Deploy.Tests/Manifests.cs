namespace Deploy.Tests;

/// <summary>
/// The manifests as written (the files each kustomization lists under <c>resources</c>, followed recursively) and,
/// where kubectl is installed, as <c>kubectl kustomize</c> renders them (patches, generators and namespace applied).
/// </summary>
public static class Manifests
{
    /// <summary>Objects of the resource files reachable from a kustomization directory (patches excluded: they are partial).</summary>
    public static IReadOnlyList<K8sObject> Source(string kustomizationDir) =>
        ResourceFiles(kustomizationDir).SelectMany(f => K8sObject.From(Repo.Relative(f), File.ReadAllText(f))).ToList();

    public static IReadOnlyList<K8sObject> DevSource => DevSourceCache.Value;
    private static readonly Lazy<IReadOnlyList<K8sObject>> DevSourceCache = new(() => Source(Repo.DevOverlay));

    /// <summary><c>kubectl kustomize deploy/k8s/overlays/dev</c>, or null when kubectl is not installed.</summary>
    public static Rendering? RenderedDev => RenderedDevCache.Value;
    private static readonly Lazy<Rendering?> RenderedDevCache = new(() => Render("deploy/k8s/overlays/dev"));

    public sealed record Rendering(int ExitCode, string Output, string Error, IReadOnlyList<K8sObject> Objects);

    public static Rendering? Render(string relativeDir)
    {
        var run = Repo.TryRun("kubectl", "kustomize", relativeDir);
        if (run is not { } r) return null;
        var objects = r.ExitCode == 0 ? K8sObject.From($"kubectl kustomize {relativeDir}", r.StdOut).ToList() : [];
        return new Rendering(r.ExitCode, r.StdOut, r.StdErr, objects);
    }

    public static IEnumerable<string> KustomizationFiles =>
        Directory.EnumerateFiles(Repo.K8s, "kustomization.yaml", SearchOption.AllDirectories).Order();

    /// <summary>Every local path a kustomization names, with the field that names it.</summary>
    public static IEnumerable<(string Field, string Path)> References(string kustomizationFile)
    {
        var dir = Path.GetDirectoryName(kustomizationFile)!;
        var k = Repo.ParseYamlStream(File.ReadAllText(kustomizationFile)).Single();
        string Resolve(string p) => Path.GetFullPath(Path.Combine(dir, p));

        foreach (var r in Yaml.Seq(k, "resources").OfType<string>()) yield return ("resources", Resolve(r));
        foreach (var r in Yaml.Seq(k, "components").OfType<string>()) yield return ("components", Resolve(r));
        foreach (var p in Yaml.Seq(k, "patchesStrategicMerge").OfType<string>()) yield return ("patchesStrategicMerge", Resolve(p));
        foreach (var p in Yaml.Seq(k, "patches"))
            if (Yaml.Str(p, "path") is { } path) yield return ("patches", Resolve(path));
        foreach (var generator in new[] { "configMapGenerator", "secretGenerator" })
            foreach (var g in Yaml.Seq(k, generator))
            {
                // files: [name] or [key=name]
                foreach (var f in Yaml.Seq(g, "files").OfType<string>()) yield return (generator, Resolve(f.Contains('=') ? f[(f.IndexOf('=') + 1)..] : f));
                foreach (var e in Yaml.Seq(g, "envs").OfType<string>()) yield return (generator, Resolve(e));
                if (Yaml.Str(g, "env") is { } env) yield return (generator, Resolve(env));
            }
    }

    /// <summary>The manifest files (not kustomization directories) a kustomization's resources lead to.</summary>
    public static IEnumerable<string> ResourceFiles(string kustomizationDir)
    {
        foreach (var (field, path) in References(Path.Combine(kustomizationDir, "kustomization.yaml")))
        {
            if (field != "resources") continue;
            if (Directory.Exists(path))
                foreach (var f in ResourceFiles(path)) yield return f;
            else
                yield return path;
        }
    }

    public static IDictionary<string, string> EnvFile(string path) =>
        File.ReadAllLines(path)
            .Where(l => l.Trim() is { Length: > 0 } t && !t.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1] : "");
}
