using Platform.Spc;

namespace Platform.Improvement.Domain;

/// <summary>What a measure tells: the outcome the aim is about, a process step, or a balancing measure (what might get worse).</summary>
public enum MeasureKind { Outcome, Process, Balancing }

/// <summary>
/// A measure of the network's improvement work, read on a run or control chart. Owned by the network (hub team writes
/// its points) or by one improvement team (its members write them too). <see cref="Freeze"/> and <see cref="Splits"/>
/// are the chart's stored defaults; <see cref="Signals"/> the signals as last computed with them.
/// </summary>
public sealed record Measure(
    Guid Id,
    Guid NetworkId,
    Guid? TeamId,
    string Name,
    MeasureKind Kind,
    ChartKind Chart,
    string Definition,
    Direction Direction,
    double Multiplier,
    double? Target,
    IReadOnlyList<Guid> ChangeIdeaIds,
    int? Freeze,
    IReadOnlyList<DateOnly> Splits,
    IReadOnlyList<Signal> Signals,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The chart settings stored for this measure, unless the request overrides them.</summary>
    public ChartSettings Settings(int? freeze = null, IReadOnlyList<DateOnly>? splits = null, RuleSet rules = RuleSet.Anhoej) =>
        new(freeze ?? Freeze, splits ?? Splits, rules, Multiplier, Direction);

    /// <summary>The newest signal (by its last period), the one a list of measures shows.</summary>
    public Signal? LatestSignal => Latest(Signals);

    public static Signal? Latest(IReadOnlyList<Signal> signals) => signals.OrderBy(s => s.LastPeriod).ThenBy(s => s.FirstPeriod).LastOrDefault();
}

/// <summary>One period's value of a measure, as stored and as uploaded (after validation).</summary>
public sealed record DataPoint(DateOnly Period, double Numerator, double? Denominator, bool Excluded, string? Note)
{
    public MeasurePoint ToSpc() => new(Period, Numerator, Denominator, Excluded);
}

/// <summary>
/// Signals of a new chart that the previous one did not show. A signal is known by its kind and first period: a run
/// that grows by a point is the same signal, not a new one.
/// </summary>
public static class SignalChanges
{
    public static IReadOnlyList<Signal> New(IReadOnlyList<Signal> before, IReadOnlyList<Signal> after)
    {
        var known = before.Select(s => (s.Kind, s.FirstPeriod)).ToHashSet();
        return after.Where(s => known.Add((s.Kind, s.FirstPeriod))).ToList();
    }
}
