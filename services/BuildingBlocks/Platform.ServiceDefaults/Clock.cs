namespace Platform.ServiceDefaults;

/// <summary>
/// The one clock: every service reads time from the injected <see cref="TimeProvider"/> (so tests can move it), and
/// "today" is the UTC date of that clock.
/// </summary>
public static class Clock
{
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
