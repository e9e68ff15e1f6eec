using System.Collections.Concurrent;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Application;

/// <summary>
/// A funder's portfolio rows for a year, computed once per read-model version: the dashboard, the clusters, the CSV and
/// the trend all start from them, and recomputing them reads and scores every granted network. The improvement table is
/// kept the same way (it reads every granted network's work). An entry is stored only if no change was heard while it
/// was computed, and is used only while no change has been heard since.
/// </summary>
public sealed class PortfolioCache(ReadModelChanges changes)
{
    private const int MaxEntries = 1_000;
    private readonly ConcurrentDictionary<(Guid Funder, int Year, DateOnly Today), (long Version, IReadOnlyList<PortfolioHealthRow> Rows)> _entries = new();
    private readonly ConcurrentDictionary<(Guid Funder, int? Year, DateOnly Today), (long Version, IReadOnlyList<FunderImprovementRow> Rows)> _improvement = new();

    // today: the warnings and the improvement counts are judged as of a date.
    public Task<IReadOnlyList<PortfolioHealthRow>> GetAsync(Guid funder, int year, DateOnly today, Func<Task<IReadOnlyList<PortfolioHealthRow>>> compute) =>
        GetAsync(_entries, (funder, year, today), compute);

    /// <summary>The improvement table; a null year (each network's current one) is an entry of its own.</summary>
    public Task<IReadOnlyList<FunderImprovementRow>> ImprovementAsync(Guid funder, int? year, DateOnly today,
        Func<Task<IReadOnlyList<FunderImprovementRow>>> compute) =>
        GetAsync(_improvement, (funder, year, today), compute);

    private async Task<IReadOnlyList<T>> GetAsync<TKey, T>(ConcurrentDictionary<TKey, (long Version, IReadOnlyList<T> Rows)> entries, TKey key,
        Func<Task<IReadOnlyList<T>>> compute) where TKey : notnull
    {
        var before = changes.Version;
        if (before is { } seen && entries.TryGetValue(key, out var hit) && hit.Version == seen) return hit.Rows;

        var rows = await compute();
        if (before is { } version && changes.Version == version)
        {
            if (entries.Count >= MaxEntries) entries.Clear();
            entries[key] = (version, rows);
        }
        return rows;
    }
}
