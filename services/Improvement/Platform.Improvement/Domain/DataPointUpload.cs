using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Platform.Spc;

namespace Platform.Improvement.Domain;

/// <summary>One problem of an upload: its row (CSV: the line, the header being row 1; JSON: the item, from 1) and column.</summary>
public sealed record PointProblem(int Row, string Column, string Message);

/// <summary>One uploaded row as text, before it is checked: CSV and JSON both become these, so both are checked alike.</summary>
public sealed record RawPoint(int Row, string? Period, string? Numerator, string? Denominator, string? Excluded, string? Note);

/// <summary>
/// A measure's series as uploaded (<c>PUT .../points</c>): read from CSV or JSON, then checked whole against the
/// measure's chart, every problem named by row and column. Nothing is stored unless there are none.
/// </summary>
public static class DataPointUpload
{
    public const int MaxPoints = 1000;
    public const int MaxNote = 500;
    public static readonly IReadOnlyList<string> Header = ["period", "numerator", "denominator", "excluded", "note"];
    private static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(2999, 12, 31);

    /// <summary>Reads CSV with the header <c>period,numerator,denominator,excluded,note</c> (CsvHelper; quoted fields allowed).</summary>
    public static (IReadOnlyList<RawPoint> Rows, IReadOnlyList<PointProblem> Problems) ReadCsv(Stream csvText)
    {
        var rows = new List<RawPoint>();
        using var csv = CsvReader.Create(csvText, new CsvReaderOptions { HasHeader = false, FieldCountMismatch = CsvFieldCountHandling.Allow, SkipEmptyLines = true },
            leaveOpen: true);
        if (!csv.Read()) return (rows, [new PointProblem(1, "header", $"The upload is empty; its first line is the header {string.Join(',', Header)}.")]);
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => (csv.GetString(i) ?? "").Trim()).ToList();
        if (!header.SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
            return (rows, [new PointProblem(1, "header", $"The header must be {string.Join(',', Header)}; found {string.Join(',', header)}.")]);

        var problems = new List<PointProblem>();
        var row = 1;
        while (csv.Read())
        {
            row++;
            if (csv.FieldCount != Header.Count)
            {
                problems.Add(new PointProblem(row, "*", $"Expected {Header.Count} fields, found {csv.FieldCount}."));
                continue;
            }
            string? F(int i) => csv.GetString(i) is { } s && s.Trim().Length > 0 ? s.Trim() : null;
            rows.Add(new RawPoint(row, F(0), F(1), F(2), F(3), F(4)));
        }
        return (rows, problems);
    }

