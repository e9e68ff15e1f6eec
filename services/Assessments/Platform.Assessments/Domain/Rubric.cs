namespace Platform.Assessments.Domain;

public sealed record RubricLevel(int Level, string Label, bool AsksStrategy);

public sealed record LookFor(string Id, string Text);

public sealed record Practice(string Id, string Title, IReadOnlyList<LookFor> LookFors);

/// <summary>An area (or, in Leader Qualities, a quality): its goal, its practices and their look-fors. Draft content may be replaced later.</summary>
public sealed record RubricArea(string Id, string Title, string Goal, bool Draft, IReadOnlyList<Practice> Practices);

/// <summary>Versioned rubric content, shipped as data (Rubrics/*.json). A published version never changes.</summary>
public sealed record Rubric(string Id, int Version, string Name, string? Description, IReadOnlyList<RubricLevel> Levels, IReadOnlyList<RubricArea> Areas)
{
    public const int MinLevel = 1;
    public const int MaxLevel = 4;

    public IEnumerable<(RubricArea Area, Practice Practice, LookFor LookFor)> LookFors =>
        Areas.SelectMany(a => a.Practices.SelectMany(p => p.LookFors.Select(l => (a, p, l))));

    public bool HasLookFor(string id) => LookFors.Any(l => l.LookFor.Id == id);

    public bool AsksStrategy(int level) => Levels.Any(l => l.Level == level && l.AsksStrategy);

    /// <summary>What is wrong with this content (empty when it can be published).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Levels.Select(l => l.Level).Order().SequenceEqual(Enumerable.Range(MinLevel, MaxLevel)) is false)
            problems.Add($"levels: exactly the levels {MinLevel} to {MaxLevel}.");
        var ids = new HashSet<string>();
        foreach (var id in Areas.Select(a => a.Id).Concat(Areas.SelectMany(a => a.Practices).Select(p => p.Id)).Concat(LookFors.Select(l => l.LookFor.Id)))
            if (!ids.Add(id)) problems.Add($"'{id}' appears twice.");
        if (Areas.Count == 0 || Areas.Any(a => a.Practices.Count == 0 || a.Practices.Any(p => p.LookFors.Count == 0)))
            problems.Add("every area needs practices, and every practice look-fors.");
        return problems;
    }
}
