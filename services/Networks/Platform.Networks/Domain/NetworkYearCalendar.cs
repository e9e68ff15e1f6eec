namespace Platform.Networks.Domain;

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

    public static bool IsValid(int month, int day) => month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2001, month);
}
