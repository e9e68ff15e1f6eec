using System.Globalization;
using CsvHelper;

namespace Platform.Reporting.Apis;

/// <summary>Every table endpoint answers JSON, or CSV when asked (<c>Accept: text/csv</c> or <c>?format=csv</c>).</summary>
public static class Tables
{
    public static bool WantsCsv(HttpRequest request) =>
        string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase) ||
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    /// <remarks>Row types are <c>[CsvRecord] partial</c> records: CsvHelper's source generator writes their columns.</remarks>
    public static IResult Respond<T>(HttpRequest request, IReadOnlyList<T> rows, string fileName) =>
        WantsCsv(request) ? Csv(rows, fileName) : TypedResults.Ok(rows);

    private static IResult Csv<T>(IReadOnlyList<T> rows, string fileName) =>
        TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ToCsv(rows)), "text/csv; charset=utf-8", fileName);

    public static string ToCsv<T>(IReadOnlyList<T> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        // Cells that a spreadsheet would run as formulas are escaped (CSV injection).
        var options = new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, Injection = CsvInjection.Escape };
        using (var csv = CsvWriter.Create(writer, options, leaveOpen: true))
            csv.WriteRecords(rows);
        return writer.ToString();
    }
}
