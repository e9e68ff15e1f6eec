using System.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Deploy.Tests;

/// <summary>The repository (found by walking up to platform.sln) and what the deploy tests read from it.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    /// <summary>The platform's workloads: Dapr app id (= Deployment, Service and image name) and project directory.</summary>
    public static readonly IReadOnlyDictionary<string, string> Apps = new Dictionary<string, string>
    {
        ["identity"] = "services/Identity/Platform.Identity",
        ["networks"] = "services/Networks/Platform.Networks",
        ["surveys"] = "services/Surveys/Platform.Surveys",
        ["assessments"] = "services/Assessments/Platform.Assessments",
        ["improvement"] = "services/Improvement/Platform.Improvement",
        ["reporting"] = "services/Reporting/Platform.Reporting",
        ["portal"] = "services/Portal/Platform.Portal",
        ["gateway"] = "gateway/Platform.Gateway",
    };

    /// <summary>Images we build (in the Tiltfile) all live under this prefix; anything else is a public image.</summary>
    public const string ImagePrefix = "networkhealth/";

    public static string K8s => Path.Combine(Root, "deploy", "k8s");
    public static string DevOverlay => Path.Combine(K8s, "overlays", "dev");
    public static string Base => Path.Combine(K8s, "base");

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("platform.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every document of a YAML stream, as nested dictionaries, lists and strings.</summary>
    public static List<object?> ParseYamlStream(string text)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        var docs = new List<object?>();
        while (parser.Accept<DocumentStart>(out _))
            docs.Add(deserializer.Deserialize(parser));
        return docs;
    }

    /// <summary>Runs a program; null when it is not installed.</summary>
    public static (int ExitCode, string StdOut, string StdErr)? TryRun(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not on PATH
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30_000)) { process.Kill(true); throw new TimeoutException($"{file} {string.Join(' ', args)} took over 30 s"); }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}

/// <summary>One Kubernetes object from a manifest file, with small typed readers over the parsed YAML.</summary>
public sealed record K8sObject(string File, IDictionary<object, object> Doc)
{
    public string Kind => Yaml.Str(Doc, "kind") ?? "";
    public string Name => Yaml.Str(Doc, "metadata", "name") ?? "";
    public override string ToString() => $"{Kind}/{Name} ({File})";

    /// <summary>The pod template of a Deployment or StatefulSet.</summary>
    public IDictionary<object, object>? PodTemplate => Yaml.Map(Doc, "spec", "template");
    public IDictionary<object, object> PodLabels => Yaml.Map(PodTemplate, "metadata", "labels") ?? new Dictionary<object, object>();
    public IDictionary<object, object> PodAnnotations => Yaml.Map(PodTemplate, "metadata", "annotations") ?? new Dictionary<object, object>();
    public IEnumerable<IDictionary<object, object>> Containers =>
        Yaml.Seq(PodTemplate, "spec", "containers").OfType<IDictionary<object, object>>();

    public static IEnumerable<K8sObject> From(string file, string text) =>
        Repo.ParseYamlStream(text).OfType<IDictionary<object, object>>().Select(d => new K8sObject(file, d));
}

public static class Yaml
{
    public static object? Get(object? node, params string[] path)
    {
        foreach (var key in path)
            node = node is IDictionary<object, object> map && map.TryGetValue(key, out var value) ? value : null;
        return node;
    }

    public static IDictionary<object, object>? Map(object? node, params string[] path) => Get(node, path) as IDictionary<object, object>;
    public static IList<object> Seq(object? node, params string[] path) => Get(node, path) as IList<object> ?? [];
    public static string? Str(object? node, params string[] path) => Get(node, path) as string;
}
