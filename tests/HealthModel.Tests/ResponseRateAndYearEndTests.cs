namespace HealthModel.Tests;

public class ResponseRateAndYearEndTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(7, 9, 77.8)]
    [InlineData(1, 8, 12.5)]
    [InlineData(1, 16, 6.3)] // 6.25 rounds away from zero, as SQL's round() did
    [InlineData(12, 12, 100)]
    public void Response_rate_is_the_percent_submitted_of_invited_to_one_decimal(int submitted, int invited, decimal expected) =>
        Assert.Equal(expected, ResponseRate.Of(submitted, invited));

    [Fact]
    public void Year_end_figures_are_judged_on_the_last_day_or_today_while_the_year_runs()
    {
        var calendar = NetworkYearCalendar.SchoolYear;
        Assert.Equal(new DateOnly(2025, 7, 31), calendar.AsOf(2024, new DateOnly(2026, 1, 10)));
        Assert.Equal(new DateOnly(2025, 3, 2), calendar.AsOf(2024, new DateOnly(2025, 3, 2)));
    }
}
