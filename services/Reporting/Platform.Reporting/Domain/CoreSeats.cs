namespace Platform.Reporting.Domain;

/// <summary>A core seat on the hub team over [Start, End), as Reporting knows it from Networks' events (no person).</summary>
public sealed record CoreSeat(DateOnly Start, DateOnly? End);

/// <summary>
/// Core hub seats held on one day: what the over-reliance warning counts (domain.md section 7, "one core hub seat").
/// Not the core team's size that hub stability compares departures with (Networks' <c>HubStability.CoreTeamSize</c>, the
/// most seats ever held at once): a hub that had three core people and kept one is over-reliant today.
/// </summary>
public static class CoreSeats
{
    public static int FilledOn(DateOnly day, IEnumerable<CoreSeat> seats) =>
        seats.Count(s => s.Start <= day && (s.End is not { } end || end > day));
}
