using Platform.Networks.Domain;

namespace Networks.Tests;

public sealed class HubStabilityTests
{
    private static readonly DateOnly Launch = new(2020, 8, 1);
    private static readonly DateOnly EarlyWindowEnd = Launch.AddMonths(18); // 2022-02-01

    private static HubStaffAssignment Seat(HubRole role, string start, string? end = null, AssignmentEndReason? reason = null, bool core = true) =>
        new(Guid.NewGuid(), Guid.NewGuid(), role, core, DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end), reason);

    private static HubStabilityClass Classify(DateOnly asOf, params HubStaffAssignment[] seats) => HubStability.Classify(seats, Launch, asOf);

    private static readonly DateOnly Today = new(2025, 6, 1);

    [Fact]
    public void No_core_departure_is_stable_even_with_role_changes_planned_ends_and_non_core_departures() =>
        Assert.Equal(HubStabilityClass.Stable, Classify(Today,
            Seat(HubRole.HubLead, "2020-08-01"),
            Seat(HubRole.ImprovementLead, "2020-08-01", "2023-01-01", AssignmentEndReason.RoleChange),
            Seat(HubRole.ImprovementCoach, "2020-08-01", "2023-01-01", AssignmentEndReason.Planned),
            Seat(HubRole.DataLead, "2020-08-01", "2021-01-01", AssignmentEndReason.Departure, core: false)));

    [Fact]
    public void Departures_only_inside_the_first_18_months_are_early_turnover_then_stable() =>
        Assert.Equal(HubStabilityClass.EarlyTurnoverThenStable, Classify(Today,
            Seat(HubRole.HubLead, "2020-08-01", "2021-03-01", AssignmentEndReason.Departure),
            Seat(HubRole.HubLead, "2021-03-01"),
            Seat(HubRole.ImprovementLead, "2020-08-01", "2022-01-31", AssignmentEndReason.Departure),
            Seat(HubRole.ImprovementLead, "2022-01-31"),
            Seat(HubRole.ImprovementCoach, "2020-08-01")));

    [Fact]
    public void A_departure_on_the_day_the_early_window_closes_is_late()
    {
        var seats = new[]
        {
            Seat(HubRole.HubLead, "2020-08-01"),
            Seat(HubRole.ImprovementLead, "2020-08-01"),
            Seat(HubRole.ImprovementCoach, "2020-08-01", EarlyWindowEnd.ToString("O"), AssignmentEndReason.Departure),
            Seat(HubRole.ImprovementCoach, EarlyWindowEnd.ToString("O")),
        };
        Assert.Equal(HubStabilityClass.SomeTurnover, Classify(Today, seats)); // 1 of 3 seats
        var dayBefore = seats.ToArray();
        dayBefore[2] = dayBefore[2] with { End = EarlyWindowEnd.AddDays(-1) };
        Assert.Equal(HubStabilityClass.EarlyTurnoverThenStable, Classify(Today, dayBefore));
    }

    [Fact]
    public void Late_departures_of_half_the_core_seats_are_high_turnover_and_fewer_are_some()
    {
        var team = new List<HubStaffAssignment>
        {
            Seat(HubRole.HubLead, "2020-08-01"),
            Seat(HubRole.ImprovementLead, "2020-08-01", "2023-01-01", AssignmentEndReason.Departure),
            Seat(HubRole.ImprovementLead, "2023-01-01"),
            Seat(HubRole.ImprovementCoach, "2020-08-01"),
            Seat(HubRole.ImprovementCoach, "2020-08-01"),
        };
        Assert.Equal(4, HubStability.CoreTeamSize(team, Today));
        Assert.Equal(HubStabilityClass.SomeTurnover, Classify(Today, [.. team])); // 1 of 4
        team[3] = team[3] with { End = new DateOnly(2024, 1, 1), EndReason = AssignmentEndReason.Departure };
        Assert.Equal(HubStabilityClass.HighTurnover, Classify(Today, [.. team])); // 2 of 4 = 50%
    }

    [Fact]
    public void The_hub_lead_seat_vacated_twice_is_high_turnover()
    {
        var seats = new[]
        {
            Seat(HubRole.HubLead, "2020-08-01", "2021-01-01", AssignmentEndReason.Departure), // early
            Seat(HubRole.HubLead, "2021-01-01", "2023-06-01", AssignmentEndReason.Departure), // late
            Seat(HubRole.HubLead, "2023-06-01"),
            Seat(HubRole.ImprovementLead, "2020-08-01"),
            Seat(HubRole.ImprovementCoach, "2020-08-01"),
            Seat(HubRole.ImprovementCoach, "2020-08-01"),
        };
        Assert.Equal(HubStabilityClass.HighTurnover, Classify(Today, seats));
    }

    [Fact]
    public void Stability_is_judged_as_of_a_date_so_later_departures_do_not_count_yet()
    {
        var seats = new[]
        {
            Seat(HubRole.HubLead, "2020-08-01", "2024-03-01", AssignmentEndReason.Departure),
            Seat(HubRole.ImprovementLead, "2020-08-01"),
        };
        Assert.Equal(HubStabilityClass.Stable, Classify(new DateOnly(2024, 2, 29), seats));
        Assert.Equal(HubStabilityClass.HighTurnover, Classify(new DateOnly(2024, 3, 1), seats)); // 1 of 2 seats
    }

    [Fact]
    public void A_seat_handed_over_on_the_same_day_is_one_seat() =>
        Assert.Equal(1, HubStability.CoreTeamSize(
            [Seat(HubRole.HubLead, "2020-08-01", "2022-01-01", AssignmentEndReason.Departure), Seat(HubRole.HubLead, "2022-01-01")], Today));
}
