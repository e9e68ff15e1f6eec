using Platform.Reporting.Domain;

namespace Reporting.Tests;

public class NetworkWarningsTests
{
    private static readonly DateOnly AsOf = new(2026, 7, 31);

    /// <summary>A healthy two-year-old network: every rule stays quiet.</summary>
    private static readonly WarningFacts Healthy = new(AsOf, LaunchDate: new DateOnly(2024, 8, 1), Aim: "Raise ninth-grade on-track rates",
        FocusAreas: 2, LastSurveyResponse: new DateOnly(2026, 4, 10), LastRubricSession: null, CoreSeatsFilled: 3, ResponseRate: 72m,
        PreviousResponseRate: 75m, Members: 40, PreviousMembers: 42, LastActivity: new DateOnly(2026, 7, 1));

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
        Assert.Equal("UnclearPurpose/too-many-focus-areas@2026.1", w.Rule);
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
}
