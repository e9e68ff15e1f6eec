using Platform.Contracts.Surveys;
using Platform.HealthModel;

namespace Platform.Reporting.Domain;

/// <summary>The groups a network year's survey results are kept by: everyone, each role, each team.</summary>
public static class SurveyGroups
{
    public const string Everyone = "all";
    public const string Role = "role";
    public const string Team = "team";
}

/// <summary>What a set of responses adds to one group of a network year: respondents, latest response, and per-scale sums.</summary>
public sealed record GroupTotals(Guid NetworkId, int NetworkYear, string Grouping, string GroupKey, int Respondents,
    DateTimeOffset LastSubmittedAt, IReadOnlyDictionary<string, ScaleSums> Scales);

/// <summary>
/// Folds responses into per-group totals before they reach the database, so a batch adds a few rows of sums instead of
/// every response's scores. Each response counts once (by id) in everyone, its role and its team; groups come out in key
/// order, so concurrent batches update shared rows in the same order.
/// </summary>
public static class ResponseTotals
{
    public static IReadOnlyList<GroupTotals> Of(IEnumerable<SurveyResponseSubmitted> responses)
    {
        var groups = new SortedDictionary<(Guid NetworkId, int NetworkYear, string Grouping, string Key), Totals>(KeyOrder.Instance);
        foreach (var r in responses.DistinctBy(r => r.ResponseId))
            foreach (var (grouping, key) in GroupsOf(r))
            {
                if (!groups.TryGetValue((r.NetworkId, r.NetworkYear, grouping, key), out var g))
                    groups[(r.NetworkId, r.NetworkYear, grouping, key)] = g = new Totals();
                g.Add(r);
            }
        return groups.Select(g => new GroupTotals(g.Key.NetworkId, g.Key.NetworkYear, g.Key.Grouping, g.Key.Key, g.Value.Respondents,
            g.Value.LastSubmittedAt, g.Value.Scales)).ToList();
    }

    private sealed class Totals
    {
        public int Respondents { get; private set; }
        public DateTimeOffset LastSubmittedAt { get; private set; } = DateTimeOffset.MinValue;
        public Dictionary<string, ScaleSums> Scales { get; } = [];

        public void Add(SurveyResponseSubmitted r)
        {
            Respondents++;
            if (r.OccurredAt > LastSubmittedAt) LastSubmittedAt = r.OccurredAt;
            foreach (var (scale, score) in r.ScaleScores)
                Scales[scale] = Scales.GetValueOrDefault(scale, ScaleSums.None) + ScaleSums.Of(score);
        }
    }

    private sealed class KeyOrder : IComparer<(Guid NetworkId, int NetworkYear, string Grouping, string Key)>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare((Guid NetworkId, int NetworkYear, string Grouping, string Key) a, (Guid NetworkId, int NetworkYear, string Grouping, string Key) b)
        {
            var c = a.NetworkId.CompareTo(b.NetworkId);
            if (c == 0) c = a.NetworkYear.CompareTo(b.NetworkYear);
            if (c == 0) c = string.CompareOrdinal(a.Grouping, b.Grouping);
            return c != 0 ? c : string.CompareOrdinal(a.Key, b.Key);
        }
    }

    private static IEnumerable<(string Grouping, string Key)> GroupsOf(SurveyResponseSubmitted r)
    {
        yield return (SurveyGroups.Everyone, SurveyGroups.Everyone);
        yield return (SurveyGroups.Role, r.Role ?? ScaleReport.Unspecified);
        yield return (SurveyGroups.Team, r.TeamId?.ToString() ?? ScaleReport.Unspecified);
    }
}
