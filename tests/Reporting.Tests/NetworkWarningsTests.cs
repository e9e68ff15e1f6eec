using Platform.Reporting.Domain;

namespace Reporting.Tests;

public class NetworkWarningsTests
{
    private static readonly DateOnly AsOf = new(2026, 7, 31);

    /// <summary>A healthy two-year-old network: every rule stays quiet.</summary>
    private static readonly WarningFacts Healthy = new(AsOf, LaunchDate: new DateOnly(2024, 8, 1), Aim: "Raise ninth-grade on-track rates",
        FocusAreas: 2, LastSurveyResponse: new DateOnly(2026, 4, 10), LastRubricSession: null, CoreSeatsFilled: 3, ResponseRate: 72m,
        PreviousResponseRate: 75m, Members: 40, PreviousMembers: 42, LastActivity: new DateOnly(2026, 7, 1),
        Improvement: new ImprovementWarningFacts(Teams: 4, LastCycleCompleted: new DateOnly(2026, 7, 20), LastMeasureData: new DateOnly(2026, 7, 1),
            TheoryVersion: 3, AimHasMeasure: true, Participation: [new(new DateOnly(2026, 6, 1), 0.5, 10), new(new DateOnly(2026, 7, 1), 0.4, 10)]));

    private static IReadOnlyList<NetworkWarning> Of(WarningFacts facts) => NetworkWarnings.Of(facts, WarningRules.Current);

    private static NetworkWarning Single(WarningFacts facts, string rule) =>
        Assert.Single(Of(facts), w => w.Rule.StartsWith(rule + "@", StringComparison.Ordinal));

    [Fact]
    public void A_healthy_network_has_no_warnings() => Assert.Empty(Of(Healthy));

    [Fact]
    public void Unclear_purpose_fires_on_a_blank_aim_or_more_than_three_focus_areas()
    {
        Assert.Equal(WarningKind.UnclearPurpose, Single(Healthy with { Aim = "  " }, "UnclearPurpose/no-aim").Kind);
        Assert.Empty(Of(Healthy with { FocusAreas = 3 }));
        var w = Single(Healthy with { FocusAreas = 4 }, "UnclearPurpose/too-many-focus-areas");
        Assert.Equal(4, w.Evidence["focusAreas"]);
        Assert.Equal("UnclearPurpose/too-many-focus-areas@2026.2", w.Rule);
    }

    [Fact]
    public void No_recent_data_fires_when_neither_a_survey_nor_a_rubric_session_happened_in_the_last_year()
    {
        var stale = Healthy with { LastSurveyResponse = new DateOnly(2025, 7, 31), LastRubricSession = null };
        var w = Single(stale, "NoRecentData/no-survey-or-rubric");
        Assert.Equal(new DateOnly(2025, 7, 31), w.Evidence["lastSurveyResponse"]);
        // A day inside the window, or a rubric session instead of a survey, is enough.
        Assert.Empty(Of(Healthy with { LastSurveyResponse = new DateOnly(2025, 8, 1) }));
        Assert.Empty(Of(stale with { LastRubricSession = new DateOnly(2026, 1, 15) }));
        // A network younger than a year is not expected to have measured yet.
        Assert.Empty(Of(stale with { LaunchDate = new DateOnly(2025, 9, 1), LastSurveyResponse = null, LastActivity = AsOf }));
    }

    [Fact]
    public void Over_reliance_fires_with_fewer_than_two_core_hub_seats()
    {
        Assert.Equal(1, Single(Healthy with { CoreSeatsFilled = 1 }, "OverReliance/core-seats").Evidence["coreSeatsFilled"]);
        Assert.Contains("No core hub seat", Single(Healthy with { CoreSeatsFilled = 0 }, "OverReliance/core-seats").Message);
        Assert.Empty(Of(Healthy with { CoreSeatsFilled = 2 }));
    }

    [Fact]
    public void The_over_reliance_warning_says_it_counts_the_seats_held_on_its_day()
    {
        // Hub stability compares with the core team's size; this warning counts the seats held that day, and says so.
        Assert.Equal("Only 1 core hub seat held on 2026-07-31 (the seats held that day, fewer than 2).",
            Single(Healthy with { CoreSeatsFilled = 1 }, "OverReliance/core-seats").Message);
        Assert.Equal("No core hub seat held on 2026-07-31 (the seats held that day, fewer than 2).",
            Single(Healthy with { CoreSeatsFilled = 0 }, "OverReliance/core-seats").Message);
    }

