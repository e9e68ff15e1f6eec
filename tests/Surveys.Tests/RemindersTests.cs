using Platform.Surveys.Domain;

namespace Surveys.Tests;

public class RemindersTests
{
    private static readonly ReminderSchedule Chicago = new(3, 7, 9, "America/Chicago");
    private static readonly DateOnly Closes = new(2027, 5, 31);
    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_reminder_goes_at_the_set_hour_in_the_zone_at_least_the_minimum_of_days_after_the_opening()
    {
        Assert.Equal(Utc(9, 8, 14), Reminders.NextDue(Chicago, Utc(9, 1, 12), Closes, []));  // opened 07:00 CDT: 09:00 CDT a week later
        Assert.Equal(Utc(9, 9, 14), Reminders.NextDue(Chicago, Utc(9, 1, 15), Closes, []));  // opened 10:00 CDT: 09:00 the day after
        Assert.Equal(Utc(9, 8, 9), Reminders.NextDue(Chicago with { TimeZone = "UTC" }, Utc(9, 1, 9), Closes, [])); // exactly a week: that hour
    }

    [Fact]
    public void The_hour_stays_local_across_a_clock_change()
    {
        // US clocks go back on 1 Nov 2026: 09:00 CDT is 14:00 UTC, 09:00 CST is 15:00 UTC.
        Assert.Equal(Utc(11, 4, 15), Reminders.NextDue(Chicago, Utc(10, 28, 14), Closes, []));
    }

    [Fact]
    public void Later_reminders_count_from_the_last_one_by_hand_or_not_and_stop_at_the_maximum_or_the_close()
    {
        Assert.Equal(Utc(9, 10, 14), Reminders.NextDue(Chicago, Utc(9, 1, 12), Closes, [Utc(9, 3, 10)]));
        Assert.Null(Reminders.NextDue(Chicago, Utc(9, 1, 12), Closes, [Utc(9, 3, 10), Utc(9, 10, 14), Utc(9, 17, 14)]));
        Assert.Null(Reminders.NextDue(Chicago, Utc(9, 1, 12), new DateOnly(2026, 9, 7), []));
        Assert.Equal(Utc(9, 8, 14), Reminders.NextDue(Chicago, Utc(9, 1, 12), new DateOnly(2026, 9, 8), [])); // the closing day itself
    }

    [Fact]
    public void A_reminder_by_hand_counts_toward_the_schedule_and_keeps_its_spacing()
    {
        Assert.Null(Reminders.RefusalByHand(null, [Utc(9, 3, 10), Utc(9, 3, 11)], Utc(9, 3, 12))); // no schedule: no limit
        Assert.Null(Reminders.RefusalByHand(Chicago, [], Utc(9, 3, 12)));
        Assert.Contains("at least 7 days apart", Reminders.RefusalByHand(Chicago, [Utc(9, 3, 10)], Utc(9, 10, 9)));
        Assert.Null(Reminders.RefusalByHand(Chicago, [Utc(9, 3, 10)], Utc(9, 10, 10)));
        Assert.Equal("All 3 reminders of this wave's schedule have been sent.",
            Reminders.RefusalByHand(Chicago, [Utc(9, 3, 10), Utc(9, 10, 10), Utc(9, 17, 10)], Utc(10, 30, 10)));
    }

    [Fact]
    public void An_unknown_zone_is_none() => Assert.Null(Platform.Contracts.Networks.NetworkTimeZone.Find("Mars/Olympus"));
}
