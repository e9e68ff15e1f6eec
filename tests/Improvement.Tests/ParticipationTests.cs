using Platform.Improvement.Domain;

namespace Improvement.Tests;

/// <summary>A network's monthly participation: active people, and how much of the month's cycles rests on its two most active people.</summary>
public sealed class ParticipationTests
{
    private static readonly Guid C1 = Guid.NewGuid(), C2 = Guid.NewGuid(), C3 = Guid.NewGuid(), C4 = Guid.NewGuid(), C5 = Guid.NewGuid();

    [Fact]
    public void A_month_without_steps_has_no_one_active_and_a_share_of_zero() =>
        Assert.Equal(new ParticipationFigures(0, 0), Participation.Of([]));

    [Fact]
    public void People_are_counted_once_and_the_top_two_share_counts_each_cycle_once()
    {
        // Ana took part in C1, C2, C3; Ben in C3, C4; Cy in C5; Dee in C5 (a second step of one cycle counts once).
        CycleStep[] steps =
        [
            new(C1, "ana"), new(C1, "ana"), new(C2, "ana"), new(C3, "ana"),
            new(C3, "ben"), new(C4, "ben"),
            new(C5, "cy"), new(C5, "dee"),
        ];
        // Top two: Ana (3 cycles) and Ben (2): C1-C4 of 5 cycles.
        Assert.Equal(new ParticipationFigures(4, 0.8), Participation.Of(steps));
    }

    [Fact]
    public void Ties_for_second_place_go_to_the_smaller_key_whatever_the_order_of_the_steps()
    {
        CycleStep[] steps = [new(C1, "zed"), new(C2, "amy"), new(C3, "max"), new(C3, "zed")];
        var figures = Participation.Of(steps);
        Assert.Equal(figures, Participation.Of(steps.Reverse().ToList()));
        // Zed (C1, C3) first, then Amy over Max (both one cycle): C1, C2, C3 of 3.
        Assert.Equal(new ParticipationFigures(3, 1), figures);
    }

    [Fact]
    public void One_person_doing_everything_is_a_share_of_one() =>
        Assert.Equal(new ParticipationFigures(1, 1), Participation.Of([new(C1, "ana"), new(C2, "ana")]));

    [Theory]
    [InlineData("2026-12-05T21:55:00Z", "2026-11-01")]
    [InlineData("2026-01-01T00:00:00Z", "2025-12-01")]
    [InlineData("2026-03-31T23:59:59-05:00", "2026-03-01")] // 04:59 on 1 April in UTC: March has ended
    public void The_month_due_is_the_last_one_that_has_ended_in_UTC(string now, string month) =>
        Assert.Equal(DateOnly.Parse(month), Participation.JustEndedMonth(DateTimeOffset.Parse(now)));

    [Fact]
    public void A_month_spans_its_first_instant_to_the_next_months()
    {
        var (start, end) = Participation.Span(new DateOnly(2026, 2, 1));
        Assert.Equal((DateTimeOffset.Parse("2026-02-01T00:00:00Z"), DateTimeOffset.Parse("2026-03-01T00:00:00Z")), (start, end));
    }
}
