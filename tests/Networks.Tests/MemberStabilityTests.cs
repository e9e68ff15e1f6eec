using Platform.Networks.Domain;

namespace Networks.Tests;

public sealed class MemberStabilityTests
{
    private static readonly NetworkYearCalendar Calendar = NetworkYearCalendar.SchoolYear;
    private static readonly Guid Ana = Guid.NewGuid(), Ben = Guid.NewGuid(), Cai = Guid.NewGuid(), Dee = Guid.NewGuid();

    private static MembershipPeriod P(Guid who, string start, string? end = null) =>
        new(who, DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end));

    [Theory]
    [InlineData("2023-07-31", 2022)]
    [InlineData("2023-08-01", 2023)]
    [InlineData("2024-01-15", 2023)]
    [InlineData("2024-07-31", 2023)]
    public void The_network_year_starts_on_1_august_by_default(string date, int year) =>
        Assert.Equal(year, Calendar.YearOf(DateOnly.Parse(date)));

    [Fact]
    public void A_configured_year_start_moves_the_boundary()
    {
        var calendarYear = new NetworkYearCalendar(1, 1);
        Assert.Equal(2024, calendarYear.YearOf(new DateOnly(2024, 1, 1)));
        Assert.Equal(2023, calendarYear.YearOf(new DateOnly(2023, 12, 31)));
        Assert.Equal(new DateOnly(2024, 12, 31), calendarYear.LastDayOf(2024));
    }

    [Fact]
    public void A_new_member_has_tenure_one_and_counts_as_a_joiner()
    {
        var year = MemberStability.Compute([P(Ana, "2023-09-01")], Calendar, 2023);
        Assert.Equal(new YearStability(2023, 1, 1, 0, 0m, 1m), year);
    }

    [Fact]
    public void Gaps_do_not_reset_tenure_and_rejoining_keeps_every_period()
    {
        // Ana: 2020, 2021, away 2022, back in 2023 -> tenure 3 in 2023.
        var periods = new[] { P(Ana, "2020-08-01", "2022-08-01"), P(Ana, "2023-09-15") };
        var years = MemberStability.MemberYears(periods, Calendar, 2023)[Ana];
        Assert.Equal([2020, 2021, 2023], years);
        Assert.Equal(3, MemberStability.Tenure(years, 2023));
        Assert.Equal(0, MemberStability.Tenure(years, 2022));
        Assert.Equal(1, MemberStability.Compute(periods, Calendar, 2022).Leavers);
        Assert.Equal(0, MemberStability.Compute(periods, Calendar, 2023).Joiners);
    }

    [Fact]
    public void Leaving_mid_year_still_counts_that_year_and_leaving_on_the_boundary_does_not_count_the_next()
    {
        var periods = new[]
        {
            P(Ana, "2022-08-01", "2024-02-01"), // leaves mid-2023: a member of 2022 and 2023
            P(Ben, "2022-08-01", "2023-08-01"), // ends exactly when 2023 starts: a member of 2022 only
        };
        var y2023 = MemberStability.Compute(periods, Calendar, 2023);
        Assert.Equal(1, y2023.Members);
        Assert.Equal(1, y2023.Leavers);
        Assert.Equal(100m, y2023.MemberStabilityPct);
        var y2024 = MemberStability.Compute(periods, Calendar, 2024);
        Assert.Equal(0, y2024.Members);
        Assert.Equal(1, y2024.Leavers);
        Assert.Null(y2024.MemberStabilityPct);
    }

    [Fact]
    public void The_structural_figures_of_a_small_history()
    {
        var periods = new[]
        {
            P(Ana, "2021-08-01"),               // 2021..: tenure 3 in 2023
            P(Ben, "2022-10-01", "2023-06-30"), // 2022 only: leaver in 2023
            P(Cai, "2022-08-01"),               // tenure 2 in 2023
            P(Dee, "2024-05-01"),               // joins in 2023 (school year 2023 runs to July 2024)
        };
        var y = MemberStability.Compute(periods, Calendar, 2023);
        Assert.Equal(3, y.Members);
        Assert.Equal(1, y.Joiners);
        Assert.Equal(1, y.Leavers);
        Assert.Equal(66.7m, y.MemberStabilityPct);
        Assert.Equal(2.00m, y.AverageTenureYears); // (3 + 2 + 1) / 3
    }

    [Fact]
    public void A_zero_length_period_is_no_membership()
    {
        var y = MemberStability.Compute([P(Ana, "2023-09-01", "2023-09-01")], Calendar, 2023);
        Assert.Equal(0, y.Members);
    }

    [Fact]
    public void History_has_one_row_per_year_since_launch()
    {
        var history = MemberStability.History([P(Ana, "2020-09-01")], Calendar, 2020, 2023);
        Assert.Equal([2020, 2021, 2022, 2023], history.Select(h => h.Year));
        Assert.Equal([1m, 2m, 3m, 4m], history.Select(h => h.AverageTenureYears!.Value));
    }

    /// <summary>Property: on random histories, the figures match a day-by-day oracle written independently.</summary>
    [Fact]
    public void On_random_histories_the_figures_match_a_day_by_day_oracle()
    {
        var random = new Random(20261122);
        for (var run = 0; run < 300; run++)
        {
            var people = Enumerable.Range(0, random.Next(1, 12)).Select(_ => Guid.NewGuid()).ToArray();
            var periods = new List<MembershipPeriod>();
            foreach (var person in people)
            {
                var cursor = new DateOnly(2018, 1, 1).AddDays(random.Next(0, 800));
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    var start = cursor.AddDays(random.Next(0, 400));
                    DateOnly? end = random.Next(4) == 0 ? null : start.AddDays(random.Next(0, 900));
                    periods.Add(new MembershipPeriod(person, start, end));
                    if (end is null) break;
                    cursor = end.Value;
                }
            }
            var year = random.Next(2018, 2025);
            var actual = MemberStability.Compute(periods, Calendar, year);
            // The history works out member years once for all its rows; each row must be what the year alone gives.
            Assert.Equal(actual, MemberStability.History(periods, Calendar, 2017, 2026).Single(h => h.Year == year));

            bool MemberIn(Guid p, int y)
            {
                for (var d = Calendar.StartOf(y); d < Calendar.EndOf(y); d = d.AddDays(1))
                    if (periods.Any(m => m.PersonId == p && m.Start <= d && (m.End is null || d < m.End))) return true;
                return false;
            }
            var members = people.Where(p => MemberIn(p, year)).ToList();
            var tenure = members.ToDictionary(p => p, p => Enumerable.Range(2010, year - 2010 + 1).Count(y => MemberIn(p, y)));
            Assert.Equal(members.Count, actual.Members);
            Assert.Equal(tenure.Values.Count(t => t == 1), actual.Joiners);
            Assert.Equal(people.Count(p => MemberIn(p, year - 1) && !MemberIn(p, year)), actual.Leavers);
            if (members.Count > 0)
            {
                Assert.Equal(Math.Round(100m * tenure.Values.Count(t => t >= 2) / members.Count, 1, MidpointRounding.AwayFromZero), actual.MemberStabilityPct);
                Assert.Equal(Math.Round((decimal)tenure.Values.Sum() / members.Count, 2, MidpointRounding.AwayFromZero), actual.AverageTenureYears);
            }
        }
    }
}
