namespace Platform.Improvement.Domain;

/// <summary>One step of a cycle in a month: which cycle, and who took it (an actor key that never leaves the service).</summary>
public sealed record CycleStep(Guid CycleId, string Actor);

public sealed record ParticipationFigures(int ActivePeople, double ShareOfCyclesByTopTwoPeople);

/// <summary>A network's monthly participation in its PDSA cycles (issue 22, ImprovementParticipation).</summary>
public static class Participation
{
    /// <summary>
    /// The month's active people (everyone who created or advanced a cycle in it) and the share of the month's cycles
    /// (those with any step in it) that the two people with the most cycles took part in. Ties go to the smaller actor
    /// key so the figure does not depend on row order. No cycles: no one active and a share of 0.
    /// </summary>
    public static ParticipationFigures Of(IReadOnlyCollection<CycleStep> steps)
    {
        var cycles = steps.Select(s => s.CycleId).Distinct().Count();
        if (cycles == 0) return new ParticipationFigures(0, 0);
        var byActor = steps.GroupBy(s => s.Actor).Select(g => (Actor: g.Key, Cycles: g.Select(s => s.CycleId).ToHashSet()))
            .OrderByDescending(a => a.Cycles.Count).ThenBy(a => a.Actor, StringComparer.Ordinal).ToList();
        var byTopTwo = byActor.Take(2).SelectMany(a => a.Cycles).Distinct().Count();
        return new ParticipationFigures(byActor.Count, Math.Round((double)byTopTwo / cycles, 4));
    }

    /// <summary>The first day of the last month that has ended at <paramref name="now"/> (months in UTC).</summary>
    public static DateOnly JustEndedMonth(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateOnly(utc.Year, utc.Month, 1).AddMonths(-1);
    }

    /// <summary>The month's instants, [start, end), for reading its steps.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Span(DateOnly month) =>
        (new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
}
