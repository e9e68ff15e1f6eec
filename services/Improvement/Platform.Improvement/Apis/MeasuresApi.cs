using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Charts;
using Platform.Contracts.Improvement;
using Platform.Data;
using Platform.Improvement.Application;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.Improvement.IntegrationEvents;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.Spc;

namespace Platform.Improvement.Apis;

/// <summary>A measure as written: kind, chart and direction by name (an unknown name is a 400 naming the field).</summary>
public sealed record MeasureRequest(string? Name, string? Kind, string? Chart, string? Definition, string? Direction, double? Multiplier = null,
    double? Target = null, Guid? TeamId = null, IReadOnlyList<Guid>? ChangeIdeaIds = null);

public sealed record ChartSettingsRequest(int? Freeze = null, IReadOnlyList<string?>? Splits = null);

public sealed record ChartSettingsView(int? Freeze, IReadOnlyList<DateOnly> Splits);

public sealed record MeasureView(Guid Id, Guid NetworkId, Guid? TeamId, string Name, MeasureKind Kind, ChartKind Chart, string Definition, Direction Direction,
    double Multiplier, double? Target, IReadOnlyList<Guid> ChangeIdeaIds, ChartSettingsView ChartSettings, Signal? LatestSignal, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static MeasureView Of(Measure m) => new(m.Id, m.NetworkId, m.TeamId, m.Name, m.Kind, m.Chart, m.Definition, m.Direction, m.Multiplier, m.Target,
        m.ChangeIdeaIds, new ChartSettingsView(m.Freeze, m.Splits), m.LatestSignal, m.CreatedAt, m.UpdatedAt);
}

public sealed record PointsSummary(Guid MeasureId, int Points, IReadOnlyList<Signal> NewSignals);

/// <summary>The chart JSON of issue 22 (chart, multiplier, parts, points) with the signals and the settings it was drawn with.</summary>
public sealed record ChartView(Guid MeasureId, ChartKind Chart, double Multiplier, RuleSet Rules, int? Freeze, IReadOnlyList<DateOnly> Splits,
    IReadOnlyList<ChartPart> Parts, IReadOnlyList<ChartPoint> Points, IReadOnlyList<Signal> Signals);

/// <summary>
/// Measures and their run and control charts. The hub team (hub admins and hub staff) defines measures and uploads any
/// measure's points; a member reads the network's measures and uploads points only for measures of a team they belong
/// to today (network-wide measures are the hub team's). A measure's own routes (<c>/api/improvement/measures/{id}</c>)
/// find its network first and then check access as the network routes do: another hub's measure is a 404.
/// </summary>
public static class MeasuresApi
{
    public const int MaxName = 200, MaxDefinition = 4000, MaxChangeIdeas = 50, MaxSplits = 50;
    public const long MaxUploadBytes = 1024 * 1024;

