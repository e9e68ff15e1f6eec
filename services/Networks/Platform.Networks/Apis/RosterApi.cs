using Platform.Networks.Application;
using System.Security.Claims;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Networks.Domain;
using Platform.ServiceDefaults;

namespace Platform.Networks.Apis;

/// <summary>Bulk onboarding from a CSV roster: validated whole first, applied in one transaction or not at all.</summary>
public static class RosterApi
{
    public const long MaxRosterBytes = 16 * 1024 * 1024;
    private const int MaxListedProblems = 1000;

    public static RouteGroupBuilder MapRosterApi(this RouteGroupBuilder network)
    {
        network.MapPost("/{id:guid}/roster", Import).RequireAuthorization(Policies.HubAdmin)
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRosterBytes))
            .WithSummary("Import a roster (text/csv; header email,given_name,family_name,school,district,team,role,start_date,end_date)")
            .Produces<RosterSummary>().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    private static async Task<IResult> Import(Guid id, HttpRequest request, ClaimsPrincipal user, NetworkWrites writes, RosterImport import,
        ILoggerFactory logs, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            return TypedResults.Problem("Send the roster as text/csv.", statusCode: StatusCodes.Status415UnsupportedMediaType);

        var (lines, problems) = await ReadAsync(request.Body, ct);
        var read = clock.ElapsedMilliseconds;
        if (problems.Count == 0)
        {
            var (entries, invalid) = Roster.Validate(lines);
            var validated = clock.ElapsedMilliseconds;
            problems = invalid;
            if (problems.Count == 0)
            {
                await using var w = await writes.BeginAsync(user, id, ct);
                if (w is null) return TypedResults.NotFound();
                var (summary, conflicts) = await import.ApplyAsync(w, entries, ct);
                if (summary is not null)
                {
                    var applied = clock.ElapsedMilliseconds;
                    await w.CommitAsync("roster.imported", id, summary, stabilityChanged: true, ct);
                    logs.CreateLogger("Roster").LogInformation(
                        "Roster of {Rows} rows imported into {Network}: read {Read} ms, validate {Validate} ms, apply {Apply} ms, commit {Commit} ms",
                        summary.Rows, id, read, validated - read, applied - validated, clock.ElapsedMilliseconds - applied);
                    return TypedResults.Ok(summary);
                }
                problems = conflicts;
            }
        }
        return Unprocessable(problems);
    }

    /// <summary>Reads the CSV with CsvHelper; the header must match exactly, and each data line becomes a RosterLine.</summary>
    private static async Task<(List<RosterLine>, IReadOnlyList<RosterProblem>)> ReadAsync(Stream body, CancellationToken ct)
    {
        // Buffer first: the body is bounded by the request size limit, and CsvHelper reads synchronously.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var lines = new List<RosterLine>();
        using var csv = CsvReader.Create(buffer, new CsvReaderOptions { HasHeader = false, FieldCountMismatch = CsvFieldCountHandling.Allow, SkipEmptyLines = true }, leaveOpen: true);
        if (!csv.Read()) return (lines, [new RosterProblem(1, "header", "The roster is empty.")]);
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? "").ToList();
        var headerProblems = Roster.CheckHeader(header);
        if (headerProblems.Count > 0) return (lines, headerProblems);

        var problems = new List<RosterProblem>();
        var row = 1;
        var fields = header.Count; // 9, or 10 with the optional language column
        while (csv.Read())
        {
            row++;
            if (csv.FieldCount != fields)
            {
                problems.Add(new RosterProblem(row, "*", $"Expected {fields} fields, found {csv.FieldCount}."));
                continue;
            }
            string F(int i) => i < fields ? csv.GetString(i) ?? "" : "";
            lines.Add(new RosterLine(row, F(0), F(1), F(2), F(3), F(4), F(5), F(6), F(7), F(8), F(9)));
        }
        if (row == 1) problems.Add(new RosterProblem(1, "*", "The roster has a header but no rows."));
        return (lines, problems);
    }

    private static ProblemHttpResult Unprocessable(IReadOnlyList<RosterProblem> problems) =>
        Invalid.Batch("The roster has problems; nothing was imported",
            problems.Count > MaxListedProblems ? $"{problems.Count} problems; the first {MaxListedProblems} are listed." : $"{problems.Count} problem(s).",
            "errors", problems.Take(MaxListedProblems).ToList(), StatusCodes.Status422UnprocessableEntity,
            new Dictionary<string, object?> { ["errorCount"] = problems.Count });
}
