using Platform.HealthModel;

namespace Platform.Reporting.Domain;

/// <summary>When a network last heard from its members, for the warnings.</summary>
public static class SurveyActivity
{
    /// <summary>
    /// The day of the latest response counted as of <paramref name="asOf"/>, from each network year's latest submission.
    /// A response dates at the latest to the last day of the network year it answers: a year's survey is that year's data
    /// even when answered late (or imported afterwards).
    /// </summary>
    public static DateOnly? LastResponse(NetworkYearCalendar calendar, DateOnly asOf, IEnumerable<(int NetworkYear, DateOnly LastSubmitted)> years) =>
        years.Select(y => Min(y.LastSubmitted, calendar.LastDayOf(y.NetworkYear))).Where(d => d <= asOf).Select(d => (DateOnly?)d).Max();

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
