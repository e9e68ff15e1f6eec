namespace Platform.Improvement.Domain;

/// <summary>How often a measure has a data point: one a week or one a month (domain, section 8).</summary>
public enum MeasureFrequency { Weekly, Monthly }

/// <summary>
/// What of the improvement work needs the hub's attention this week: cycles that have stalled, and measures whose data
/// stopped coming in. The hub home lists them for every network of the hub.
/// </summary>
public static class Attention
{
    /// <summary>
    /// PDSA cycles are meant to be small and quick: a test of a change runs for days or a few weeks, then is studied and
    /// acted on, and the next cycle builds on it. A cycle still in Do or Study more than this many days after it started
    /// has stalled (the team may have stopped, or not written down what it learned).
    /// </summary>
    public const int OverdueAfterDays = 30;

    /// <summary>In Do or Study, and more than <see cref="OverdueAfterDays"/> days since it started (30 days after is still on time).</summary>
    public static bool IsOverdue(CycleStatus status, DateOnly? startedOn, DateOnly today) =>
        status is CycleStatus.Do or CycleStatus.Study && startedOn is { } started && today.DayNumber - started.DayNumber > OverdueAfterDays;

    public static bool IsOverdue(PdsaCycle cycle, DateOnly today) => IsOverdue(cycle.Status, cycle.StartedOn, today);

    /// <summary>
    /// A measure's frequency, read from its points: a point's period is the first day of its week or month, and a measure
    /// stores no frequency of its own (its definition says how often in words). Points all on the first of a month and
    /// at least 28 days apart are monthly; anything else is weekly.
    /// </summary>
    public static MeasureFrequency FrequencyOf(IReadOnlyList<DateOnly> periods)
    {
        var sorted = periods.Order().ToList();
        var monthly = sorted.Count > 0 && sorted.All(p => p.Day == 1) && sorted.Zip(sorted.Skip(1)).All(g => g.Second.DayNumber - g.First.DayNumber >= 28);
        return monthly ? MeasureFrequency.Monthly : MeasureFrequency.Weekly;
    }

    /// <summary>
    /// The last complete period on <paramref name="today"/> [From, To): the month before today's month, or the last week
    /// (counted from the weekday the measure's weeks start on, that of its latest point) whose seven days have all passed.
    /// </summary>
    public static (DateOnly From, DateOnly To) LastCompletePeriod(MeasureFrequency frequency, DateOnly latestPoint, DateOnly today)
    {
        if (frequency == MeasureFrequency.Monthly)
        {
            var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
            return (from, from.AddMonths(1));
        }
        // The latest week start s = latestPoint + 7k whose week [s, s + 7) ended by today.
        var k = (int)Math.Floor((today.DayNumber - 7 - latestPoint.DayNumber) / 7.0);
        var start = latestPoint.AddDays(7 * k);
        return (start, start.AddDays(7));
    }

    /// <summary>
    /// True when the measure has no point in the last complete week or month of its frequency; a measure with no point at
    /// all has no data for any period. Excluded points count: they are data, only left out of the calculations.
    /// </summary>
    public static bool HasNoDataForLastPeriod(IReadOnlyList<DateOnly> periods, DateOnly today)
    {
        if (periods.Count == 0) return true;
        var (from, to) = LastCompletePeriod(FrequencyOf(periods), periods.Max(), today);
        return !periods.Any(p => p >= from && p < to);
    }
}
