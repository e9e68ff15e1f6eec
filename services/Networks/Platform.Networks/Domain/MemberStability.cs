namespace Platform.Networks.Domain;

/// <summary>One membership period [Start, End) of a person in a network; End null while it lasts.</summary>
public sealed record MembershipPeriod(Guid PersonId, DateOnly Start, DateOnly? End);

/// <summary>The member side of the structural table for one network year (domain.md section 2).</summary>
public sealed record YearStability(
    int Year,
    int Members,
    int Joiners,
    int Leavers,
    decimal? MemberStabilityPct,
    decimal? AverageTenureYears);

/// <summary>
/// Tenure and stability from membership periods. The only implementation: the API, the events and the reports all use it.
/// </summary>
public static class MemberStability
{
    /// <summary>The network years in which a period overlaps (a zero-length period overlaps none).</summary>
    public static IEnumerable<int> YearsOf(MembershipPeriod period, NetworkYearCalendar calendar, int throughYear) =>
        calendar.YearsOf(period.Start, period.End, throughYear);

    /// <summary>Per person, the set of network years (up to <paramref name="throughYear"/>) in which they were a member.</summary>
    public static Dictionary<Guid, SortedSet<int>> MemberYears(IEnumerable<MembershipPeriod> periods, NetworkYearCalendar calendar, int throughYear)
    {
        var years = new Dictionary<Guid, SortedSet<int>>();
        foreach (var period in periods)
        {
            foreach (var y in YearsOf(period, calendar, throughYear))
            {
                if (!years.TryGetValue(period.PersonId, out var set)) years[period.PersonId] = set = [];
                set.Add(y);
            }
        }
        return years;
    }

    /// <summary>
    /// Tenure(p, Y): the number of network years y &lt;= Y in which p was a member, counting Y itself;
    /// a new member has tenure 1 and gaps do not reset it. 0 when p is not a member in Y.
    /// </summary>
    public static int Tenure(IReadOnlySet<int> memberYears, int year) =>
        memberYears.Contains(year) ? memberYears.Count(y => y <= year) : 0;

    public static YearStability Compute(IEnumerable<MembershipPeriod> periods, NetworkYearCalendar calendar, int year) =>
        Compute(MemberYears(periods, calendar, year), year);

    /// <summary>
    /// One row per network year from the launch year through <paramref name="lastYear"/>. Each person's member years are
    /// worked out once for all rows: a year's figures only look at the years up to it, so later years change nothing.
    /// </summary>
    public static IReadOnlyList<YearStability> History(IEnumerable<MembershipPeriod> periods, NetworkYearCalendar calendar, int launchYear, int lastYear)
    {
        var years = MemberYears(periods, calendar, lastYear);
        return Enumerable.Range(launchYear, Math.Max(0, lastYear - launchYear + 1)).Select(y => Compute(years, y)).ToList();
    }

    private static YearStability Compute(Dictionary<Guid, SortedSet<int>> years, int year)
    {
        var tenures = years.Values.Where(s => s.Contains(year)).Select(s => Tenure(s, year)).ToList();
        var leavers = years.Values.Count(s => s.Contains(year - 1) && !s.Contains(year));
        if (tenures.Count == 0) return new YearStability(year, 0, 0, leavers, null, null);
        return new YearStability(
            year,
            Members: tenures.Count,
            Joiners: tenures.Count(t => t == 1),
            Leavers: leavers,
            MemberStabilityPct: Math.Round(100m * tenures.Count(t => t >= 2) / tenures.Count, 1, MidpointRounding.AwayFromZero),
            AverageTenureYears: Math.Round((decimal)tenures.Sum() / tenures.Count, 2, MidpointRounding.AwayFromZero));
    }
}
