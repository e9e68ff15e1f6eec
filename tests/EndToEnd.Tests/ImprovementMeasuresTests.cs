using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Contracts.Improvement;
using Platform.Spc;

namespace EndToEnd.Tests;

/// <summary>
/// Improvement's measures through the gateway: a measure's 30 monthly points uploaded as CSV (a bad row refused whole,
/// then good), its chart JSON equal to Platform.Spc's on the same data, the SVG, the chart settings, who may upload, and
/// MeasureSignalDetected reaching the broker once per new signal.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ImprovementMeasuresTests(PlatformFixture platform)
{
    private const string Header = "period,numerator,denominator,excluded,note";
    private static readonly DateOnly Start = new(2022, 1, 1);

    // Thirty months of "on track" counts out of 50 ninth graders: about 60% for 18 months, then about 80% (a shift up).
    private static readonly int[] OnTrack = [29, 31, 30, 28, 32, 30, 31, 29, 30, 33, 27, 30, 31, 29, 30, 32, 28, 30, 39, 41, 40, 38, 42, 40, 41, 39, 40, 42, 38, 41];

    private static IReadOnlyList<MeasurePoint> Series => OnTrack.Select((n, i) => new MeasurePoint(Start.AddMonths(i), n, 50)).ToList();

    private static string Csv(Func<int, string?>? row = null) =>
        string.Join("\n", [Header, .. OnTrack.Select((n, i) => row?.Invoke(i) ?? $"{Start.AddMonths(i):yyyy-MM-dd},{n},50,,")]) + "\n";

    private readonly ImprovementTestKit kit = new(platform);

    private Task<ImprovementTestKit.Network> NewNetworkAsync(string hub) => kit.NewNetworkAsync(hub, "Measures", new DateOnly(2021, 8, 1));

    private async Task<string> MemberOfAsync(string hub, ImprovementTestKit.Network network, Guid team, string name) => (await kit.MemberAsync(hub, network, team, name)).Token;

    private Task<JsonElement> Expect(HttpStatusCode status, HttpMethod method, string path, string token, object? body = null) =>
        kit.Expect(status, method, path, token, body);

    private static Task<JsonElement> Read(HttpStatusCode status, HttpResponseMessage response, string what) => ImprovementTestKit.Read(status, response, what);

    private async Task<JsonElement> PutCsv(HttpStatusCode status, Guid measure, string token, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/improvement/measures/{measure}/points")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await platform.Api.Http.SendAsync(request);
        return await Read(status, response, "PUT points (csv)");
    }

    private static (int Row, string Column)[] Rows(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!)).ToArray();

    private static string[] ErrorFields(JsonElement problem) => ImprovementTestKit.ErrorFields(problem);

    private Task UntilOkAsync(string path, string token, string because) => kit.UntilOkAsync(path, token, because);

    private static object MeasureBody(Guid? teamId, Guid[] ideas, string name = "Ninth graders on track", string chart = "P") => new
    {
        name, kind = "Outcome", chart, definition = "Ninth graders with no F and at least 90% attendance, of those enrolled", direction = "Up",
        multiplier = 100, target = 85, teamId, changeIdeaIds = ideas,
    };

    /// <summary>The chart JSON must be Platform.Spc's chart of the same data and settings, to 4 decimals.</summary>
    private static void AssertSameChart(ChartResult expected, JsonElement actual)
    {
        static void Near(double? e, JsonElement a, string what)
        {
            if (e is null) Assert.True(a.ValueKind == JsonValueKind.Null, $"{what}: expected null, got {a}");
            else Assert.True(Math.Abs(e.Value - a.GetDouble()) < 5e-5, $"{what}: expected {e:F4}, got {a}");
        }
        Assert.Equal(expected.Chart.ToString(), actual.GetProperty("chart").GetString());
        Assert.Equal(expected.Multiplier, actual.GetProperty("multiplier").GetDouble());
        var parts = actual.GetProperty("parts").EnumerateArray().ToArray();
        Assert.Equal(expected.Parts.Count, parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var (e, a) = (expected.Parts[i], parts[i]);
            Assert.Equal(e.FirstPeriod.ToString("yyyy-MM-dd"), a.GetProperty("firstPeriod").GetString());
            Assert.Equal(e.LastPeriod.ToString("yyyy-MM-dd"), a.GetProperty("lastPeriod").GetString());
            Near(e.Center, a.GetProperty("center"), $"part {i + 1} center");
            var runs = a.GetProperty("runs");
            Assert.Equal((e.Runs.UsefulPoints, e.Runs.LongestRun, e.Runs.Crossings, e.Runs.Signal),
                (runs.GetProperty("usefulPoints").GetInt32(), runs.GetProperty("longestRun").GetInt32(), runs.GetProperty("crossings").GetInt32(), runs.GetProperty("signal").GetBoolean()));
            Assert.Equal(e.Runs.LongestRunMax, runs.GetProperty("longestRunMax").ValueKind == JsonValueKind.Null ? null : runs.GetProperty("longestRunMax").GetInt32());
            Assert.Equal(e.Runs.CrossingsMin, runs.GetProperty("crossingsMin").ValueKind == JsonValueKind.Null ? null : runs.GetProperty("crossingsMin").GetInt32());
        }
        var points = actual.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(expected.Points.Count, points.Length);
        for (var i = 0; i < points.Length; i++)
        {
            var (e, a) = (expected.Points[i], points[i]);
            Assert.Equal(e.Period.ToString("yyyy-MM-dd"), a.GetProperty("period").GetString());
            Near(e.Value, a.GetProperty("value"), $"point {i} value");
            Near(e.Center, a.GetProperty("center"), $"point {i} center");
            Near(e.Lower, a.GetProperty("lower"), $"point {i} lower");
            Near(e.Upper, a.GetProperty("upper"), $"point {i} upper");
            Assert.Equal((e.Excluded, e.OutsideLimits, e.Part), (a.GetProperty("excluded").GetBoolean(), a.GetProperty("outsideLimits").GetBoolean(), a.GetProperty("part").GetInt32()));
        }
        Assert.Equal(expected.Signals.Select(s => $"{s.Kind} {s.Part} {s.FirstPeriod:yyyy-MM-dd} {s.LastPeriod:yyyy-MM-dd} {s.InDirectionOfImprovement}"),
            actual.GetProperty("signals").EnumerateArray().Select(s =>
                $"{s.GetProperty("kind").GetString()} {s.GetProperty("part").GetInt32()} {s.GetProperty("firstPeriod").GetString()} {s.GetProperty("lastPeriod").GetString()} {s.GetProperty("inDirectionOfImprovement").GetBoolean()}"));
    }

    [Fact]
    public async Task A_measure_of_30_months_is_uploaded_as_csv_all_or_nothing_and_charted_as_Platform_Spc_charts_it_with_each_new_signal_published_once()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var n = await NewNetworkAsync(hub);
        var root = $"/api/improvement/networks/{n.Id}";
        await using var probe = await EventProbe.StartAsync(platform, n.Id, s => s.On<MeasureSignalDetected>(m => m.NetworkId));
        await UntilOkAsync($"{root}/measures", hub, "Improvement hears of the network");

        // A change idea the measure is linked to. (Cycles testing it are drawn on the SVG; that drawing is unit-tested in
        // Improvement.Tests.)
        var idea = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/change-ideas", hub, new { title = "Weekly advisory check-ins" })).GetProperty("id").GetGuid();

        // A bad definition names every field; a good one is created.
        var bad = await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, $"{root}/measures", hub,
            new { name = "", kind = "Output", chart = "X", definition = "d", direction = "Sideways", multiplier = -1, teamId = Guid.NewGuid(), changeIdeaIds = new[] { Guid.NewGuid() } });
        Assert.Equal(["changeIdeaIds[0]", "chart", "direction", "kind", "multiplier", "name", "teamId"], ErrorFields(bad));
        // Team A reaches Improvement by its own event, after the network's: until it has, the team is unknown (a 400).
        var created = default(JsonElement);
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await platform.Api.SendAsync(HttpMethod.Post, $"{root}/measures", hub, MeasureBody(n.TeamA, [idea]));
            if (r.StatusCode != HttpStatusCode.Created) return false;
            created = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
            return true;
        }, PlatformFixture.EventDelivery, "Improvement hears of team A");
        var measure = created.GetProperty("id").GetGuid();
        Assert.Equal("P", created.GetProperty("chart").GetString());
        var m = $"/api/improvement/measures/{measure}";

        // The aim's measure must be one of the network's measures.
        object Theory(Guid measureId) => new
        {
            aim = new { statement = "Ninth graders on track", measureId },
            primaryDrivers = new[] { new { title = "Relationships", secondaryDrivers = new[] { new { title = "Advisory", changeIdeaIds = new[] { idea } } } } },
            reason = "First draft",
        };
        Assert.Equal(["aim.measureId"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Put, $"{root}/theory", hub, Theory(Guid.NewGuid()))));
        Assert.Equal(measure, (await Expect(HttpStatusCode.OK, HttpMethod.Put, $"{root}/theory", hub, Theory(measure))).GetProperty("aim").GetProperty("measureId").GetGuid());

        // One bad row (row 11: 60 of 50): 422 naming its row and column, and nothing is stored.
        var refused = await PutCsv(HttpStatusCode.UnprocessableEntity, measure, hub, Csv(i => i == 9 ? $"{Start.AddMonths(i):yyyy-MM-dd},60,50,," : null));
        Assert.Equal([(11, "numerator")], Rows(refused));
        Assert.Equal(0, (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{m}/points", hub)).GetArrayLength());
        // A P chart's denominators: zero, missing (CSV and JSON), all named; still nothing stored.
        Assert.Equal([(3, "denominator"), (8, "denominator")], Rows(await PutCsv(HttpStatusCode.UnprocessableEntity, measure, hub,
            Csv(i => i == 1 ? $"{Start.AddMonths(i):yyyy-MM-dd},3,0,," : i == 6 ? $"{Start.AddMonths(i):yyyy-MM-dd},3,,," : null))));
        Assert.Equal([(1, "denominator")], Rows(await Expect(HttpStatusCode.UnprocessableEntity, HttpMethod.Put, $"{m}/points", hub,
            new[] { new { period = "2024-01-01", numerator = 3 } })));
        Assert.Equal(0, (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{m}/points", hub)).GetArrayLength());
        using (var plain = new HttpRequestMessage(HttpMethod.Put, $"{m}/points") { Content = new StringContent(Csv(), Encoding.UTF8, "text/plain") })
        {
            plain.Headers.Authorization = new("Bearer", hub);
            using var response = await platform.Api.Http.SendAsync(plain);
            await Read(HttpStatusCode.UnsupportedMediaType, response, "PUT points (text/plain)");
        }
        using (var broken = new HttpRequestMessage(HttpMethod.Put, $"{m}/points") { Content = new StringContent("[{\"period\": ", Encoding.UTF8, "application/json") })
        {
            broken.Headers.Authorization = new("Bearer", hub);
            using var response = await platform.Api.Http.SendAsync(broken);
            await Read(HttpStatusCode.BadRequest, response, "PUT points (broken JSON)");
        }
        var tooMany = string.Join("\n", [Header, .. Enumerable.Range(0, 1001).Select(i => $"{new DateOnly(1930, 1, 1).AddMonths(i):yyyy-MM-dd},1,2,,")]);
        var capped = await PutCsv(HttpStatusCode.UnprocessableEntity, measure, hub, tooMany);
        Assert.Contains("1,000", capped.GetProperty("errors")[0].GetProperty("message").GetString());

        // Good: 30 points.
        var stored = await PutCsv(HttpStatusCode.OK, measure, hub, Csv());
        Assert.Equal(30, stored.GetProperty("points").GetInt32());
        Assert.Equal(30, (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{m}/points", hub)).GetArrayLength());

        var byDefault = SpcChart.Compute(ChartKind.P, Series, new ChartSettings(Multiplier: 100, Direction: Direction.Up));
        Assert.NotEmpty(byDefault.Signals); // the shift up must show, or this test proves nothing about events
        AssertSameChart(byDefault, await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{m}/chart", hub));
        var split = new DateOnly(2023, 7, 1);
        AssertSameChart(SpcChart.Compute(ChartKind.P, Series, new ChartSettings(12, [split], RuleSet.Ihi, 100, Direction.Up)),
            await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{m}/chart?freeze=12&split=2023-07-01&rules=ihi", hub));
        Assert.Equal(["freeze"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Get, $"{m}/chart?freeze=0", hub)));
        Assert.Equal(["split"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Get, $"{m}/chart?split=2023-07-01,2023-13-01", hub)));
        Assert.Equal(["rules"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Get, $"{m}/chart?rules=western", hub)));

        // The list shows each measure's latest signal.
        var listed = Assert.Single((await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/measures", hub)).EnumerateArray());
        Assert.Equal(byDefault.Signals.MaxBy(s => s.LastPeriod)!.Kind.ToString(), listed.GetProperty("latestSignal").GetProperty("kind").GetString());

        // The change idea's evidence names the linked measure with that same latest signal: in the list, alone, and after an edit.
        static string Latest(JsonElement m) => $"{m.GetProperty("latestSignal").GetProperty("kind").GetString()} {m.GetProperty("latestSignal").GetProperty("firstPeriod").GetString()}";
        JsonElement[] ideaViews =
        [
            Assert.Single((await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/change-ideas", hub)).EnumerateArray()),
            await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/change-ideas/{idea}", hub),
            await Expect(HttpStatusCode.OK, HttpMethod.Put, $"{root}/change-ideas/{idea}", hub, new { title = "Weekly advisory check-ins", status = "Testing" }),
        ];
        foreach (var view in ideaViews)
        {
            var linked = Assert.Single(view.GetProperty("evidence").GetProperty("measures").EnumerateArray());
            Assert.Equal(measure, linked.GetProperty("id").GetGuid());
            Assert.Equal("Ninth graders on track", linked.GetProperty("name").GetString());
            Assert.Equal(Latest(listed), Latest(linked));
        }

        // Stored chart settings become the chart's defaults.
        Assert.Equal(["splits[1]"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Put, $"{m}/chart-settings", hub,
            new { freeze = 12, splits = new[] { "2023-07-01", "July" } })));
        await Expect(HttpStatusCode.OK, HttpMethod.Put, $"{m}/chart-settings", hub, new { freeze = 12, splits = new[] { "2023-07-01" } });
        AssertSameChart(SpcChart.Compute(ChartKind.P, Series, new ChartSettings(12, [split], RuleSet.Anhoej, 100, Direction.Up)),
            await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{m}/chart", hub));

        // The SVG: an accessible chart with its title.
        using (var svgRequest = new HttpRequestMessage(HttpMethod.Get, $"{m}/chart"))
        {
            svgRequest.Headers.Authorization = new("Bearer", hub);
            svgRequest.Headers.Accept.ParseAdd("image/svg+xml");
            using var svg = await platform.Api.Http.SendAsync(svgRequest);
            Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
            Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
            var text = await svg.Content.ReadAsStringAsync();
            Assert.StartsWith("<svg", text);
            Assert.Contains("role=\"img\"", text);
            Assert.Contains("<title>P chart: Ninth graders on track</title>", text);
            Assert.Contains("aria-label=\"P chart: Ninth graders on track\"", text);
        }

        // The same series again adds no signal: the events are those of the first good upload, once each.
        await PutCsv(HttpStatusCode.OK, measure, hub, Csv());
        var expected = byDefault.Signals.DistinctBy(s => (s.Kind, s.FirstPeriod)).ToList();
        await probe.ExpectAsync(new() { [nameof(MeasureSignalDetected)] = expected.Count });
        var received = probe.Of<MeasureSignalDetected>();
        Assert.Equal(expected.Select(s => (measure, s.Kind.ToString(), s.FirstPeriod, s.InDirectionOfImprovement!.Value)).Order(),
            received.Select(r => (r.MeasureId, r.Kind, r.Period, r.InDirectionOfImprovement)).Order());
    }

    [Fact]
    public async Task Members_upload_only_their_teams_measures_other_hubs_get_404_and_funders_403()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var n = await NewNetworkAsync(hub);
        var root = $"/api/improvement/networks/{n.Id}";
        await UntilOkAsync($"{root}/measures", hub, "Improvement hears of the network");
        JsonElement created = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await platform.Api.SendAsync(HttpMethod.Post, $"{root}/measures", hub, MeasureBody(n.TeamA, [], "Absences", "C"));
            if (r.StatusCode != HttpStatusCode.Created) return false;
            created = await r.Content.ReadFromJsonAsync<JsonElement>();
            return true;
        }, PlatformFixture.EventDelivery, "Improvement hears of team A");
        var teamA = created.GetProperty("id").GetGuid();
        var networkWide = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/measures", hub, MeasureBody(null, [], "Attendance", "I"))).GetProperty("id").GetGuid();
        var points = new[] { new { period = "2024-01-01", numerator = 4 }, new { period = "2024-02-01", numerator = 6 } };

        // A C chart takes no denominator.
        Assert.Equal([(2, "denominator")], Rows(await Expect(HttpStatusCode.UnprocessableEntity, HttpMethod.Put, $"/api/improvement/measures/{teamA}/points", hub,
            new object[] { new { period = "2024-01-01", numerator = 4 }, new { period = "2024-02-01", numerator = 6, denominator = 10 } })));

        var ana = await MemberOfAsync(hub, n, n.TeamA, "ana");
        var bo = await MemberOfAsync(hub, n, n.TeamB, "bo");
        await UntilOkAsync($"{root}/measures", ana, "Improvement hears of Ana's membership");
        await UntilOkAsync($"{root}/measures", bo, "Improvement hears of Bo's membership");

        // Ana (team A) uploads team A's points; Bo (team B) may read them but not upload (403); the network's own measure is the hub's.
        await Expect(HttpStatusCode.OK, HttpMethod.Put, $"/api/improvement/measures/{teamA}/points", ana, points);
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Put, $"/api/improvement/measures/{teamA}/points", bo, points);
        Assert.Equal(2, (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"/api/improvement/measures/{teamA}/points", bo)).GetArrayLength());
        await Expect(HttpStatusCode.OK, HttpMethod.Get, $"/api/improvement/measures/{teamA}/chart", bo);
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Put, $"/api/improvement/measures/{networkWide}/points", ana, points);
        await Expect(HttpStatusCode.OK, HttpMethod.Put, $"/api/improvement/measures/{networkWide}/points", hub, points);
        // Members do not define measures or their chart settings.
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Post, $"{root}/measures", ana, MeasureBody(n.TeamA, []));
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Put, $"/api/improvement/measures/{teamA}", ana, MeasureBody(n.TeamA, [], "Absences", "C"));
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Put, $"/api/improvement/measures/{teamA}/chart-settings", ana, new { freeze = 2, splits = Array.Empty<string>() });
        // The hub edits; a chart the stored points do not fit is a 409 (a P chart needs denominators).
        await Expect(HttpStatusCode.Conflict, HttpMethod.Put, $"/api/improvement/measures/{teamA}", hub, MeasureBody(n.TeamA, [], "Absences", "P"));
        Assert.Equal("Absent students", (await Expect(HttpStatusCode.OK, HttpMethod.Put, $"/api/improvement/measures/{teamA}", hub,
            MeasureBody(n.TeamA, [], "Absent students", "C"))).GetProperty("name").GetString());

        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var funder = await platform.TokenAsync(PlatformFixture.Funder);
        foreach (var (token, status) in new[] { (lakeside, HttpStatusCode.NotFound), (funder, HttpStatusCode.Forbidden) })
        {
            foreach (var path in new[] { $"{root}/measures", $"/api/improvement/measures/{teamA}", $"/api/improvement/measures/{teamA}/points", $"/api/improvement/measures/{teamA}/chart" })
                await Expect(status, HttpMethod.Get, path, token);
            await Expect(status, HttpMethod.Put, $"/api/improvement/measures/{teamA}/points", token, points);
            await Expect(status, HttpMethod.Post, $"{root}/measures", token, MeasureBody(null, []));
            await Expect(status, HttpMethod.Put, $"/api/improvement/measures/{teamA}/chart-settings", token, new { freeze = 2 });
        }
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/improvement/measures/{Guid.NewGuid()}/chart", hub);
        // Nothing of theirs changed the series.
        var kept = (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"/api/improvement/measures/{teamA}/points", hub)).EnumerateArray()
            .Select(p => p.GetProperty("numerator").GetDouble()).ToList();
        Assert.Equal([4.0, 6.0], kept);
    }
}