    /// <summary>Reads a JSON array of <c>{period, numerator, denominator?, excluded?, note?}</c>; a wrong type is a problem of its row, not a 400.</summary>
    public static (IReadOnlyList<RawPoint> Rows, IReadOnlyList<PointProblem> Problems) ReadJson(JsonElement body)
    {
        var rows = new List<RawPoint>();
        var problems = new List<PointProblem>();
        if (body.ValueKind != JsonValueKind.Array)
            return (rows, [new PointProblem(0, "*", "Send a JSON array of points: [{\"period\": \"2024-01-01\", \"numerator\": 12, ...}].")]);
        var row = 0;
        foreach (var item in body.EnumerateArray())
        {
            row++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new PointProblem(row, "*", "Each point is an object."));
                continue;
            }
            var read = problems.Count;
            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in item.EnumerateObject())
            {
                if (!Header.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add(new PointProblem(row, property.Name, $"Unknown field; a point has {string.Join(", ", Header)}."));
                    continue;
                }
                var column = property.Name.ToLowerInvariant();
                var value = property.Value;
                var (text, expected) = column switch
                {
                    "period" or "note" => (value.ValueKind == JsonValueKind.String ? value.GetString() : null, JsonValueKind.String),
                    "excluded" => (value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetRawText() : null, JsonValueKind.True),
                    _ => (value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null, JsonValueKind.Number),
                };
                if (text is null && value.ValueKind != JsonValueKind.Null)
                    problems.Add(new PointProblem(row, column, $"Expected {(expected == JsonValueKind.True ? "true or false" : expected.ToString().ToLowerInvariant())}, found {value.ValueKind.ToString().ToLowerInvariant()}."));
                fields[column] = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
            }
            if (problems.Count > read) continue; // its fields could not all be read; checking it further would repeat the problem
            rows.Add(new RawPoint(row, fields.GetValueOrDefault("period"), fields.GetValueOrDefault("numerator"), fields.GetValueOrDefault("denominator"),
                fields.GetValueOrDefault("excluded"), fields.GetValueOrDefault("note")));
        }
        return (rows, problems);
    }

    /// <summary>
    /// Checks every row against the chart: one point per period (a date, YYYY-MM-DD); a finite numerator, not negative on
    /// P, U and C charts (they count); P and U need a denominator above 0, P a numerator no greater than it; Run, I and C
    /// take no denominator; at most <see cref="MaxPoints"/> points. Every problem is listed; the points only if there are none.
    /// </summary>
    public static (IReadOnlyList<DataPoint> Points, IReadOnlyList<PointProblem> Problems) Validate(ChartKind chart, IReadOnlyList<RawPoint> rows)
    {
        var problems = new List<PointProblem>();
        if (rows.Count > MaxPoints)
            return ([], [new PointProblem(rows[MaxPoints].Row, "*", $"A measure holds at most {MaxPoints:N0} points; this upload has {rows.Count:N0}. Nothing was stored.")]);
        var points = new List<DataPoint>(rows.Count);
        var periods = new Dictionary<DateOnly, int>();
        var counts = chart is ChartKind.P or ChartKind.U or ChartKind.C;
        var needsDenominator = chart is ChartKind.P or ChartKind.U;
        foreach (var r in rows)
        {
            var before = problems.Count;
            void Problem(string column, string message) => problems.Add(new PointProblem(r.Row, column, message));

            DateOnly period = default;
            if (r.Period is null) Problem("period", "A period is required (YYYY-MM-DD, the first day of the period).");
            else if (!DateOnly.TryParseExact(r.Period, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out period) || period < Earliest || period > Latest)
                Problem("period", $"'{Clip(r.Period)}' is not a date (YYYY-MM-DD).");
            else if (periods.TryGetValue(period, out var first)) Problem("period", $"Row {first} already has the period {period:yyyy-MM-dd}; one point per period.");
            else periods[period] = r.Row;

            double numerator = 0;
            if (r.Numerator is null) Problem("numerator", "A numerator is required.");
            else if (!TryNumber(r.Numerator, out numerator)) Problem("numerator", $"'{Clip(r.Numerator)}' is not a number.");
            else if (counts && numerator < 0) Problem("numerator", $"A {chart} chart counts; the numerator cannot be negative.");

            double? denominator = null;
            if (!needsDenominator)
            {
                if (r.Denominator is not null) Problem("denominator", $"A {chart} chart takes no denominator; leave it empty.");
            }
            else if (r.Denominator is null) Problem("denominator", $"A {chart} chart needs a denominator above 0.");
            else if (!TryNumber(r.Denominator, out var n)) Problem("denominator", $"'{Clip(r.Denominator)}' is not a number.");
            else if (n <= 0) Problem("denominator", $"A {chart} chart needs a denominator above 0.");
            else
            {
                denominator = n;
                if (chart == ChartKind.P && r.Numerator is not null && numerator > n)
                    Problem("numerator", $"A proportion cannot be above 1: the numerator {Clip(r.Numerator)} is larger than the denominator {Clip(r.Denominator)}.");
            }

            var excluded = false;
            switch (r.Excluded?.ToLowerInvariant())
            {
                case null or "false" or "no" or "0": break;
                case "true" or "yes" or "1": excluded = true; break;
                default: Problem("excluded", $"'{Clip(r.Excluded)}' is not true or false (leave it empty for false)."); break;
            }

            if (r.Note is { Length: > MaxNote }) Problem("note", $"A note is at most {MaxNote} characters.");

            if (problems.Count == before) points.Add(new DataPoint(period, numerator, denominator, excluded, r.Note));
        }
        return problems.Count > 0 ? ([], problems) : (points.OrderBy(p => p.Period).ToList(), problems);
    }

    /// <summary>
    /// What was read, checked: a problem with the whole upload (its header, or not a JSON array) stops there; otherwise
    /// the rows that could be read are checked too, so the answer lists every problem, by row.
    /// </summary>
    public static (IReadOnlyList<DataPoint> Points, IReadOnlyList<PointProblem> Problems) Check(ChartKind chart,
        (IReadOnlyList<RawPoint> Rows, IReadOnlyList<PointProblem> Problems) read)
    {
        if (read.Problems.Any(p => p.Row == 0 || p.Column == "header")) return ([], read.Problems);
        var (points, problems) = Validate(chart, read.Rows);
        var all = read.Problems.Concat(problems).OrderBy(p => p.Row).ToList();
        return all.Count > 0 ? ([], all) : (points, all);
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Echo at most a little of what was sent (a problem list must stay readable).</summary>
    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
