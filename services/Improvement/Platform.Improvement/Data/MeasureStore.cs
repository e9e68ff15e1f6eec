using Dapper;
using Platform.Data;
using Platform.Improvement.Domain;
using Platform.Spc;

namespace Platform.Improvement.Data;

/// <summary>A cycle drawn on a measure's chart: a test of one of the measure's change ideas, at its start date.</summary>
public sealed record CycleMark(Guid Id, string Title, DateOnly StartedOn);

/// <summary>A measure linked to a change idea, as its evidence shows it: which measure, and what its chart last signalled.</summary>
public sealed record LinkedMeasure(Guid Id, string Name, Signal? LatestSignal);

/// <summary>A measure's series in two facts: its latest period that holds a point (null when none) and how many points.</summary>
public sealed record SeriesFacts(DateOnly? LatestPeriod, int Points)
{
    public static SeriesFacts Of(IReadOnlyList<DataPoint> points) => new(points.Count == 0 ? null : points.Max(p => p.Period), points.Count);
}

/// <summary>Measures, their series and stored chart state. Dates go in and out as ISO text (Dapper has no DateOnly arrays).</summary>
public sealed class MeasureStore
{
    // A class with setters, not a positional record: Dapper matches constructors by the reader's field types, and
    // Npgsql reports array columns as System.Array.
    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid NetworkId { get; set; }
        public Guid? TeamId { get; set; }
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Chart { get; set; } = "";
        public string Definition { get; set; } = "";
        public string Direction { get; set; } = "";
        public double Multiplier { get; set; }
        public double? Target { get; set; }
        public Guid[] ChangeIdeaIds { get; set; } = [];
        public int? Freeze { get; set; }
        public string[] Splits { get; set; } = [];
        public string Signals { get; set; } = "[]";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public Measure ToMeasure() => new(Id, NetworkId, TeamId, Name, Enum.Parse<MeasureKind>(Kind), Enum.Parse<ChartKind>(Chart), Definition,
            Enum.Parse<Direction>(Direction), Multiplier, Target, ChangeIdeaIds, Freeze, Splits.Select(DateOnly.Parse).ToList(),
            ImprovementJson.Read<List<Signal>>(Signals), CreatedAt, UpdatedAt);
    }

    private const string Columns = """
        id, network_id as NetworkId, team_id as TeamId, name, kind, chart, definition, direction, multiplier, target,
        change_idea_ids as ChangeIdeaIds, freeze_points as Freeze, splits::text[] as Splits, signals::text as Signals, created_at as CreatedAt, updated_at as UpdatedAt
        """;

    public Task InsertAsync(UnitOfWork uow, Measure m, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into measures (id, tenant_id, network_id, team_id, name, kind, chart, definition, direction, multiplier, target, change_idea_ids,
                                  freeze_points, splits, signals, created_at, updated_at)
            values (@Id, @tenant, @NetworkId, @TeamId, @Name, @kind, @chart, @Definition, @direction, @Multiplier, @Target, @ids,
                    @Freeze, @splits::date[], @signals::jsonb, @CreatedAt, @UpdatedAt)
            """, Parameters(uow, m), ct));

    /// <summary>Writes the measure's definition, chart settings and signals back.</summary>
    public Task UpdateAsync(UnitOfWork uow, Measure m, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            update measures set team_id = @TeamId, name = @Name, kind = @kind, chart = @chart, definition = @Definition, direction = @direction,
                multiplier = @Multiplier, target = @Target, change_idea_ids = @ids, freeze_points = @Freeze, splits = @splits::date[], signals = @signals::jsonb,
                updated_at = @UpdatedAt
            where id = @Id
            """, Parameters(uow, m), ct));

    private static object Parameters(UnitOfWork uow, Measure m) => new
    {
        m.Id, tenant = uow.TenantId, m.NetworkId, m.TeamId, m.Name, kind = m.Kind.ToString(), chart = m.Chart.ToString(), m.Definition,
        direction = m.Direction.ToString(), m.Multiplier, m.Target, ids = m.ChangeIdeaIds.ToArray(), m.Freeze,
        splits = m.Splits.Select(Iso).ToArray(), signals = ImprovementJson.Write(m.Signals), m.CreatedAt, m.UpdatedAt,
    };

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The measure with this id in the caller's tenant (RLS hides every other hub's), optionally locked for a write.</summary>
    public async Task<Measure?> FindAsync(UnitOfWork uow, Guid id, bool forUpdate, CancellationToken ct) =>
        (await uow.Connection.QuerySingleOrDefaultAsync<Row?>(uow.Command(
            $"select {Columns} from measures where id = @id" + (forUpdate ? " for update" : ""), new { id }, ct)))?.ToMeasure();

    public async Task<IReadOnlyList<Measure>> ListAsync(UnitOfWork uow, Guid networkId, Guid? teamId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Row>(uow.Command($"""
            select {Columns} from measures where network_id = @networkId and (@teamId is null or team_id = @teamId) order by created_at, id
            """, new { networkId, teamId }, ct))).Select(r => r.ToMeasure()).ToList();

    /// <summary>Every measure of the tenant (a replay).</summary>
    public async Task<IReadOnlyList<Measure>> EveryAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Row>(uow.Command($"select {Columns} from measures order by created_at, id", null, ct))).Select(r => r.ToMeasure()).ToList();

    public async Task<IReadOnlyList<DataPoint>> PointsAsync(UnitOfWork uow, Guid measureId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(string Period, double Numerator, double? Denominator, bool Excluded, string? Note)>(uow.Command("""
            select period::text, numerator, denominator, excluded, note from measure_points where measure_id = @measureId order by period
            """, new { measureId }, ct))).Select(p => new DataPoint(DateOnly.Parse(p.Period), p.Numerator, p.Denominator, p.Excluded, p.Note)).ToList();

    /// <summary>Replaces the whole series: the caller's transaction makes it all or nothing.</summary>
    public async Task ReplacePointsAsync(UnitOfWork uow, Guid measureId, IReadOnlyList<DataPoint> points, CancellationToken ct)
    {
        await uow.Connection.ExecuteAsync(uow.Command("delete from measure_points where measure_id = @measureId", new { measureId }, ct));
        if (points.Count == 0) return;
        await uow.Connection.ExecuteAsync(uow.Command("""
            insert into measure_points (measure_id, period, tenant_id, numerator, denominator, excluded, note)
            select @measureId, p::date, @tenant, n, d, x, t from unnest(@periods, @numerators, @denominators, @excluded, @notes) as r(p, n, d, x, t)
            """, new
            {
                measureId, tenant = uow.TenantId, periods = points.Select(p => Iso(p.Period)).ToArray(), numerators = points.Select(p => p.Numerator).ToArray(),
                denominators = points.Select(p => p.Denominator).ToArray(), excluded = points.Select(p => p.Excluded).ToArray(), notes = points.Select(p => p.Note).ToArray(),
            }, ct));
    }

    /// <summary>The started cycles that test any of these change ideas, by start date (the chart's annotations).</summary>
    public async Task<IReadOnlyList<CycleMark>> CyclesOfAsync(UnitOfWork uow, Guid networkId, IReadOnlyList<Guid> changeIdeaIds, CancellationToken ct)
    {
        if (changeIdeaIds.Count == 0) return [];
        return (await uow.Connection.QueryAsync<(Guid Id, string Title, string StartedOn)>(uow.Command("""
            select id, title, started_on::text from pdsa_cycles
            where network_id = @networkId and change_idea_id = any(@ids) and started_on is not null order by started_on, id
            """, new { networkId, ids = changeIdeaIds.ToArray() }, ct))).Select(c => new CycleMark(c.Id, c.Title, DateOnly.Parse(c.StartedOn))).ToList();
    }

    /// <summary>For each change idea of the network, the measures linked to it (the change ideas list's evidence, in one query).</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<LinkedMeasure>>> MeasuresByChangeIdeaAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(Guid Idea, Guid Measure, string Name, string Signals)>(uow.Command("""
            select unnest(change_idea_ids) as idea, id as measure, name, signals::text from measures where network_id = @networkId order by created_at, id
            """, new { networkId }, ct))).GroupBy(r => r.Idea).ToDictionary(g => g.Key, g => (IReadOnlyList<LinkedMeasure>)g.Select(r => Linked(r.Measure, r.Name, r.Signals)).ToList());

    /// <summary>The measures linked to a change idea (its evidence).</summary>
    public async Task<IReadOnlyList<LinkedMeasure>> MeasuresOfChangeIdeaAsync(UnitOfWork uow, Guid networkId, Guid changeIdeaId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(Guid Id, string Name, string Signals)>(uow.Command(
            "select id, name, signals::text from measures where network_id = @networkId and @changeIdeaId = any(change_idea_ids) order by created_at, id",
            new { networkId, changeIdeaId }, ct))).Select(r => Linked(r.Id, r.Name, r.Signals)).ToList();

    private static LinkedMeasure Linked(Guid id, string name, string signals) => new(id, name, Measure.Latest(ImprovementJson.Read<List<Signal>>(signals)));

    /// <summary>Every measure's series facts of the tenant (a replay), by measure id; a measure with no points is absent.</summary>
    public async Task<IReadOnlyDictionary<Guid, SeriesFacts>> SeriesOfEveryAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(Guid Measure, string Latest, int Points)>(uow.Command(
            "select measure_id, max(period)::text, count(*)::int from measure_points group by measure_id", null, ct)))
            .ToDictionary(r => r.Measure, r => new SeriesFacts(DateOnly.Parse(r.Latest), r.Points));
}