    public static RouteGroupBuilder MapMeasuresApi(this RouteGroupBuilder network)
    {
        var measures = network.MapGroup("/measures").WithTags("Measures");
        measures.MapPost("/", Create).WithSummary("Define a measure of the network or of one of its teams").Produces<MeasureView>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        measures.MapGet("/", List).WithSummary("The network's measures, each with its latest signal").Produces<IReadOnlyList<MeasureView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    /// <summary>The routes of one measure, at <c>/api/improvement/measures/{measureId}</c>.</summary>
    public static RouteGroupBuilder MapMeasureApi(this RouteGroupBuilder measure)
    {
        measure.WithTags("Measures");
        measure.MapGet("/", Get).Produces<MeasureView>().ProducesProblem(StatusCodes.Status404NotFound);
        measure.MapPut("/", Edit).WithSummary("Edit the measure's definition").Produces<MeasureView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        measure.MapGet("/points", Points).WithSummary("The measure's series").Produces<IReadOnlyList<DataPoint>>().ProducesProblem(StatusCodes.Status404NotFound);
        measure.MapPut("/points", Upload)
            .Accepts<IReadOnlyList<DataPoint>>("application/json", "text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithSummary("Replace the series: a JSON array of {period, numerator, denominator?, excluded?, note?}, or text/csv with the header period,numerator,denominator,excluded,note; all or nothing")
            .Produces<PointsSummary>().ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        measure.MapGet("/chart", Chart)
            .WithSummary("The run or control chart (JSON, or SVG with Accept: image/svg+xml); ?freeze=K&split=YYYY-MM-DD,...&rules=anhoej|ihi override the stored settings")
            .Produces<ChartView>().Produces(StatusCodes.Status200OK, contentType: "image/svg+xml").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        measure.MapPut("/chart-settings", Settings).WithSummary("The chart's stored defaults: freeze (a baseline of K points) and splits (new parts)")
            .Produces<MeasureView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return measure;
    }

    private static ProblemHttpResult NoMeasure() =>
        TypedResults.Problem("No measure of your hub has that id.", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult NotYourMeasure() =>
        TypedResults.Problem("You may upload points only for the measures of the improvement teams you belong to; the hub team uploads the network's own.",
            statusCode: StatusCodes.Status403Forbidden);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A valid request as the measure's fields, or the problems by field (the team and change ideas are checked against the network).</summary>
    private static async Task<(Measure? Measure, Dictionary<string, string[]> Problems)> CheckAsync(MeasureRequest r, UnitOfWork uow, Guid networkId,
        RosterStore roster, ChangeIdeaStore ideas, Measure? existing, DateTimeOffset now, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        if (Clean(r.Name) is not { Length: <= MaxName }) problems["name"] = [$"A name is 1 to {MaxName} characters."];
        if (Clean(r.Definition) is not { Length: <= MaxDefinition }) problems["definition"] = [$"A definition (what is counted, and how) is 1 to {MaxDefinition} characters."];
        if (!Enum.TryParse<MeasureKind>(r.Kind, true, out var kind) || !Enum.IsDefined(kind)) problems["kind"] = ["One of Outcome, Process, Balancing."];
        if (!Enum.TryParse<ChartKind>(r.Chart, true, out var chart) || !Enum.IsDefined(chart)) problems["chart"] = ["One of Run, I, P, U, C."];
        if (!Enum.TryParse<Direction>(r.Direction, true, out var direction) || !Enum.IsDefined(direction)) problems["direction"] = ["Which way is better: Up or Down."];
        if (r.Multiplier is { } m && (!double.IsFinite(m) || m <= 0 || m > 1e9)) problems["multiplier"] = ["A positive number (100 shows a proportion as a percent)."];
        if (r.Target is { } t && !double.IsFinite(t)) problems["target"] = ["A number."];
        var ids = r.ChangeIdeaIds ?? [];
        if (ids.Count > MaxChangeIdeas) problems["changeIdeaIds"] = [$"At most {MaxChangeIdeas} change ideas."];
        else
        {
            var known = await ideas.ExistingAsync(uow, networkId, ids.Distinct().ToList(), ct);
            for (var i = 0; i < ids.Count; i++)
                if (!known.Contains(ids[i])) problems[$"changeIdeaIds[{i}]"] = ["The network has no change idea with this id."];
        }
        if (r.TeamId is { } team && await roster.TeamAsync(uow, networkId, team, ct) is null) problems["teamId"] = ["The network has no improvement team with this id."];
        if (problems.Count > 0) return (null, problems);
        var measure = new Measure(existing?.Id ?? Guid.CreateVersion7(), networkId, r.TeamId, Clean(r.Name)!, kind, chart, Clean(r.Definition)!, direction,
            r.Multiplier ?? 1, r.Target, ids.Distinct().ToList(), existing?.Freeze, existing?.Splits ?? [], existing?.Signals ?? [], existing?.CreatedAt ?? now, now);
        return (measure, problems);
    }

    private static async Task<IResult> Create(Guid networkId, MeasureRequest request, ClaimsPrincipal user, Database db, Callers callers, MeasureStore store,
        RosterStore roster, ChangeIdeaStore ideas, TimeProvider clock, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (!caller.IsHubTeam) return caller.IsOutsider ? Access.NotAMember() : Access.HubTeamOnly();
        var (measure, problems) = await CheckAsync(request, uow, networkId, roster, ideas, null, clock.GetUtcNow(), ct);
        if (measure is null) return Invalid.Fields(problems);
        await store.InsertAsync(uow, measure, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/improvement/measures/{measure.Id}", MeasureView.Of(measure));
    }

    private static async Task<IResult> List(Guid networkId, Guid? teamId, ClaimsPrincipal user, Database db, Callers callers, MeasureStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        return TypedResults.Ok((await store.ListAsync(uow, networkId, teamId, ct)).Select(MeasureView.Of).ToList());
    }

    /// <summary>The measure (locked for a write) and who is calling in its network; or the 404/403 to answer.</summary>
    private static async Task<(Measure? Measure, Caller? Caller, IResult? Refusal)> OpenAsync(UnitOfWork uow, Guid measureId, ClaimsPrincipal user, Callers callers,
        MeasureStore store, bool forUpdate, CancellationToken ct)
    {
        if (await store.FindAsync(uow, measureId, forUpdate, ct) is not { } measure) return (null, null, NoMeasure());
        if (await callers.ForNetworkAsync(user, uow, measure.NetworkId, ct) is not { } caller) return (null, null, NoMeasure());
        if (caller.IsOutsider) return (null, null, Access.NotAMember());
        return (measure, caller, null);
    }

    private static async Task<IResult> Get(Guid measureId, ClaimsPrincipal user, Database db, Callers callers, MeasureStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var (measure, _, refusal) = await OpenAsync(uow, measureId, user, callers, store, false, ct);
        return refusal ?? TypedResults.Ok(MeasureView.Of(measure!));
    }

    private static async Task<IResult> Edit(Guid measureId, MeasureRequest request, ClaimsPrincipal user, Database db, Callers callers, MeasureStore store,
        RosterStore roster, ChangeIdeaStore ideas, TimeProvider clock, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var (existing, caller, refusal) = await OpenAsync(uow, measureId, user, callers, store, true, ct);
        if (refusal is not null) return refusal;
        if (!caller!.IsHubTeam) return Access.HubTeamOnly();
        var (measure, problems) = await CheckAsync(request, uow, existing!.NetworkId, roster, ideas, existing, clock.GetUtcNow(), ct);
        if (measure is null) return Invalid.Fields(problems);
        var points = await store.PointsAsync(uow, measureId, ct);
        // A new chart kind must fit the stored series (a P chart needs denominators); otherwise upload a series that fits first.
        if (measure.Chart != existing.Chart && points.Count > 0
            && DataPointUpload.Validate(measure.Chart, points.Select((p, i) => ToRaw(i + 1, p)).ToList()).Problems is { Count: > 0 } misfits)
            return Access.Conflict($"The stored points do not fit a {measure.Chart} chart (first: period {points[misfits[0].Row - 1].Period:yyyy-MM-dd}, {misfits[0].Column}: {misfits[0].Message}) Replace the points with ones that fit, then change the chart.");
        measure = measure with { Signals = Compute(measure, points, measure.Settings()).Signals };
        await store.UpdateAsync(uow, measure, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Ok(MeasureView.Of(measure));
    }

    private static RawPoint ToRaw(int row, DataPoint p) => new(row, p.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        p.Numerator.ToString("R", CultureInfo.InvariantCulture), p.Denominator?.ToString("R", CultureInfo.InvariantCulture), p.Excluded ? "true" : null, p.Note);

    private static async Task<IResult> Points(Guid measureId, ClaimsPrincipal user, Database db, Callers callers, MeasureStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var (_, _, refusal) = await OpenAsync(uow, measureId, user, callers, store, false, ct);
        return refusal ?? TypedResults.Ok(await store.PointsAsync(uow, measureId, ct));
    }

    /// <summary>
    /// Replaces the series, all or nothing: every row checked first (422 listing each problem by row and column), then
    /// delete and insert in one transaction with the measure locked. Signals the new chart shows that the stored one did
    /// not are published as <see cref="MeasureSignalDetected"/> through the outbox, in the same transaction, with the series' <see cref="MeasureDataRecorded"/>.
    /// </summary>
    private static async Task<IResult> Upload(Guid measureId, HttpRequest http, ClaimsPrincipal user, Database db, Callers callers, MeasureStore store,
        Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        var type = http.ContentType ?? "";
        IReadOnlyList<RawPoint> rows;
        IReadOnlyList<PointProblem> problems;
        if (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            // Buffered: the body is bounded by the size limit, and CsvHelper reads synchronously.
            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            (rows, problems) = DataPointUpload.ReadCsv(buffer);
        }
        else if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(http.Body, cancellationToken: ct);
                (rows, problems) = DataPointUpload.ReadJson(document.RootElement);
            }
            catch (JsonException e)
            {
                return Invalid.Request($"The body is not JSON: {e.Message}");
            }
        }
        else return TypedResults.Problem("Send the points as application/json or text/csv.", statusCode: StatusCodes.Status415UnsupportedMediaType);

        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var (measure, caller, refusal) = await OpenAsync(uow, measureId, user, callers, store, true, ct);
        if (refusal is not null) return refusal;
        if (!caller!.IsHubTeam && (measure!.TeamId is not { } team || !caller.Teams.Contains(team))) return NotYourMeasure();

        (var points, problems) = DataPointUpload.Check(measure!.Chart, (rows, problems));
        if (problems.Count > 0)
            return Invalid.Batch("The points have problems; nothing was stored", $"{problems.Count} problem(s); rows are counted as in the upload.", "errors",
                problems.Take(DataPointUpload.MaxPoints).ToList(), StatusCodes.Status422UnprocessableEntity, new Dictionary<string, object?> { ["errorCount"] = problems.Count });

        var chart = Compute(measure!, points, measure!.Settings());
        var added = SignalChanges.New(measure.Signals, chart.Signals);
        await store.ReplacePointsAsync(uow, measureId, points, ct);
        await store.UpdateAsync(uow, measure with { Signals = chart.Signals, UpdatedAt = clock.GetUtcNow() }, ct);
        foreach (var signal in added)
            await outbox.EnqueueAsync(uow, new MeasureSignalDetected(user.TenantId(), measure.NetworkId, measure.Id, signal.Kind.ToString(), signal.FirstPeriod,
                signal.InDirectionOfImprovement ?? false, clock.GetUtcNow()), ct);
        // The series changed: its latest period and size travel too (Reporting dates "no recent measure data" from them).
        await outbox.EnqueueAsync(uow, ImprovementEvents.DataRecorded(user.TenantId(), measure.NetworkId, measure.Id, SeriesFacts.Of(points), clock.GetUtcNow()), ct);
        await uow.CommitAsync(ct);
        return TypedResults.Ok(new PointsSummary(measureId, points.Count, added));
    }

    private static ChartResult Compute(Measure measure, IReadOnlyList<DataPoint> points, ChartSettings settings) =>
        SpcChart.Compute(measure.Chart, points.Select(p => p.ToSpc()).ToList(), settings);

    /// <summary>The chart's query, each bad value a 400 naming its parameter.</summary>
    private static (int? Freeze, IReadOnlyList<DateOnly>? Splits, RuleSet Rules, Dictionary<string, string[]> Problems) ReadQuery(IQueryCollection query)
    {
        var problems = new Dictionary<string, string[]>();
        int? freeze = null;
        if (query.TryGetValue("freeze", out var f))
        {
            if (f.Count == 1 && int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k is >= 1 and <= DataPointUpload.MaxPoints) freeze = k;
            else problems["freeze"] = [$"A whole number of points from 1 to {DataPointUpload.MaxPoints}."];
        }
        List<DateOnly>? splits = null;
        if (query.TryGetValue("split", out var s))
        {
            splits = [];
            foreach (var text in s.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            {
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) splits.Add(d);
                else { problems["split"] = [$"'{(text.Length > 20 ? text[..20] : text)}' is not a date; give periods as YYYY-MM-DD, separated by commas."]; break; }
            }
            if (splits.Count > MaxSplits) problems["split"] = [$"At most {MaxSplits} splits."];
        }
        var rules = RuleSet.Anhoej;
        if (query.TryGetValue("rules", out var r))
        {
            switch (r.Count == 1 ? r[0]?.ToLowerInvariant() : null)
            {
                case "anhoej": break;
                case "ihi": rules = RuleSet.Ihi; break;
                default: problems["rules"] = ["anhoej (the default) or ihi."]; break;
            }
        }
        return (freeze, splits, rules, problems);
    }

    private static async Task<IResult> Chart(Guid measureId, HttpContext http, ClaimsPrincipal user, Database db, Callers callers, MeasureStore store,
        CancellationToken ct)
    {
        var (freeze, splits, rules, problems) = ReadQuery(http.Request.Query);
        if (problems.Count > 0) return Invalid.Fields(problems);
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var (measure, _, refusal) = await OpenAsync(uow, measureId, user, callers, store, false, ct);
        if (refusal is not null) return refusal;
        var settings = measure!.Settings(freeze, splits, rules);
        var chart = Compute(measure, await store.PointsAsync(uow, measureId, ct), settings);
        if (http.Request.Headers.Accept.ToString().Contains("image/svg+xml", StringComparison.OrdinalIgnoreCase))
        {
            var cycles = await store.CyclesOfAsync(uow, measure.NetworkId, measure.ChangeIdeaIds, ct);
            return TypedResults.Text(MeasureChartSvg.Draw(measure, chart, cycles), "image/svg+xml");
        }
        return TypedResults.Ok(new ChartView(measure.Id, chart.Chart, chart.Multiplier, rules, settings.Freeze, settings.Splits ?? [], chart.Parts, chart.Points,
            chart.Signals));
    }

    private static async Task<IResult> Settings(Guid measureId, ChartSettingsRequest request, ClaimsPrincipal user, Database db, Callers callers,
        MeasureStore store, TimeProvider clock, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        if (request.Freeze is < 1 or > DataPointUpload.MaxPoints) problems["freeze"] = [$"A whole number of points from 1 to {DataPointUpload.MaxPoints}, or null."];
        var splits = new List<DateOnly>();
        var given = request.Splits ?? [];
        if (given.Count > MaxSplits) problems["splits"] = [$"At most {MaxSplits} splits."];
        else
            for (var i = 0; i < given.Count; i++)
                if (DateOnly.TryParseExact(given[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) splits.Add(d);
                else problems[$"splits[{i}]"] = ["A period as YYYY-MM-DD."];
        if (problems.Count > 0) return Invalid.Fields(problems);

        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var (measure, caller, refusal) = await OpenAsync(uow, measureId, user, callers, store, true, ct);
        if (refusal is not null) return refusal;
        if (!caller!.IsHubTeam) return Access.HubTeamOnly();
        var changed = measure! with { Freeze = request.Freeze, Splits = splits.Distinct().Order().ToList(), UpdatedAt = clock.GetUtcNow() };
        // The stored signals follow the stored settings (they are what the list shows); no event: the data did not change.
        changed = changed with { Signals = Compute(changed, await store.PointsAsync(uow, measureId, ct), changed.Settings()).Signals };
        await store.UpdateAsync(uow, changed, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Ok(MeasureView.Of(changed));
    }
}
