namespace Platform.Contracts.Networks;

/// <summary>
/// The time zone a network's day runs in, as the Networks events carry it (<c>TimeZone</c>, an IANA id such as
/// America/Chicago): survey reminders go out at the hub's hour in it. An event without one, and a network registered
/// before it was asked for, mean US Eastern. One definition for Networks (which stores it) and Surveys (which times
/// reminders by it, or by a zone the hub names for a wave).
/// </summary>
public static class NetworkTimeZone
{
    public const string Default = "America/New_York";

    /// <summary>The zone an id names, or null when it names none this system knows.</summary>
    public static TimeZoneInfo? Find(string? id) =>
        id is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;

    /// <summary>The zone's IANA id as stored, or null when the id names no zone this system knows.</summary>
    public static string? Known(string? id) =>
        Find(id) is not { } zone ? null
        : zone.HasIanaId ? zone.Id
        : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;
}
