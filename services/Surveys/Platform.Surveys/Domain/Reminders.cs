using Platform.Contracts.Networks;

namespace Platform.Surveys.Domain;

/// <summary>
/// A wave's reminder schedule: at most <see cref="MaxReminders"/> reminders, at least <see cref="MinDaysApart"/> days
/// apart (and after the invitation), sent at <see cref="HourOfDay"/> in <see cref="TimeZone"/> (an IANA id), only to
/// those who have not submitted.
/// </summary>
public sealed record ReminderSchedule(int MaxReminders, int MinDaysApart, int HourOfDay, string TimeZone)
{
    public const int DefaultMaxReminders = 3;
    public const int DefaultMinDaysApart = 7;
    public const int DefaultHourOfDay = 9;
}

/// <summary>The reminder rules (issue 24): when the next scheduled reminder is due, and whether one may go by hand now.</summary>
public static class Reminders
{
    /// <summary>
    /// When the next scheduled reminder is due: the first <see cref="ReminderSchedule.HourOfDay"/> in the schedule's zone
    /// at least the minimum of days after the opening or the last reminder (sent by hand or not); null once all were sent
    /// or when that day is after the wave's closing day.
    /// </summary>
    public static DateTimeOffset? NextDue(ReminderSchedule schedule, DateTimeOffset openedAt, DateOnly closesOn, IReadOnlyCollection<DateTimeOffset> sent)
    {
        if (sent.Count >= schedule.MaxReminders) return null;
        var zone = NetworkTimeZone.Find(schedule.TimeZone) ?? TimeZoneInfo.Utc;
        var earliest = (sent.Count == 0 ? openedAt : sent.Max()).AddDays(schedule.MinDaysApart);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(earliest, zone).DateTime);
        var due = At(day, schedule.HourOfDay, zone);
        if (due < earliest) due = At(day = day.AddDays(1), schedule.HourOfDay, zone);
        return day > closesOn ? null : due;
    }

    /// <summary>The next reminder of a wave's schedule: none yet while the wave is a draft (its first is timed when it opens).</summary>
    public static DateTimeOffset? NextDue(ReminderSchedule schedule, SurveyWave wave, IReadOnlyCollection<DateTimeOffset> sent) =>
        wave.OpenedAt is { } opened ? NextDue(schedule, opened, wave.ClosesOn, sent) : null;

    /// <summary>Why a reminder may not go by hand now under the schedule, or null (always null without a schedule).</summary>
    public static string? RefusalByHand(ReminderSchedule? schedule, IReadOnlyCollection<DateTimeOffset> sent, DateTimeOffset now)
    {
        if (schedule is null) return null;
        if (sent.Count >= schedule.MaxReminders)
            return $"All {schedule.MaxReminders} reminders of this wave's schedule have been sent.";
        if (sent.Count > 0 && now < sent.Max().AddDays(schedule.MinDaysApart))
            return $"The last reminder went on {sent.Max():d MMM yyyy}; reminders go at least {schedule.MinDaysApart} days apart, so the next may go from {sent.Max().AddDays(schedule.MinDaysApart):d MMM yyyy HH:mm} UTC.";
        return null;
    }

    /// <summary>The instant a local day and hour names in the zone (a skipped hour, at a clock change, counts as standard time).</summary>
    private static DateTimeOffset At(DateOnly day, int hour, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime(); // stored as timestamptz: UTC only
    }
}
