using System.Collections.Concurrent;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Application;

/// <summary>
/// A funder's portfolio rows for a year, computed once per read-model version: the dashboard, the clusters, the CSV and
/// the trend all start from them, and recomputing them reads and scores every granted network. An entry is stored only
/// if no change was heard while it was computed, and is used only while no change has been heard since.
/// </summary>
public sealed class PortfolioCache(ReadModelChanges changes)
{
    private const int MaxEntries = 1_000;
    private readonly ConcurrentDictionary<(Guid Funder, int Year, DateOnly Today), (long Version, IReadOnlyList<PortfolioHealthRow> Rows)> _entries = new();

    public async Task<IReadOnlyList<PortfolioHealthRow>> GetAsync(Guid funder, int year, DateOnly today, Func<Task<IReadOnlyList<PortfolioHealthRow>>> compute)
    {
        var key = (funder, year, today); // today: the warnings are judged as of a date
        var before = changes.Version;
        if (before is { } seen && _entries.TryGetValue(key, out var hit) && hit.Version == seen) return hit.Rows;

        var rows = await compute();
        if (before is { } version && changes.Version == version)
        {
            if (_entries.Count >= MaxEntries) _entries.Clear();
            _entries[key] = (version, rows);
        }
        return rows;
    }
}
