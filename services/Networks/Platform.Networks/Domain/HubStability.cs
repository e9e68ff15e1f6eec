namespace Platform.Networks.Domain;

public enum HubRole { HubLead, ImprovementLead, ImprovementCoach, DataLead, Operations, Other }

/// <summary>Why a hub-staff assignment ended: only a departure (the person left the hub) counts as turnover.</summary>
public enum AssignmentEndReason { Departure, RoleChange, Planned }

public enum HubStabilityClass { Stable, EarlyTurnoverThenStable, SomeTurnover, HighTurnover }

/// <summary>A person's seat on the hub team over [Start, End).</summary>
public sealed record HubStaffAssignment(Guid Id, Guid PersonId, HubRole Role, bool Core, DateOnly Start, DateOnly? End, AssignmentEndReason? EndReason);

/// <summary>The rule's parameters; configurable per tenant, defaults from domain.md section 2.</summary>
public sealed record HubStabilityRule(int EarlyWindowMonths = 18, decimal HighTurnoverShareOfCoreTeam = 0.5m, int HubLeadVacanciesForHighTurnover = 2)
{
    public static readonly HubStabilityRule Default = new();
}

/// <summary>
/// Hub stability as of a date, from core-seat departures (domain.md section 2). Interpretations, stated once here:
/// "departures >= 50% of core seats" compares with the core team's size, <see cref="CoreTeamSize"/> (the most core
/// assignments held at the same time), not with the seats held on the day (Reporting's over-reliance warning counts those);
/// the hub-lead seat is "vacated" when a hub-lead assignment ends in a departure, counted over the network's life.
/// </summary>
public static class HubStability
{
    public static HubStabilityClass Classify(IReadOnlyCollection<HubStaffAssignment> assignments, DateOnly launch, DateOnly asOf, HubStabilityRule? rule = null)
    {
        rule ??= HubStabilityRule.Default;
        var earlyWindowEnd = launch.AddMonths(rule.EarlyWindowMonths);
        var departures = assignments
            .Where(a => a.Core && a.EndReason == AssignmentEndReason.Departure && a.End is { } end && end <= asOf)
            .ToList();
        if (departures.Count == 0) return HubStabilityClass.Stable;

        var late = departures.Where(a => a.End >= earlyWindowEnd).ToList();
        if (late.Count == 0) return HubStabilityClass.EarlyTurnoverThenStable;

        var seats = CoreTeamSize(assignments, asOf);
        var leadVacancies = departures.Count(a => a.Role == HubRole.HubLead);
        var high = (seats > 0 && late.Count >= rule.HighTurnoverShareOfCoreTeam * seats)
                   || leadVacancies >= rule.HubLeadVacanciesForHighTurnover;
        return high ? HubStabilityClass.HighTurnover : HubStabilityClass.SomeTurnover;
    }

    /// <summary>The core team's size: the largest number of core assignments active on any one day up to <paramref name="asOf"/>.</summary>
    public static int CoreTeamSize(IEnumerable<HubStaffAssignment> assignments, DateOnly asOf)
    {
        var changes = new SortedDictionary<DateOnly, int>();
        foreach (var a in assignments.Where(a => a.Core && a.Start <= asOf))
        {
            if (a.End is { } end && end <= a.Start) continue;
            changes[a.Start] = changes.GetValueOrDefault(a.Start) + 1;
            if (a.End is { } e && e <= asOf) changes[e] = changes.GetValueOrDefault(e) - 1;
        }
        int current = 0, peak = 0;
        foreach (var delta in changes.Values)
        {
            current += delta;
            peak = Math.Max(peak, current);
        }
        return peak;
    }
}
