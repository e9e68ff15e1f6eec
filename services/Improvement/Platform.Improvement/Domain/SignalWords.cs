using System.Globalization;
using Platform.Spc;

namespace Platform.Improvement.Domain;

/// <summary>A chart's signal in words, as a review agenda and the change package show it next to a measure's name.</summary>
public static class SignalWords
{
    public static string Describe(Signal? signal)
    {
        if (signal is null) return "No signal: the chart shows only common-cause variation so far.";
        var what = signal.Kind switch
        {
            SignalKind.OutsideLimits => $"A point outside the control limits ({Period(signal.FirstPeriod)})",
            SignalKind.Runs => $"A non-random run ({Span(signal)})",
            SignalKind.Shift => $"A shift of six or more points on one side of the centre line ({Span(signal)})",
            _ => $"A trend of five or more points ({Span(signal)})",
        };
        var direction = signal.InDirectionOfImprovement switch
        {
            true => ", in the direction of improvement",
            false => ", against the direction of improvement",
            null => "",
        };
        return what + direction + ".";
    }

    private static string Span(Signal s) => s.FirstPeriod == s.LastPeriod ? Period(s.FirstPeriod) : $"{Period(s.FirstPeriod)} to {Period(s.LastPeriod)}";

    private static string Period(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
