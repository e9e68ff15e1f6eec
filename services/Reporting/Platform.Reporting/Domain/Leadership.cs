namespace Platform.Reporting.Domain;

public sealed record ClosedSession(Guid SessionId, Guid NetworkId, int NetworkYear, IReadOnlyDictionary<string, decimal> AreaMeans,
    int RatersInvited, int RatersParticipated, DateOnly HeldOn);

public sealed record AreaChange(string AreaId, decimal Mean, decimal? Previous, decimal? Change);

/// <summary>A hub's leadership profile: the latest closed session's area means and the change from the one before.</summary>
public sealed record LeadershipProfile(DateOnly? LatestHeldOn, DateOnly? PreviousHeldOn, int RatersParticipated, IReadOnlyList<AreaChange> Areas)
{
    public static LeadershipProfile Of(IReadOnlyList<ClosedSession> newestFirst)
    {
        if (newestFirst.Count == 0) return new LeadershipProfile(null, null, 0, []);
        var latest = newestFirst[0];
        var previous = newestFirst.Count > 1 ? newestFirst[1] : null;
        return new LeadershipProfile(latest.HeldOn, previous?.HeldOn, latest.RatersParticipated, latest.AreaMeans.OrderBy(a => a.Key).Select(a =>
        {
            decimal? before = previous?.AreaMeans.TryGetValue(a.Key, out var p) == true ? p : null;
            return new AreaChange(a.Key, a.Value, before, before is { } b ? a.Value - b : null);
        }).ToList());
    }
}

/// <summary>What a funder may know of a network's leadership rubric in a network year: whether a session was held, and how many areas rated 3 or above.</summary>
[CsvHelper.CsvRecord]
public sealed partial record FunderLeadershipRow(Guid NetworkId, int NetworkYear, bool SessionHeld, int AreasAtThreeOrAbove)
{
    public const decimal StrongLevel = 3m;

    public static FunderLeadershipRow Of(Guid networkId, int year, IReadOnlyList<ClosedSession> sessionsInYear) =>
        sessionsInYear.Count == 0 ? new(networkId, year, false, 0)
            : new(networkId, year, true, sessionsInYear[0].AreaMeans.Count(a => a.Value >= StrongLevel));
}
