using Platform.HealthModel;
using Platform.Reporting.Domain;

namespace Reporting.Tests;

/// <summary>The two rules the warning facts take from the read model's rows: core seats held on a day, and when responses date.</summary>
public class WarningFactsRulesTests
{
    private static readonly DateOnly Day = new(2026, 7, 31);

    [Fact]
    public void Core_seats_filled_on_a_day_count_the_seats_held_that_day_not_the_largest_team()
    {
        CoreSeat[] seats =
        [
            new(new DateOnly(2024, 8, 1), null),                    // held
            new(new DateOnly(2024, 8, 1), new DateOnly(2026, 3, 1)), // left before the day
            new(new DateOnly(2024, 8, 1), Day),                      // ends on the day: [start, end) no longer holds it
            new(new DateOnly(2026, 8, 1), null),                     // starts after the day
            new(Day, new DateOnly(2026, 9, 1)),                      // starts on the day
        ];
        Assert.Equal(2, CoreSeats.FilledOn(Day, seats));
        Assert.Equal(0, CoreSeats.FilledOn(Day, []));
    }

    [Fact]
    public void A_late_response_dates_to_the_last_day_of_the_network_year_it_answers()
    {
        var calendar = new NetworkYearCalendar(9, 1); // years start on 1 September: 2025 ends on 31 August 2026
        // A 2024 survey answered in 2026 counts as of 31 August 2025, the last day of 2024.
        Assert.Equal(new DateOnly(2025, 8, 31), SurveyActivity.LastResponse(calendar, Day, [(2024, new DateOnly(2026, 5, 1))]));
        // Within its year, a response dates to its day; one after the as-of day does not count yet.
        Assert.Equal(new DateOnly(2026, 4, 10), SurveyActivity.LastResponse(calendar, Day,
            [(2025, new DateOnly(2026, 4, 10)), (2024, new DateOnly(2025, 1, 5))]));
        Assert.Null(SurveyActivity.LastResponse(calendar, new DateOnly(2026, 4, 9), [(2025, new DateOnly(2026, 4, 10))]));
        Assert.Null(SurveyActivity.LastResponse(calendar, Day, []));
    }
}
