using Platform.Networks.Domain;

namespace Networks.Tests;

public sealed class RosterTests
{
    private static RosterLine Line(int row, string email = "ana@x.test", string given = "Ana", string family = "Lopez", string school = "North High",
        string district = "River", string team = "Team A", string role = "TeamMember", string start = "2022-09-01", string end = "") =>
        new(row, email, given, family, school, district, team, role, start, end);

    [Fact]
    public void The_header_must_match_exactly_in_any_case()
    {
        Assert.Empty(Roster.CheckHeader(["Email", "given_name", "family_name", "school", "district", "team", "role", "start_date", "END_DATE"]));
        Assert.Single(Roster.CheckHeader(["email", "first", "last"]));
        Assert.Single(Roster.CheckHeader(["family_name", "email", "given_name", "school", "district", "team", "role", "start_date", "end_date"]));
    }

    [Fact]
    public void An_optional_language_column_names_the_survey_language_a_person_prefers()
    {
        Assert.Empty(Roster.CheckHeader([.. Roster.Header, "Language"]));
        Assert.Single(Roster.CheckHeader([.. Roster.Header, "lang"]));
        var (entries, problems) = Roster.Validate([Line(2) with { Language = "ES" }, Line(3, "ben@x.test", "Ben", "Okafor"), Line(4, "cy@x.test", "Cy", "Ng") with { Language = "fr" }]);
        Assert.Equal(["es", null], entries.Select(e => e.Language));
        Assert.Equal([new RosterProblem(4, "language", "'fr' is not a language the survey is offered in (en, es).")], problems);
    }

    [Fact]
    public void A_good_roster_gives_typed_entries()
    {
        var (entries, problems) = Roster.Validate([Line(2), Line(3, "ben@x.test", "Ben", "Okafor", role: "teamlead", school: "", district: "", team: "", end: "2023-06-30")]);
        Assert.Empty(problems);
        Assert.Equal(MemberRole.TeamLead, entries[1].Role);
        Assert.Null(entries[1].School);
        Assert.Equal(new DateOnly(2023, 6, 30), entries[1].End);
    }

    [Fact]
    public void Every_problem_of_every_row_is_reported_with_its_row_and_column()
    {
        var (entries, problems) = Roster.Validate(
        [
            Line(2, email: ""),
            Line(3, email: "not-an-email"),
            Line(4, start: "2022-13-01"),
            Line(5, start: "2023-09-01", end: "2023-08-01"),
            Line(6, role: "Principal"),
            Line(7, role: "2"),
            Line(8, given: "", family: ""),
            Line(9, district: ""),
            Line(10, school: "", district: ""),
            Line(11, start: "09/01/2022"),
        ]);
        Assert.Empty(entries);
        Assert.Contains(problems, p => p is { Row: 2, Column: "email" });
        Assert.Contains(problems, p => p is { Row: 3, Column: "email" });
        Assert.Contains(problems, p => p is { Row: 4, Column: "start_date" });
        Assert.Contains(problems, p => p is { Row: 5, Column: "end_date" });
        Assert.Contains(problems, p => p is { Row: 6, Column: "role" });
        Assert.Contains(problems, p => p is { Row: 7, Column: "role" });
        Assert.Contains(problems, p => p is { Row: 8, Column: "given_name" });
        Assert.Contains(problems, p => p is { Row: 8, Column: "family_name" });
        Assert.Contains(problems, p => p is { Row: 9, Column: "district" });
        Assert.Contains(problems, p => p is { Row: 10, Column: "team" });
        Assert.Contains(problems, p => p is { Row: 11, Column: "start_date" });
        Assert.Equal(problems.OrderBy(p => p.Row).Select(p => p.Row), problems.Select(p => p.Row));
    }

    [Fact]
    public void A_duplicate_email_with_conflicting_names_is_a_problem_but_a_rejoin_is_not()
    {
        var (_, conflicting) = Roster.Validate([Line(2), Line(3, given: "Anna", start: "2024-09-01")]);
        Assert.Equal(3, Assert.Single(conflicting).Row);

        var (rejoin, none) = Roster.Validate([Line(2, end: "2023-06-30"), Line(3, email: "ANA@x.test", start: "2024-09-01")]);
        Assert.Empty(none);
        Assert.Equal(2, rejoin.Count);
    }

    [Fact]
    public void Overlapping_periods_of_one_person_are_a_problem()
    {
        var (_, open) = Roster.Validate([Line(2), Line(3, start: "2024-09-01")]);
        Assert.Equal("start_date", Assert.Single(open).Column);
        var (_, overlapping) = Roster.Validate([Line(2, end: "2023-06-30"), Line(3, start: "2023-01-01")]);
        Assert.Single(overlapping);
    }

    [Fact]
    public void One_school_cannot_be_in_two_districts()
    {
        var (_, problems) = Roster.Validate([Line(2), Line(3, "ben@x.test", "Ben", "Okafor", district: "Lake")]);
        var problem = Assert.Single(problems);
        Assert.Equal((3, "district"), (problem.Row, problem.Column));
    }
}
