using Platform.HealthModel;

namespace Platform.Reporting.Domain;

/// <summary>A PDSA cycle as Reporting holds it (ids and dates only). Decision: Adopt | Adapt | Abandon | TestAgain, once completed.</summary>
public sealed record ActivityCycle(Guid TeamId, DateOnly StartedOn, DateOnly? CompletedOn, string? Decision, bool HadPredictions);

/// <summary>A signal a measure's chart showed, from its first period.</summary>
public sealed record ActivitySignal(Guid MeasureId, DateOnly Period, bool InDirectionOfImprovement);

/// <summary>A network's improvement work as Reporting holds it: what <see cref="ImprovementActivity.Of"/> counts.</summary>
public sealed record ImprovementWork(
    IReadOnlyList<DateOnly> TeamsFirstSeen, // one per improvement team: the day it was formed or first worked
    IReadOnlyList<ActivityCycle> Cycles,
    IReadOnlyList<DateOnly> Touchpoints,
    IReadOnlyList<ActivitySignal> Signals,
    IReadOnlyList<DateOnly> TheoryVersions,
    IReadOnlyList<DateOnly> CycleReviews)
{
    public static readonly ImprovementWork None = new([], [], [], [], [], []);
}

public sealed record ImprovementMonth(DateOnly Month, int CyclesStarted, int CyclesCompleted, int CoachingTouchpoints);

public sealed record CycleDecisions(int Adopt, int Adapt, int Abandon, int TestAgain);

/// <summary>A network's improvement work in a network year, as of its end (or today): domain.md section 8.</summary>
public sealed record ImprovementActivityReport(
    int Year,
    DateOnly From,
    DateOnly AsOf,
    IReadOnlyList<ImprovementMonth> Months,
    int CyclesStarted,
    int CyclesCompleted,
    int CoachingTouchpoints,
    int Teams,
    int TeamsActive,
    int ActiveWindowDays,
    decimal? TeamsActivePct,
    decimal? CompletedWithPredictionsPct,
    CycleDecisions Decisions,
    int MeasuresImproving,
    int TheoryRevisions,
    bool TheoryRevisedLast12Months,
    int CycleReviews);

/// <summary>What a funder may know of a network's improvement work in a network year: counts and rates only.</summary>
[CsvHelper.CsvRecord]
public sealed partial record FunderImprovementRow(
    Guid NetworkId, int NetworkYear, DateOnly AsOf, int Teams, int CyclesCompleted, decimal? CyclesCompletedPerTeam, int TeamsActive,
    decimal? TeamsActivePct, int MeasuresImproving, bool TheoryRevisedLast12Months, int CoachingTouchpoints, decimal? CoachingTouchpointsPerTeam)
{
    public static FunderImprovementRow Of(Guid networkId, ImprovementActivityReport r) =>
        new(networkId, r.Year, r.AsOf, r.Teams, r.CyclesCompleted, ImprovementActivity.PerTeam(r.CyclesCompleted, r.Teams), r.TeamsActive, r.TeamsActivePct,
            r.MeasuresImproving, r.TheoryRevisedLast12Months, r.CoachingTouchpoints, ImprovementActivity.PerTeam(r.CoachingTouchpoints, r.Teams));
}

public static class ImprovementActivity
{
    /// <summary>A team is active when one of its cycles was in Do or Study, or completed, in this many days up to the as-of day.</summary>
    public const int ActiveWindowDays = 60;

    /// <summary>Network years the platform can date (StartOf and AddMonths stay within DateOnly).</summary>
    public static bool IsValidYear(int year) => year is >= 2000 and <= 2100;

    public const string YearRule = "year must be a network year between 2000 and 2100.";

    /// <summary>
    /// The network year's work, counted as of <c>calendar.AsOf(year, today)</c>: nothing dated after that day counts, so a
    /// past year's figures do not change. "In the year" is [start of the year, as-of day].
    /// </summary>
    public static ImprovementActivityReport Of(NetworkYearCalendar calendar, int year, DateOnly today, ImprovementWork work)
    {
        var from = calendar.StartOf(year);
        var asOf = calendar.AsOf(year, today);
        bool InYear(DateOnly d) => d >= from && d <= asOf;

        // Months from the year's start day (a year starting on 15 March counts 15 March to 14 April as its first month),
        // up to the one holding the as-of day.
        var months = new List<ImprovementMonth>();
        for (var start = from; start <= asOf; start = start.AddMonths(1))
        {
            var end = start.AddMonths(1);
            bool In(DateOnly d) => d >= start && d < end && d <= asOf;
            months.Add(new ImprovementMonth(start, work.Cycles.Count(c => In(c.StartedOn)), work.Cycles.Count(c => c.CompletedOn is { } d && In(d)),
                work.Touchpoints.Count(In)));
        }

        var completed = work.Cycles.Where(c => c.CompletedOn is { } d && InYear(d)).ToList();
        // Active: a cycle started by the as-of day and not completed before the window opened was in Do or Study, or
        // completed, within (asOf - 60, asOf].
        var windowStart = asOf.AddDays(-ActiveWindowDays + 1);
        var teams = work.TeamsFirstSeen.Count(d => d <= asOf);
        var active = work.Cycles.Where(c => c.StartedOn <= asOf && !(c.CompletedOn < windowStart)).Select(c => c.TeamId).Distinct().Count();
        int Decided(string decision) => completed.Count(c => c.Decision == decision);

        return new ImprovementActivityReport(year, from, asOf, months,
            CyclesStarted: work.Cycles.Count(c => InYear(c.StartedOn)),
            CyclesCompleted: completed.Count,
            CoachingTouchpoints: work.Touchpoints.Count(InYear),
            Teams: teams,
            TeamsActive: active,
            ActiveWindowDays: ActiveWindowDays,
            TeamsActivePct: Pct(active, teams),
            CompletedWithPredictionsPct: Pct(completed.Count(c => c.HadPredictions), completed.Count),
            Decisions: new CycleDecisions(Decided("Adopt"), Decided("Adapt"), Decided("Abandon"), Decided("TestAgain")),
            // A measure counts once however many signals it showed; the signal's first period dates it.
            MeasuresImproving: work.Signals.Where(s => s.InDirectionOfImprovement && InYear(s.Period)).Select(s => s.MeasureId).Distinct().Count(),
            // Every saved version is a revision (the first included): the theory's working life in the year.
            TheoryRevisions: work.TheoryVersions.Count(InYear),
            TheoryRevisedLast12Months: work.TheoryVersions.Any(d => d > asOf.AddMonths(-12) && d <= asOf),
            CycleReviews: work.CycleReviews.Count(InYear));
    }

    /// <summary>A share in percent with one decimal; null when there is nothing to share (no division by zero).</summary>
    public static decimal? Pct(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);

    /// <summary>A count per team with two decimals; null without teams.</summary>
    public static decimal? PerTeam(int count, int teams) => teams == 0 ? null : Math.Round((decimal)count / teams, 2);
}
