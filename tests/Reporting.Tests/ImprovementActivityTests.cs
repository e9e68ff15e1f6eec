using Platform.HealthModel;
using Platform.Reporting.Domain;

namespace Reporting.Tests;

/// <summary>The improvement hub's and the funder's counts (domain.md section 8), at their boundaries.</summary>
public class ImprovementActivityTests
{
    private static readonly NetworkYearCalendar School = NetworkYearCalendar.SchoolYear;
    private static readonly DateOnly Later = new(2027, 1, 1); // "today" after network year 2025 (2025-08-01 to 2026-07-31)
    private static readonly DateOnly LastDay = new(2026, 7, 31);
    private static readonly Guid TeamA = Guid.NewGuid(), TeamB = Guid.NewGuid(), TeamC = Guid.NewGuid();

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static ActivityCycle C(Guid team, DateOnly startedOn, DateOnly? completedOn, string? decision, bool hadPredictions) =>
        new(team, startedOn, completedOn, decision, hadPredictions);

    private static ImprovementActivityReport Of(ImprovementWork work, DateOnly? today = null, NetworkYearCalendar? calendar = null) =>
        ImprovementActivity.Of(calendar ?? School, 2025, today ?? Later, work);

    private static ImprovementWork Teams(int n, params ActivityCycle[] cycles) =>
        ImprovementWork.None with { TeamsFirstSeen = [.. Enumerable.Repeat(D(2024, 9, 1), n)], Cycles = cycles };

    [Fact]
    public void A_team_is_active_when_a_cycle_was_open_or_completed_in_the_sixty_days_up_to_the_as_of_day()
    {
        // The window is 2026-06-02 to 2026-07-31.
        Assert.Equal(0, Of(Teams(3, C(TeamA, D(2026, 5, 1), D(2026, 6, 1), "Adopt", true))).TeamsActive);  // completed the day before
        Assert.Equal(1, Of(Teams(3, C(TeamA, D(2026, 5, 1), D(2026, 6, 2), "Adopt", true))).TeamsActive);  // completed on the first day
        Assert.Equal(1, Of(Teams(3, C(TeamA, D(2025, 9, 1), null, null, true))).TeamsActive);              // still in Do or Study
        Assert.Equal(1, Of(Teams(3, C(TeamA, D(2026, 7, 31), null, null, true))).TeamsActive);             // started on the last day
        Assert.Equal(0, Of(Teams(3, C(TeamA, D(2026, 8, 1), null, null, true))).TeamsActive);              // started after it
        Assert.Equal(1, Of(Teams(3, C(TeamA, D(2026, 7, 1), D(2026, 9, 1), "Adapt", true))).TeamsActive); // completed later: open in the window
        // A team counts once, whatever its number of cycles; the share is of the network's teams.
        var r = Of(Teams(3, C(TeamA, D(2026, 7, 1), null, null, true), C(TeamA, D(2026, 7, 2), null, null, true), C(TeamB, D(2026, 7, 3), null, null, true)));
        Assert.Equal((2, 3, 66.7m), (r.TeamsActive, r.Teams, r.TeamsActivePct));
        Assert.Equal(60, r.ActiveWindowDays);
    }

    [Fact]
    public void The_year_counts_what_is_dated_from_its_first_day_to_its_as_of_day()
    {
        var work = Teams(2,
            C(TeamA, D(2025, 7, 31), D(2025, 8, 1), "Adopt", true),   // started the day before the year, completed on its first day
            C(TeamB, D(2025, 8, 1), D(2026, 7, 31), "Abandon", false), // both in the year
            C(TeamC, D(2026, 7, 1), D(2026, 8, 1), "Adapt", true)) with // completed the day after
        {
            Touchpoints = [D(2025, 7, 31), D(2025, 8, 1), D(2026, 7, 31), D(2026, 8, 1)],
            CycleReviews = [D(2025, 8, 1), D(2026, 8, 1)],
            TheoryVersions = [D(2025, 7, 31), D(2025, 8, 1)],
        };
        var r = Of(work);
        Assert.Equal((D(2025, 8, 1), LastDay), (r.From, r.AsOf));
        Assert.Equal(2, r.CyclesStarted);
        Assert.Equal(2, r.CyclesCompleted);
        Assert.Equal(new CycleDecisions(Adopt: 1, Adapt: 0, Abandon: 1, TestAgain: 0), r.Decisions);
        Assert.Equal(50m, r.CompletedWithPredictionsPct);
        Assert.Equal(2, r.CoachingTouchpoints);
        Assert.Equal(1, r.CycleReviews);
        Assert.Equal(1, r.TheoryRevisions);
        // Twelve months from 1 August, each counting its own days.
        Assert.Equal(12, r.Months.Count);
        Assert.Equal(new ImprovementMonth(D(2025, 8, 1), CyclesStarted: 1, CyclesCompleted: 1, CoachingTouchpoints: 1), r.Months[0]);
        Assert.Equal(new ImprovementMonth(D(2026, 7, 1), CyclesStarted: 1, CyclesCompleted: 1, CoachingTouchpoints: 1), r.Months[11]);
    }

