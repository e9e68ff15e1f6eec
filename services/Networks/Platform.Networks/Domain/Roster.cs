using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Platform.Networks.Domain;

/// <summary>One data line of a roster file, as text (row 1 is the header).</summary>
public sealed record RosterLine(int Row, string Email, string GivenName, string FamilyName, string School, string District,
    string Team, string Role, string StartDate, string EndDate, string Language = "");

/// <summary>A valid roster line: a person's membership period, optionally in a school's team.</summary>
public sealed record RosterEntry(int Row, string Email, string GivenName, string FamilyName, string? School, string? District,
    string? Team, MemberRole Role, DateOnly Start, DateOnly? End, string? Language = null);

public sealed record RosterProblem(int Row, string Column, string Message);

/// <summary>
/// Roster validation: every problem of every row, before anything is written. Pure; the import applies only a file
/// with no problems.
/// </summary>
public static class Roster
{
    public static readonly IReadOnlyList<string> Header =
        ["email", "given_name", "family_name", "school", "district", "team", "role", "start_date", "end_date"];

    /// <summary>An optional last column: the language the person prefers for the survey (en or es; empty: English).</summary>
    public const string LanguageColumn = "language";

    private static readonly EmailAddressAttribute EmailRule = new();

    public static IReadOnlyList<RosterProblem> CheckHeader(IReadOnlyList<string> header)
    {
        var actual = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        return actual.SequenceEqual(Header) || actual.SequenceEqual(Header.Append(LanguageColumn))
            ? []
            : [new RosterProblem(1, "header", $"The header must be exactly: {string.Join(',', Header)} (optionally followed by ,{LanguageColumn}) (found: {string.Join(',', actual)}).")];
    }

    public static (IReadOnlyList<RosterEntry> Entries, IReadOnlyList<RosterProblem> Problems) Validate(IEnumerable<RosterLine> lines)
    {
        var entries = new List<RosterEntry>();
        var problems = new List<RosterProblem>();
        var names = new Dictionary<string, (string Given, string Family, int Row)>(StringComparer.OrdinalIgnoreCase);
        var districts = new Dictionary<string, (string District, int Row)>(StringComparer.OrdinalIgnoreCase);

        foreach (var line in lines)
        {
            var before = problems.Count;
            void Problem(string column, string message) => problems.Add(new RosterProblem(line.Row, column, message));

            var email = line.Email.Trim();
            if (email.Length == 0) Problem("email", "An email is required.");
            else if (email.Length > 254 || !EmailRule.IsValid(email)) Problem("email", $"'{Clip(email)}' is not an email address.");
            var given = Required(line.GivenName, "given_name", 100, Problem);
            var family = Required(line.FamilyName, "family_name", 100, Problem);
            var school = Optional(line.School, "school", 200, Problem);
            var district = Optional(line.District, "district", 200, Problem);
            var team = Optional(line.Team, "team", 200, Problem);
            if (school is not null && district is null) Problem("district", "A school names its district.");
            if (team is not null && school is null) Problem("team", "A team belongs to a school: name the school.");

            if (!Enum.TryParse<MemberRole>(line.Role.Trim(), ignoreCase: true, out var role) || int.TryParse(line.Role, out _))
                Problem("role", $"'{Clip(line.Role)}' is not a role (TeamMember, TeamLead, DistrictLead, Other).");
            var start = Date(line.StartDate, "start_date", required: true, Problem);
            var end = Date(line.EndDate, "end_date", required: false, Problem);
            if (start is { } s && end is { } e && e < s) Problem("end_date", $"The end date {e:O} is before the start date {s:O}.");
            var language = line.Language.Trim().ToLowerInvariant() is { Length: > 0 } l ? l : null;
            if (language is not null && !Person.Languages.Contains(language))
                Problem(LanguageColumn, $"'{Clip(line.Language)}' is not a language the survey is offered in ({string.Join(", ", Person.Languages)}).");

            if (email.Length > 0 && given is not null && family is not null)
            {
                if (names.TryGetValue(email, out var seen) &&
                    (!string.Equals(seen.Given, given, StringComparison.OrdinalIgnoreCase) || !string.Equals(seen.Family, family, StringComparison.OrdinalIgnoreCase)))
                    Problem("given_name", $"{email} is {seen.Given} {seen.Family} on row {seen.Row}, but {given} {family} here.");
                else names.TryAdd(email, (given, family, line.Row));
            }
            if (school is not null && district is not null)
            {
                if (districts.TryGetValue(school, out var d) && !string.Equals(d.District, district, StringComparison.OrdinalIgnoreCase))
                    Problem("district", $"{school} is in {d.District} on row {d.Row}, but in {district} here.");
                else districts.TryAdd(school, (district, line.Row));
            }

            if (problems.Count == before)
                entries.Add(new RosterEntry(line.Row, email, given!, family!, school, district, team, role, start!.Value, end, language));
        }

        // A person's periods in one file must not overlap.
        foreach (var person in entries.GroupBy(e => e.Email, StringComparer.OrdinalIgnoreCase))
        {
            var ordered = person.OrderBy(e => e.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var previous = ordered[i - 1];
                if (previous.End is null || previous.End > ordered[i].Start)
                    problems.Add(new RosterProblem(ordered[i].Row, "start_date",
                        $"{person.Key}'s period starting {ordered[i].Start:O} overlaps the one on row {previous.Row}."));
            }
        }
        return (entries, problems.OrderBy(p => p.Row).ToList());
    }

    private static string? Required(string value, string column, int max, Action<string, string> problem)
    {
        var v = value.Trim();
        if (v.Length == 0) { problem(column, $"A {column.Replace('_', ' ')} is required."); return null; }
        if (v.Length > max) { problem(column, $"At most {max} characters."); return null; }
        return v;
    }

    private static string? Optional(string value, string column, int max, Action<string, string> problem)
    {
        var v = value.Trim();
        if (v.Length > max) problem(column, $"At most {max} characters.");
        return v.Length == 0 ? null : v;
    }

    private static DateOnly? Date(string value, string column, bool required, Action<string, string> problem)
    {
        var v = value.Trim();
        if (v.Length == 0)
        {
            if (required) problem(column, "A date is required (YYYY-MM-DD).");
            return null;
        }
        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        problem(column, $"'{Clip(v)}' is not an ISO 8601 date (YYYY-MM-DD).");
        return null;
    }

    private static string Clip(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
