namespace Platform.HealthModel;

/// <summary>
/// A network's year runs from a configurable day (default 1 August, a school year); "2023" is the year that starts in 2023.
/// </summary>
public sealed record NetworkYearCalendar(int StartMonth = 8, int StartDay = 1)
{
    public static readonly NetworkYearCalendar SchoolYear = new();

    public int YearOf(DateOnly date) => date >= StartOf(date.Year) ? date.Year : date.Year - 1;

    public DateOnly StartOf(int year) => new(year, StartMonth, Math.Min(StartDay, DateTime.DaysInMonth(year, StartMonth)));

    /// <summary>The first day after the year (exclusive end).</summary>
    public DateOnly EndOf(int year) => StartOf(year + 1);

    public DateOnly LastDayOf(int year) => EndOf(year).AddDays(-1);

    /// <summary>The day year-end figures of <paramref name="year"/> are judged on: its last day, or today while it runs.</summary>
    public DateOnly AsOf(int year, DateOnly today) => LastDayOf(year) < today ? LastDayOf(year) : today;

    /// <summary>
    /// The network years (up to <paramref name="throughYear"/>) that a period [start, end) overlaps; a zero-length
    /// period overlaps none. "Members(Y)" are the people with a period overlapping Y.
    /// </summary>
    public IEnumerable<int> YearsOf(DateOnly start, DateOnly? end, int throughYear)
    {
        if (end is { } e0 && e0 <= start) yield break;
        var first = YearOf(start);
        var last = end is { } e ? Math.Min(YearOf(e.AddDays(-1)), throughYear) : throughYear;
        for (var y = first; y <= last; y++) yield return y;
    }

    public bool Overlaps(DateOnly start, DateOnly? end, int year) => YearsOf(start, end, year).Contains(year);

    public static bool IsValid(int month, int day) => month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2001, month);
}