    [Fact]
    public void A_running_year_counts_up_to_today_and_lists_its_months_so_far()
    {
        var today = D(2025, 10, 15);
        var r = Of(Teams(1, C(TeamA, D(2025, 10, 15), D(2025, 10, 15), "TestAgain", true), C(TeamA, D(2025, 10, 16), null, null, true)), today);
        Assert.Equal(today, r.AsOf);
        Assert.Equal(3, r.Months.Count); // August, September, October
        Assert.Equal((1, 1), (r.CyclesStarted, r.CyclesCompleted));
        Assert.Equal(1, r.Decisions.TestAgain);
    }

    [Fact]
    public void Months_run_from_the_years_own_start_day()
    {
        var calendar = new NetworkYearCalendar(3, 15);
        var r = ImprovementActivity.Of(calendar, 2025, Later,
            Teams(1, C(TeamA, D(2025, 4, 14), null, null, true), C(TeamA, D(2025, 4, 15), null, null, true)));
        Assert.Equal(new ImprovementMonth(D(2025, 3, 15), 1, 0, 0), r.Months[0]);
        Assert.Equal(new ImprovementMonth(D(2025, 4, 15), 1, 0, 0), r.Months[1]);
        Assert.Equal(12, r.Months.Count);
    }

    [Fact]
    public void Nothing_to_divide_by_gives_no_rate_rather_than_zero()
    {
        var r = Of(ImprovementWork.None);
        Assert.Equal((0, 0), (r.Teams, r.TeamsActive));
        Assert.Null(r.TeamsActivePct);
        Assert.Null(r.CompletedWithPredictionsPct);
        var row = FunderImprovementRow.Of(Guid.NewGuid(), r);
        Assert.Null(row.CyclesCompletedPerTeam);
        Assert.Null(row.CoachingTouchpointsPerTeam);
        Assert.False(row.TheoryRevisedLast12Months);
        // Teams without completed cycles: zero per team, and no prediction share.
        var quiet = FunderImprovementRow.Of(Guid.NewGuid(), Of(Teams(4)));
        Assert.Equal(0m, quiet.CyclesCompletedPerTeam);
        Assert.Equal(0m, quiet.TeamsActivePct);
    }

    [Fact]
    public void Teams_formed_after_the_as_of_day_are_not_yet_the_networks()
    {
        var work = ImprovementWork.None with { TeamsFirstSeen = [D(2026, 7, 31), D(2026, 8, 1)] };
        Assert.Equal(1, Of(work).Teams);
    }

    [Fact]
    public void Measures_improving_count_each_measure_once_with_a_signal_in_its_direction_in_the_year()
    {
        Guid m1 = Guid.NewGuid(), m2 = Guid.NewGuid(), m3 = Guid.NewGuid(), m4 = Guid.NewGuid();
        var work = ImprovementWork.None with
        {
            Signals =
            [
                new(m1, D(2025, 8, 1), true), new(m1, D(2026, 1, 1), true), // twice: once
                new(m2, D(2026, 2, 1), false),                              // the wrong way
                new(m3, D(2025, 7, 1), true),                               // before the year
                new(m4, D(2026, 7, 31), true),
            ],
        };
        Assert.Equal(2, Of(work).MeasuresImproving);
    }

    [Fact]
    public void The_theory_was_revised_in_the_last_twelve_months_from_the_day_after_a_year_before()
    {
        Assert.False(Of(ImprovementWork.None with { TheoryVersions = [D(2025, 7, 31)] }).TheoryRevisedLast12Months);
        Assert.True(Of(ImprovementWork.None with { TheoryVersions = [D(2025, 8, 1)] }).TheoryRevisedLast12Months);
        Assert.False(Of(ImprovementWork.None with { TheoryVersions = [D(2026, 8, 1)] }).TheoryRevisedLast12Months); // after the as-of day
    }

    [Fact]
    public void The_funder_row_divides_by_the_networks_teams()
    {
        var work = Teams(4, C(TeamA, D(2026, 1, 1), D(2026, 1, 20), "Adopt", true), C(TeamB, D(2026, 2, 1), D(2026, 2, 20), "Adopt", true),
            C(TeamB, D(2026, 3, 1), D(2026, 3, 20), "Adapt", true)) with { Touchpoints = [D(2026, 1, 5), D(2026, 2, 5)] };
        var row = FunderImprovementRow.Of(Guid.NewGuid(), Of(work));
        Assert.Equal((3, 0.75m, 0.5m), (row.CyclesCompleted, row.CyclesCompletedPerTeam, row.CoachingTouchpointsPerTeam));
        Assert.Equal(0m, row.TeamsActivePct); // the last completion was 2026-03-20, before the window
    }
}