    [Fact]
    public void Fizzling_out_fires_on_a_falling_response_rate_at_ten_points()
    {
        Assert.Empty(Of(Healthy with { ResponseRate = 65.1m, PreviousResponseRate = 75m }));
        var w = Single(Healthy with { ResponseRate = 65m, PreviousResponseRate = 75m }, "FizzlingOut/response-rate-falling");
        Assert.Equal(65m, w.Evidence["responseRate"]);
        Assert.Equal(75m, w.Evidence["previousResponseRate"]);
        Assert.Empty(Of(Healthy with { ResponseRate = 10m, PreviousResponseRate = null }));
    }

    [Fact]
    public void Fizzling_out_fires_when_membership_shrinks_by_ten_percent()
    {
        Assert.Empty(Of(Healthy with { Members = 37, PreviousMembers = 41 })); // 9.8%
        var w = Single(Healthy with { Members = 36, PreviousMembers = 40 }, "FizzlingOut/membership-shrinking");
        Assert.Equal(40, w.Evidence["previousMembers"]);
        Assert.Empty(Of(Healthy with { Members = 5, PreviousMembers = 0 }));
    }

    [Fact]
    public void Fizzling_out_fires_after_ninety_quiet_days()
    {
        Assert.Empty(Of(Healthy with { LastActivity = AsOf.AddDays(-89) }));
        var w = Single(Healthy with { LastActivity = AsOf.AddDays(-90) }, "FizzlingOut/no-activity");
        Assert.Equal(AsOf.AddDays(-90), w.Evidence["lastActivity"]);
        Assert.Single(Of(Healthy with { LastActivity = null }));
    }

    [Fact]
    public void The_portfolio_column_names_each_kind_once()
    {
        var warnings = Of(Healthy with { CoreSeatsFilled = 0, Members = 10, PreviousMembers = 40, LastActivity = null });
        Assert.Equal(3, warnings.Count);
        Assert.Equal("OverReliance; FizzlingOut", NetworkWarnings.Summary(warnings));
    }

    [Fact]
    public void Unclear_purpose_fires_without_a_theory_or_with_an_aim_that_names_no_measure()
    {
        var none = Single(Healthy with { Improvement = Healthy.Improvement with { TheoryVersion = null, AimHasMeasure = false } }, "UnclearPurpose/no-theory");
        Assert.Equal("UnclearPurpose/no-theory@2026.2", none.Rule);
        // Without a theory there is no aim to judge: one warning, not two.
        Assert.DoesNotContain(Of(Healthy with { Improvement = Healthy.Improvement with { TheoryVersion = null } }), w => w.Rule.Contains("aim-without-measure"));
        var w = Single(Healthy with { Improvement = Healthy.Improvement with { AimHasMeasure = false } }, "UnclearPurpose/aim-without-measure");
        Assert.Equal(3, w.Evidence["theoryVersion"]);
        Assert.Contains("version 3", w.Message);
    }

    [Fact]
    public void No_recent_data_fires_when_no_measure_has_data_in_the_last_ninety_days()
    {
        Assert.Empty(Of(Healthy with { Improvement = Healthy.Improvement with { LastMeasureData = AsOf.AddDays(-89) } }));
        var w = Single(Healthy with { Improvement = Healthy.Improvement with { LastMeasureData = AsOf.AddDays(-90) } }, "NoRecentData/no-measure-data");
        Assert.Equal(AsOf.AddDays(-90), w.Evidence["lastMeasureData"]);
        Assert.Single(Of(Healthy with { Improvement = Healthy.Improvement with { LastMeasureData = null } }));
        // A network launched 89 days ago is not yet expected to have data; one launched 90 days ago is.
        var young = Healthy with { LaunchDate = AsOf.AddDays(-89), LastSurveyResponse = null, Improvement = Healthy.Improvement with { LastMeasureData = null } };
        Assert.Empty(Of(young));
        Assert.Single(Of(young with { LaunchDate = AsOf.AddDays(-90) }), x => x.Rule.StartsWith("NoRecentData/no-measure-data@", StringComparison.Ordinal));
    }

