namespace Platform.ServiceDefaults;

/// <summary>
/// The one clock: every service reads time from the injected <see cref="TimeProvider"/> (so tests can move it), and
/// "today" is the UTC date of that clock.
/// </summary>
public static class Clock
{
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

/// <summary>
/// A test platform's clock: the system clock moved forward by the offset (a .NET TimeSpan, e.g. "8.00:00:00") written in a
/// file, so an end-to-end test can carry a running service across days (reminder schedules). Only in Development, only
/// when <c>Testing:ClockOffsetFile</c> is set (throwaway local platforms); the file is looked at once a second at most.
/// </summary>
public sealed class MovableTestClock(string offsetFile) : TimeProvider
{
    private readonly object _gate = new();
    private TimeSpan _offset;
    private DateTime _lookedAt = DateTime.MinValue, _writtenAt = DateTime.MinValue;

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        lock (_gate)
        {
            if ((now.UtcDateTime - _lookedAt).TotalSeconds >= 1)
            {
                _lookedAt = now.UtcDateTime;
                var written = File.Exists(offsetFile) ? File.GetLastWriteTimeUtc(offsetFile) : DateTime.MinValue;
                if (written != _writtenAt)
                {
                    _writtenAt = written;
                    _offset = written == DateTime.MinValue ? TimeSpan.Zero : TimeSpan.Parse(File.ReadAllText(offsetFile).Trim(), global::System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            return now + _offset;
        }
    }
}
