namespace Platform.Improvement.Domain;

/// <summary>A driver as the comparison names it: its key, title, level (1 primary, 2 secondary) and parent (primary drivers: none).</summary>
public sealed record DriverRef(string Key, string Title, int Level, string? ParentKey);

public sealed record DriverRenamed(string Key, string From, string To);

public sealed record DriverMoved(string Key, string Title, int FromLevel, string? FromParentKey, int ToLevel, string? ToParentKey);

/// <summary>A change idea's place in the diagram: the secondary drivers it hangs under.</summary>
public sealed record ChangeIdeaPlacement(Guid ChangeIdeaId, IReadOnlyList<string> DriverKeys);

public sealed record ChangeIdeaMoved(Guid ChangeIdeaId, IReadOnlyList<string> FromDriverKeys, IReadOnlyList<string> ToDriverKeys);

public sealed record TheoryComparison(
    int From,
    int To,
    bool AimChanged,
    IReadOnlyList<DriverRef> DriversAdded,
    IReadOnlyList<DriverRef> DriversRemoved,
    IReadOnlyList<DriverRenamed> DriversRenamed,
    IReadOnlyList<DriverMoved> DriversMoved,
    IReadOnlyList<ChangeIdeaPlacement> ChangeIdeasAdded,
    IReadOnlyList<ChangeIdeaPlacement> ChangeIdeasRemoved,
    IReadOnlyList<ChangeIdeaMoved> ChangeIdeasMoved);

/// <summary>
/// Compares two versions of a theory by driver key: the same key with a new title is renamed; under another parent (or
/// at another level) it is moved (both, if both changed); a key only in one version is added or removed. A change idea
/// is matched by id: moved when the set of drivers it hangs under changed.
/// </summary>
public static class TheoryCompare
{
    public static TheoryComparison Compare(int fromVersion, DriverDiagram from, int toVersion, DriverDiagram to)
    {
        var before = Drivers(from);
        var after = Drivers(to);
        var added = after.Values.Where(d => !before.ContainsKey(d.Key)).ToList();
        var removed = before.Values.Where(d => !after.ContainsKey(d.Key)).ToList();
        var renamed = new List<DriverRenamed>();
        var moved = new List<DriverMoved>();
        foreach (var (key, was) in before)
        {
            if (!after.TryGetValue(key, out var now)) continue;
            if (!string.Equals(was.Title, now.Title, StringComparison.Ordinal)) renamed.Add(new DriverRenamed(key, was.Title, now.Title));
            if (was.Level != now.Level || was.ParentKey != now.ParentKey)
                moved.Add(new DriverMoved(key, now.Title, was.Level, was.ParentKey, now.Level, now.ParentKey));
        }

        var ideasBefore = Placements(from);
        var ideasAfter = Placements(to);
        var ideasAdded = ideasAfter.Where(p => !ideasBefore.ContainsKey(p.Key)).Select(p => new ChangeIdeaPlacement(p.Key, p.Value)).ToList();
        var ideasRemoved = ideasBefore.Where(p => !ideasAfter.ContainsKey(p.Key)).Select(p => new ChangeIdeaPlacement(p.Key, p.Value)).ToList();
        var ideasMoved = ideasBefore
            .Where(p => ideasAfter.TryGetValue(p.Key, out var now) && !now.SequenceEqual(p.Value))
            .Select(p => new ChangeIdeaMoved(p.Key, p.Value, ideasAfter[p.Key])).ToList();

        return new TheoryComparison(fromVersion, toVersion, from.Aim != to.Aim, added, removed, renamed, moved, ideasAdded, ideasRemoved, ideasMoved);
    }

    private static Dictionary<string, DriverRef> Drivers(DriverDiagram diagram)
    {
        var drivers = new Dictionary<string, DriverRef>(StringComparer.Ordinal);
        foreach (var p in diagram.PrimaryDrivers)
        {
            drivers[p.Key] = new DriverRef(p.Key, p.Title, 1, null);
            foreach (var s in p.SecondaryDrivers) drivers[s.Key] = new DriverRef(s.Key, s.Title, 2, p.Key);
        }
        return drivers;
    }

    /// <summary>Each change idea's drivers, sorted, so two placements compare as sets.</summary>
    private static Dictionary<Guid, IReadOnlyList<string>> Placements(DriverDiagram diagram) =>
        diagram.SecondaryDrivers.SelectMany(s => s.ChangeIdeaIds.Select(id => (id, s.Key)))
            .GroupBy(x => x.id)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Key).Distinct().Order(StringComparer.Ordinal).ToList());
}