    [Fact]
    public void Fizzling_out_fires_when_teams_completed_no_cycle_in_ninety_days()
    {
        Assert.Empty(Of(Healthy with { Improvement = Healthy.Improvement with { LastCycleCompleted = AsOf.AddDays(-89) } }));
        var w = Single(Healthy with { Improvement = Healthy.Improvement with { LastCycleCompleted = AsOf.AddDays(-90) } }, "FizzlingOut/no-cycle-completed");
        Assert.Equal(4, w.Evidence["teams"]);
        Assert.Equal(AsOf.AddDays(-90), w.Evidence["lastCycleCompleted"]);
        Assert.Single(Of(Healthy with { Improvement = Healthy.Improvement with { LastCycleCompleted = null } }));
        // No improvement teams: nothing was expected to complete.
        Assert.Empty(Of(Healthy with { Improvement = Healthy.Improvement with { Teams = 0, LastCycleCompleted = null } }));
        // A network younger than the window is not expected to have finished a cycle.
        var young = Healthy with { LaunchDate = AsOf.AddDays(-89), LastSurveyResponse = null, Improvement = Healthy.Improvement with { LastCycleCompleted = null } };
        Assert.Empty(Of(young));
        Assert.Contains(Of(young with { LaunchDate = AsOf.AddDays(-90) }), x => x.Rule.StartsWith("FizzlingOut/no-cycle-completed@", StringComparison.Ordinal));
    }

    [Fact]
    public void Over_reliance_fires_when_more_than_sixty_percent_of_the_windows_cycles_came_from_two_people()
    {
        static ParticipationMonth M(int month, double share, int cycles) => new(new DateOnly(2026, month, 1), share, cycles);
        ImprovementWarningFacts With(params ParticipationMonth[] months) => Healthy.Improvement with { Participation = months };
        // Exactly 60 %: quiet; just above: fires.
        Assert.Empty(Of(Healthy with { Improvement = With(M(7, 0.6, 10)) }));
        var w = Single(Healthy with { Improvement = With(M(7, 0.61, 10)) }, "OverReliance/top-two-people");
        Assert.Equal(61.0, w.Evidence["shareByTopTwoPct"]);
        Assert.Equal("61% of the 10 PDSA cycles in the 90 days before 2026-07-31 came from the two most active people (more than 60%).", w.Message);
        Assert.Equal(10, w.Evidence["cycles"]);
        // Months are weighted by their cycles: 1.0 over 2 cycles and 0.5 over 8 cycles is 60 %, not the plain mean 75 %.
        Assert.Empty(Of(Healthy with { Improvement = With(M(6, 1.0, 2), M(7, 0.5, 8)) }));
        // The window is the 90 days up to 2026-07-31, from 2026-05-03: May overlaps it, April does not.
        Assert.Empty(Of(Healthy with { Improvement = With(M(4, 1.0, 50), M(7, 0.5, 10)) }));
        Assert.Single(Of(Healthy with { Improvement = With(M(5, 1.0, 50), M(7, 0.5, 10)) }));
        // Months without cycles say nothing.
        Assert.Empty(Of(Healthy with { Improvement = With(M(7, 1.0, 0)) }));
    }

    [Fact]
    public void The_improvement_window_starts_the_day_after_ninety_days_before()
    {
        var facts = Healthy.Improvement with { Participation = [new(new DateOnly(2026, 5, 1), 1.0, 5)] };
        Assert.NotNull(facts.TopTwoShare(new DateOnly(2026, 7, 30), 90)); // window from 2026-05-02: May overlaps
        Assert.NotNull(facts.TopTwoShare(new DateOnly(2026, 8, 28), 90)); // window from 2026-05-31: May's last day
        Assert.Null(facts.TopTwoShare(new DateOnly(2026, 8, 29), 90));    // window from 2026-06-01: May does not
        Assert.Null(facts.TopTwoShare(new DateOnly(2026, 4, 30), 90));    // a month after the day does not count
    }
}
