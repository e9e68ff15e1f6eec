using Platform.Improvement.Domain;
using Platform.Spc;

namespace Improvement.Tests;

/// <summary>A signal in words: what, when, and which way it points.</summary>
public sealed class SignalWordsTests
{
    [Fact]
    public void No_signal_says_so()
    {
        Assert.StartsWith("No signal", SignalWords.Describe(null));
    }

    [Fact]
    public void A_signal_names_its_kind_its_periods_and_its_direction()
    {
        Assert.Equal("A shift of six or more points on one side of the centre line (1 Jul 2023 to 1 Jan 2024), in the direction of improvement.",
            SignalWords.Describe(new Signal(SignalKind.Shift, 0, new DateOnly(2023, 7, 1), new DateOnly(2024, 1, 1), true)));
        Assert.Equal("A point outside the control limits (1 Mar 2024), against the direction of improvement.",
            SignalWords.Describe(new Signal(SignalKind.OutsideLimits, 0, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 1), false)));
        Assert.Equal("A non-random run (1 Jan 2024 to 1 Jun 2024).",
            SignalWords.Describe(new Signal(SignalKind.Runs, 1, new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 1), null)));
    }
}
