using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Deploy.Tests;

/// <summary>
/// deploy/docker cannot be built here (no Docker engine), so this checks what can be checked: each Dockerfile
/// publishes a project that exists, restores with every project it references, and starts that project's assembly.
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Apps => new(Repo.Apps.Keys);

    private static string DockerfilePath(string app) => Path.Combine(Repo.Root, "deploy", "docker", $"{app}.Dockerfile");

    /// <summary>Instructions with line continuations joined, comments dropped.</summary>
    private static List<(string Instruction, string Args)> Instructions(string app) =>
        Regex.Replace(File.ReadAllText(DockerfilePath(app)), @"\\\r?\n", " ")
            .Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split((char[])[' ', '\t'], 2)).Select(p => (p[0].ToUpperInvariant(), p.Length > 1 ? p[1].Trim() : "")).ToList();

    private static string AssemblyName(string csproj) =>
        XDocument.Load(csproj).Descendants("AssemblyName").Select(e => e.Value.Trim()).LastOrDefault(v => v.Length > 0)
        ?? Path.GetFileNameWithoutExtension(csproj);

    /// <summary>The project and every project it references, directly or not (repository-relative paths).</summary>
    private static HashSet<string> ProjectClosure(string csproj)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([Path.GetFullPath(csproj)]);
        while (pending.TryPop(out var p))
        {
            if (!seen.Add(Repo.Relative(p))) continue;
            Assert.True(File.Exists(p), $"{Repo.Relative(p)} is referenced but does not exist");
            foreach (var r in XDocument.Load(p).Descendants("ProjectReference").Select(e => e.Attribute("Include")!.Value))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(p)!, r.Replace('\\', '/'))));
        }
        return seen;
    }

    [Fact]
    public void There_is_one_dockerfile_per_app_and_a_dockerignore_at_the_root()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Repo.Root, "deploy", "docker"), "*.Dockerfile").Select(Path.GetFileName).Order();
        Assert.Equal(Repo.Apps.Keys.Select(a => $"{a}.Dockerfile").Order(), files);
        var ignore = File.ReadAllLines(Path.Combine(Repo.Root, ".dockerignore")).Select(l => l.Trim()).ToHashSet();
        foreach (var must in new[] { "**/bin/", "**/obj/", ".data/", ".tools/", ".git/" }) Assert.Contains(must, ignore);
    }

    [Theory, MemberData(nameof(Apps))]
    public void It_publishes_the_apps_project_and_starts_its_assembly(string app)
    {
        var steps = Instructions(app);
        var publish = steps.Where(s => s.Instruction == "RUN").Select(s => Regex.Match(s.Args, @"dotnet publish (\S+\.csproj)")).Single(m => m.Success);
        var project = publish.Groups[1].Value;
        Assert.Equal($"{Repo.Apps[app]}/{Path.GetFileName(Repo.Apps[app])}.csproj", project);
        var csproj = Path.Combine(Repo.Root, project);
        Assert.True(File.Exists(csproj), $"{app}.Dockerfile publishes {project}, which does not exist");

        var entrypoint = JsonSerializer.Deserialize<string[]>(steps.Single(s => s.Instruction == "ENTRYPOINT").Args)!;
        Assert.Equal(["dotnet", AssemblyName(csproj) + ".dll"], entrypoint);
    }

    [Theory, MemberData(nameof(Apps))]
    public void It_restores_with_every_referenced_project_file_before_copying_sources(string app)
    {
        var steps = Instructions(app);
        var restore = steps.FindIndex(s => s.Instruction == "RUN" && s.Args.StartsWith("dotnet restore"));
        var publish = steps.FindIndex(s => s.Instruction == "RUN" && s.Args.StartsWith("dotnet publish"));
        Assert.True(restore >= 0 && publish > restore, $"{app}.Dockerfile: restore, then publish");
        var copies = steps.Select((s, i) => (s, i)).Where(x => x.s.Instruction == "COPY" && !x.s.Args.StartsWith("--"))
            .Select(x => (Sources: x.s.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1], x.i)).ToList();

        foreach (var (sources, _) in copies)
            foreach (var src in sources)
                Assert.True(File.Exists(Path.Combine(Repo.Root, src)) || Directory.Exists(Path.Combine(Repo.Root, src)), $"{app}.Dockerfile copies {src}, which does not exist");

        var before = copies.Where(c => c.i < restore).SelectMany(c => c.Sources).ToHashSet();
        foreach (var f in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" }) Assert.Contains(f, before);
        foreach (var project in ProjectClosure(Path.Combine(Repo.Root, Repo.Apps[app], Path.GetFileName(Repo.Apps[app]) + ".csproj")))
        {
            Assert.True(before.Contains(project), $"{app}.Dockerfile does not copy {project} before `dotnet restore`");
            var dir = Path.GetDirectoryName(project)!.Replace('\\', '/') + "/";
            Assert.True(copies.Any(c => c.i > restore && c.i < publish && c.Sources.Contains(dir)), $"{app}.Dockerfile does not copy the sources of {dir} before publishing");
        }
    }

    [Theory, MemberData(nameof(Apps))]
    public void It_runs_on_the_aspnet_runtime_as_a_non_root_user_on_port_8080_with_a_health_check(string app)
    {
        var steps = Instructions(app);
        var from = steps.Where(s => s.Instruction == "FROM").Select(s => s.Args).ToList();
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", from.First());
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", from.Last());
        var final = steps.FindLastIndex(s => s.Instruction == "FROM");
        var runtime = steps.Skip(final).ToList();
        Assert.Contains(runtime, s => s.Instruction == "USER" && s.Args is "$APP_UID" or "${APP_UID}");
        Assert.Contains(runtime, s => s.Instruction == "EXPOSE" && s.Args == "8080");
        Assert.Contains(runtime, s => s.Instruction == "ENV" && s.Args.Contains("ASPNETCORE_HTTP_PORTS=8080"));
        Assert.Contains(runtime, s => s.Instruction == "HEALTHCHECK" && s.Args.Contains("/health/live"));
        Assert.Contains(runtime, s => s.Instruction == "COPY" && s.Args.StartsWith("--from=build"));
    }
}
