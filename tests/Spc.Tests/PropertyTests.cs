using FsCheck;
using FsCheck.Xunit;

namespace Spc.Tests;

public class PropertyTests
{
    private static readonly ChartKind[] Kinds = Enum.GetValues<ChartKind>();

    /// <summary>Points for any chart kind from small integers: P's numerator at most its denominator, counts not negative.</summary>
    private static List<MeasurePoint> Points(ChartKind chart, IEnumerable<(int Value, int Size)> raw) =>
        raw.Select((r, i) => chart switch
        {
            ChartKind.P => new MeasurePoint(Series.Month(i), Math.Abs(r.Value) % (r.Size + 1), r.Size),
            ChartKind.U => new MeasurePoint(Series.Month(i), Math.Abs(r.Value), r.Size),
            ChartKind.C => new MeasurePoint(Series.Month(i), Math.Abs(r.Value)),
            _ => new MeasurePoint(Series.Month(i), r.Value),
        }).ToList();

    private static (int, int)[] Raw(NonEmptyArray<(sbyte Value, byte Size)> raw) => raw.Get.Select(r => ((int)r.Value, 1 + r.Size % 50)).ToArray();

    /// <summary>A constant series (non-integer values too: their mean must be the value itself) has no signal of any kind.</summary>
    [Property(MaxTest = 300)]
    public void A_constant_series_has_no_signals(PositiveInt length, sbyte value, byte size, byte kind, bool ihi, bool freeze)
    {
        var chart = Kinds[kind % Kinds.Length];
        var count = 1 + length.Get % 80;
        var points = chart is ChartKind.Run or ChartKind.I
            ? Enumerable.Range(0, count).Select(i => new MeasurePoint(Series.Month(i), value / 10.0)).ToList()
            : Points(chart, Enumerable.Repeat(((int)value, 1 + size % 50), count));
        var settings = new ChartSettings(Freeze: freeze ? 1 + count / 2 : null, Rules: ihi ? RuleSet.Ihi : RuleSet.Anhoej, Direction: Direction.Up);

        var result = SpcChart.Compute(chart, points, settings);

        Assert.Empty(result.Signals);
        Assert.All(result.Parts, p => Assert.False(p.Runs.Signal));
        Assert.DoesNotContain(result.Points, p => p.OutsideLimits);
    }

    /// <summary>Reading the series backwards gives the same centre, useful points, longest run and crossings.</summary>
    [Property(MaxTest = 300)]
    public void Reversing_time_keeps_the_longest_run(NonEmptyArray<(sbyte Value, byte Size)> raw, byte kind)
    {
        var chart = Kinds[kind % Kinds.Length];
        var forwards = Raw(raw);
        var backwards = forwards.Reverse().ToArray();

        var a = SpcChart.Compute(chart, Points(chart, forwards)).Parts[0];
        var b = SpcChart.Compute(chart, Points(chart, backwards)).Parts[0];

        Assert.Equal(a.Center!.Value, b.Center!.Value, 9);
        Assert.Equal(a.Runs, b.Runs);
    }

    /// <summary>Adding excluded points anywhere, with any values, changes no centre, limit, runs analysis or signal of the others.</summary>
    [Property(MaxTest = 300)]
    public void Excluded_points_never_move_the_centre(NonEmptyArray<(sbyte Value, byte Size)> raw, (sbyte Value, byte Size)[] extra, byte kind, bool ihi)
    {
        var chart = Kinds[kind % Kinds.Length];
        var settings = new ChartSettings(Rules: ihi ? RuleSet.Ihi : RuleSet.Anhoej, Direction: Direction.Down);
        var kept = Raw(raw);
        var added = extra.Select(e => ((int)e.Value, 1 + e.Size % 50)).ToArray();
        // Interleave: the excluded points go between the kept ones at positions the extra values pick.
        var mixed = new List<((int, int) Raw, bool Excluded)>(kept.Select(k => (k, false)));
        foreach (var e in added) mixed.Insert(Math.Abs(e.Item1 * 7 + e.Item2) % (mixed.Count + 1), (e, true));
        var withExcluded = Points(chart, mixed.Select(m => m.Raw)).Select((p, i) => p with { Excluded = mixed[i].Excluded }).ToList();

        var plain = SpcChart.Compute(chart, Points(chart, kept), settings);
        var result = SpcChart.Compute(chart, withExcluded, settings);

        Assert.Equal(plain.Parts[0].Center, result.Parts[0].Center);
        Assert.Equal(plain.Parts[0].Runs, result.Parts[0].Runs);
        var shown = result.Points.Where(p => !p.Excluded).ToList();
        Assert.Equal(plain.Points.Select(p => (p.Value, p.Center, p.Lower, p.Upper, p.OutsideLimits)),
            shown.Select(p => (p.Value, p.Center, p.Lower, p.Upper, p.OutsideLimits)));
        Assert.Equal(plain.Signals.Select(s => (s.Kind, s.InDirectionOfImprovement)), result.Signals.Select(s => (s.Kind, s.InDirectionOfImprovement)));
        Assert.DoesNotContain(result.Points, p => p.Excluded && p.OutsideLimits);
    }

    /// <summary>The multiplier scales values, centres and limits by itself and changes no runs analysis or signal.</summary>
    [Property(MaxTest = 300)]
    public void The_multiplier_scales_values_and_limits_linearly(NonEmptyArray<(sbyte Value, byte Size)> raw, PositiveInt factor, byte kind)
    {
        var chart = Kinds[kind % Kinds.Length];
        var multiplier = factor.Get % 20_000 / 7.0 + 0.01;
        var points = Points(chart, Raw(raw));

        var one = SpcChart.Compute(chart, points);
        var scaled = SpcChart.Compute(chart, points, new ChartSettings(Multiplier: multiplier));

        static void Close(double? expected, double? actual) =>
            Assert.True(expected is null ? actual is null : Math.Abs(expected.Value - actual!.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)),
                $"expected {expected}, got {actual}");
        foreach (var (a, b) in one.Points.Zip(scaled.Points))
        {
            Close(a.Value * multiplier, b.Value);
            Close(a.Center * multiplier, b.Center);
            Close(a.Lower * multiplier, b.Lower);
            Close(a.Upper * multiplier, b.Upper);
            Assert.Equal(a.OutsideLimits, b.OutsideLimits);
        }
        Close(one.Parts[0].Center * multiplier, scaled.Parts[0].Center);
        Assert.Equal(one.Parts.Select(p => p.Runs), scaled.Parts.Select(p => p.Runs));
        Assert.Equal(one.Signals, scaled.Signals);
    }
}
