namespace Platform.HealthModel;

/// <summary>
/// Stepped release of confidential results (domain.md section 4, issue 25). A result that moved with each new answer
/// would let a reader recover that answer from two reads, before and after. So results move only in steps: each step adds
/// at least the minimum group size of new answers to the whole and to every group it touches, and steps come at most
/// once per <see cref="Interval"/>. The final step (the wave closed) releases everything at once.
/// </summary>
public static class SteppedRelease
{
    /// <summary>The shortest time between two steps.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>An answer not yet released, and the groups it counts in besides the whole (for example "role:TeamLead", "team:{id}").</summary>
    public sealed record Pending<TKey>(TKey Id, IReadOnlyCollection<string> Groups);

    /// <summary>Whether a step may come now at all: the final one always, another a day or more after the last.</summary>
    public static bool MayStep(DateTimeOffset? lastStep, DateTimeOffset now, bool final) =>
        final || lastStep is not { } last || now >= last + Interval;

    /// <summary>
    /// The answers to release now; empty when no step is due. A step is due when none was released in the last
    /// <see cref="Interval"/> and at least <paramref name="minimumN"/> pending answers can go together such that every
    /// group gains either none or at least <paramref name="minimumN"/> of them. Answers whose group would gain fewer wait
    /// for the next step (or the final one).
    /// </summary>
    public static IReadOnlyList<TKey> Due<TKey>(IReadOnlyList<Pending<TKey>> pending, DateTimeOffset? lastStep, DateTimeOffset now, int minimumN, bool final)
    {
        if (final) return pending.Select(p => p.Id).ToList();
        if (!MayStep(lastStep, now, final)) return [];
        var step = pending.ToList();
        while (true)
        {
            // Drop every answer of a group that would gain too few; a drop can shrink another group below the minimum, so repeat.
            var tooSmall = step.SelectMany(p => p.Groups).CountBy(g => g).Where(g => g.Value < minimumN).Select(g => g.Key).ToHashSet();
            if (tooSmall.Count == 0) break;
            step.RemoveAll(p => p.Groups.Any(tooSmall.Contains));
        }
        return step.Count >= minimumN ? step.Select(p => p.Id).ToList() : [];
    }
}
