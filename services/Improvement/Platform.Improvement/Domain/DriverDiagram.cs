using System.Text.RegularExpressions;

namespace Platform.Improvement.Domain;

/// <summary>The aim of a theory of improvement: what, by how much, by when, and the outcome measure that tracks it.</summary>
public sealed record Aim(string Statement, Guid? MeasureId = null, decimal? Target = null, DateOnly? ByDate = null);

public sealed record SecondaryDriver(string Key, string Title, IReadOnlyList<Guid> ChangeIdeaIds);

public sealed record PrimaryDriver(string Key, string Title, IReadOnlyList<SecondaryDriver> SecondaryDrivers);

/// <summary>
/// A network's theory of improvement: aim -> primary drivers -> secondary drivers -> change ideas. A driver's key is
/// its identity across versions (a new title under the same key is a rename, not a removal and an addition).
/// </summary>
public sealed record DriverDiagram(Aim Aim, IReadOnlyList<PrimaryDriver> PrimaryDrivers)
{
    public const int MaxStatement = 1000, MaxTitle = 200, MaxKey = 40, MaxPrimary = 20, MaxSecondary = 30, MaxIdeasPerDriver = 50;

    public IEnumerable<SecondaryDriver> SecondaryDrivers => PrimaryDrivers.SelectMany(p => p.SecondaryDrivers);

    public IReadOnlySet<string> DriverKeys => PrimaryDrivers.Select(p => p.Key).Concat(SecondaryDrivers.Select(s => s.Key)).ToHashSet();

    public IReadOnlySet<Guid> ChangeIdeaIds => SecondaryDrivers.SelectMany(s => s.ChangeIdeaIds).ToHashSet();
}

/// <summary>What a theory PUT sends: keys are optional (a new driver gets one). Defaults everywhere: a missing part is named by its path.</summary>
public sealed record AimInput(string? Statement = null, Guid? MeasureId = null, decimal? Target = null, DateOnly? ByDate = null);
public sealed record SecondaryDriverInput(string? Title = null, string? Key = null, IReadOnlyList<Guid>? ChangeIdeaIds = null);
public sealed record PrimaryDriverInput(string? Title = null, string? Key = null, IReadOnlyList<SecondaryDriverInput>? SecondaryDrivers = null);

public static partial class DriverDiagrams
{
    private const int MaxStatement = DriverDiagram.MaxStatement, MaxTitle = DriverDiagram.MaxTitle, MaxKey = DriverDiagram.MaxKey,
        MaxPrimary = DriverDiagram.MaxPrimary, MaxSecondary = DriverDiagram.MaxSecondary, MaxIdeasPerDriver = DriverDiagram.MaxIdeasPerDriver;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex KeyPattern();

    /// <summary>
    /// Checks a submitted tree and builds the diagram, giving new drivers fresh keys (<paramref name="newKey"/>: random,
    /// so a fresh key does not meet a given one). Every problem is named by its path
    /// (for example <c>primaryDrivers[1].secondaryDrivers[0].title</c>); with any problem there is no diagram.
    /// </summary>
    public static (DriverDiagram? Diagram, Dictionary<string, string[]> Problems) Build(AimInput? aim, IReadOnlyList<PrimaryDriverInput>? primaries,
        Func<string> newKey)
    {
        var problems = new Dictionary<string, List<string>>();
        void Problem(string field, string message) { if (!problems.TryGetValue(field, out var list)) problems[field] = list = []; list.Add(message); }

        if (aim is null) Problem("aim", "The theory needs an aim.");
        else if (string.IsNullOrWhiteSpace(aim.Statement) || aim.Statement.Trim().Length > MaxStatement)
            Problem("aim.statement", $"The aim's statement is 1 to {MaxStatement} characters.");
        primaries ??= [];
        if (primaries.Count > MaxPrimary) Problem("primaryDrivers", $"At most {MaxPrimary} primary drivers.");

        var keys = new HashSet<string>(StringComparer.Ordinal);
        string Key(string? key, string path)
        {
            if (key is null) return newKey();
            if (!KeyPattern().IsMatch(key)) Problem(path + ".key", $"A key is 1 to {MaxKey} letters, digits, '-' or '_'.");
            else if (!keys.Add(key)) Problem(path + ".key", $"The key '{key}' is used by another driver of this theory.");
            return key;
        }
        string Title(string? title, string path)
        {
            if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitle) Problem(path + ".title", $"A driver's title is 1 to {MaxTitle} characters.");
            return title?.Trim() ?? "";
        }

        var built = new List<PrimaryDriver>();
        for (var i = 0; i < primaries.Count; i++)
        {
            var p = primaries[i];
            var path = $"primaryDrivers[{i}]";
            if (p is null) { Problem(path, "A driver cannot be null."); continue; }
            var primaryKey = Key(p.Key, path); // claimed before its children's, so a clash is reported on the child
            var secondaries = p.SecondaryDrivers ?? [];
            if (secondaries.Count > MaxSecondary) Problem(path + ".secondaryDrivers", $"At most {MaxSecondary} secondary drivers under one primary driver.");
            var builtSecondaries = new List<SecondaryDriver>();
            for (var j = 0; j < secondaries.Count; j++)
            {
                var s = secondaries[j];
                var sPath = $"{path}.secondaryDrivers[{j}]";
                if (s is null) { Problem(sPath, "A driver cannot be null."); continue; }
                var ideas = s.ChangeIdeaIds ?? [];
                if (ideas.Count > MaxIdeasPerDriver) Problem(sPath + ".changeIdeaIds", $"At most {MaxIdeasPerDriver} change ideas under one driver.");
                if (ideas.Distinct().Count() != ideas.Count) Problem(sPath + ".changeIdeaIds", "A change idea is listed twice under this driver.");
                builtSecondaries.Add(new SecondaryDriver(Key(s.Key, sPath), Title(s.Title, sPath), ideas.Distinct().ToList()));
            }
            built.Add(new PrimaryDriver(primaryKey, Title(p.Title, path), builtSecondaries));
        }
        var result = problems.ToDictionary(p => p.Key, p => p.Value.ToArray());
        return result.Count > 0 ? (null, result)
            : (new DriverDiagram(new Aim(aim!.Statement!.Trim(), aim.MeasureId, aim.Target, aim.ByDate), built), result);
    }
}
