using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Improvement;

namespace EndToEnd.Tests;

/// <summary>
/// The Improvement service through the gateway: a hub builds and revises its theory of improvement and compares the
/// versions, records change ideas, and a member of team A runs a PDSA cycle from Plan to Done; who may do what; and
/// the events leave through the outbox, each reaching the broker once.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ImprovementTests(PlatformFixture platform)
{
    private readonly ImprovementTestKit kit = new(platform);

    private Task<ImprovementTestKit.Network> NewNetworkAsync(string hub) => kit.NewNetworkAsync(hub, "Improvement", new DateOnly(2023, 8, 1));

    private async Task<string> MemberOfAsync(string hub, ImprovementTestKit.Network network, Guid team, string name) => (await kit.MemberAsync(hub, network, team, name)).Token;

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, object? body = null) => platform.Api.SendAsync(method, path, token, body);

    private Task<JsonElement> Expect(HttpStatusCode status, HttpMethod method, string path, string token, object? body = null) =>
        kit.Expect(status, method, path, token, body);

    private static string[] ErrorFields(JsonElement problem) => ImprovementTestKit.ErrorFields(problem);

    private Task UntilKnownAsync(string path, string token, string because) => kit.UntilOkAsync(path, token, because);

    /// <summary>Improvement's events on a queue of the test's own (as Reporting's will be), for one network.</summary>
    private Task<EventProbe> ProbeAsync(Guid networkId) => EventProbe.StartAsync(platform, networkId, s => s
        .On<TheoryOfImprovementRevised>(m => m.NetworkId).On<ChangeIdeaStatusChanged>(m => m.NetworkId)
        .On<CycleStarted>(m => m.NetworkId).On<CycleCompleted>(m => m.NetworkId));

    [Fact]
    public async Task A_hub_builds_revises_and_compares_its_theory_and_a_member_runs_a_cycle_from_plan_to_done()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var n = await NewNetworkAsync(hub);
        var root = $"/api/improvement/networks/{n.Id}";
        await using var probe = await ProbeAsync(n.Id);
        await UntilKnownAsync($"{root}/change-ideas", hub, "Improvement hears of the network");
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, $"{root}/theory", hub); // none before the first version

        // Change ideas, then a theory that uses them.
        var checkIns = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/change-ideas", hub,
            new { title = "Weekly advisory check-ins", description = "Five minutes with each advisee" })).GetProperty("id").GetGuid();
        var lists = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/change-ideas", hub,
            new { title = "Early-warning lists every Monday", status = "Testing" })).GetProperty("id").GetGuid();
        var bad = await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, $"{root}/change-ideas", hub, new { title = "", description = new string('d', 4001) });
        Assert.Equal(["description", "title"], ErrorFields(bad).Order().ToArray());

        var v1 = await Expect(HttpStatusCode.OK, HttpMethod.Put, $"{root}/theory", hub, new
        {
            aim = new { statement = "90% of ninth graders on track by June 2027", target = 90, byDate = "2027-06-30" },
            primaryDrivers = new object[]
            {
                new { key = "rel", title = "Relationships", secondaryDrivers = new[] { new { key = "adv", title = "Advisory", changeIdeaIds = new[] { checkIns } } } },
                new { key = "data", title = "Use of data", secondaryDrivers = new[] { new { key = "ews", title = "Early-warning lists", changeIdeaIds = new[] { lists } } } },
            },
            reason = "First draft with the design team",
        });
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        var v2 = await Expect(HttpStatusCode.OK, HttpMethod.Put, $"{root}/theory", hub, new
        {
            aim = new { statement = "90% of ninth graders on track by June 2027" },
            primaryDrivers = new object[]
            {
                new { key = "rel", title = "Belonging and relationships", secondaryDrivers = Array.Empty<object>() },
                new { key = "data", title = "Use of data", secondaryDrivers = new object[]
                {
                    new { key = "ews", title = "Early-warning lists", changeIdeaIds = new[] { lists } },
                    new { key = "adv", title = "Advisory", changeIdeaIds = new[] { checkIns } },
                    new { title = "Attendance nudges" },
                } },
            },
            reason = "Advisory is where the data is used",
        });
        Assert.Equal(2, v2.GetProperty("version").GetInt32());

        // Bad trees change nothing: every problem named by its path.
        var badTree = await Expect(HttpStatusCode.BadRequest, HttpMethod.Put, $"{root}/theory", hub, new
        {
            aim = new { statement = "" },
            primaryDrivers = new object[] { new { key = "x", title = "X", secondaryDrivers = new[] { new { key = "x", title = "Dup", changeIdeaIds = new[] { Guid.NewGuid() } } } } },
            reason = "",
        });
        Assert.Equal(["aim.statement", "primaryDrivers[0].secondaryDrivers[0].key", "reason"], ErrorFields(badTree).Order(StringComparer.Ordinal).ToArray());
        var unknownIdea = await Expect(HttpStatusCode.BadRequest, HttpMethod.Put, $"{root}/theory", hub, new
        {
            aim = new { statement = "Aim" },
            primaryDrivers = new object[] { new { title = "P", secondaryDrivers = new[] { new { title = "S", changeIdeaIds = new[] { Guid.NewGuid() } } } } },
            reason = "Typo",
        });
        Assert.Equal(["primaryDrivers[0].secondaryDrivers[0].changeIdeaIds[0]"], ErrorFields(unknownIdea));
        using (var malformed = await Send(HttpMethod.Put, $"{root}/theory", hub, new { aim = new { statement = "A" }, primaryDrivers = Array.Empty<object>(), reason = "r", extra = 1 }))
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var versions = await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/theory/versions", hub);
        Assert.Equal([1, 2], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray());
        Assert.Equal("First draft with the design team", versions[0].GetProperty("reason").GetString());
        Assert.Equal("Relationships", (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/theory/versions/1", hub))
            .GetProperty("primaryDrivers")[0].GetProperty("title").GetString());
        Assert.Equal(2, (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/theory", hub)).GetProperty("version").GetInt32());
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, $"{root}/theory/versions/3", hub);

        var compare = await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/theory/compare?from=1&to=2", hub);
        var renamed = Assert.Single(compare.GetProperty("driversRenamed").EnumerateArray());
        Assert.Equal(("rel", "Belonging and relationships"), (renamed.GetProperty("key").GetString(), renamed.GetProperty("to").GetString()));
        var moved = Assert.Single(compare.GetProperty("driversMoved").EnumerateArray());
        Assert.Equal(("adv", "data"), (moved.GetProperty("key").GetString(), moved.GetProperty("toParentKey").GetString()));
        Assert.Equal("Attendance nudges", Assert.Single(compare.GetProperty("driversAdded").EnumerateArray()).GetProperty("title").GetString());
        Assert.Empty(compare.GetProperty("driversRemoved").EnumerateArray());
        Assert.Empty(compare.GetProperty("changeIdeasMoved").EnumerateArray()); // the idea stays under its driver "adv"
        await Expect(HttpStatusCode.BadRequest, HttpMethod.Get, $"{root}/theory/compare?from=1", hub);

        using (var svgRequest = new HttpRequestMessage(HttpMethod.Get, $"{root}/theory"))
        {
            svgRequest.Headers.Authorization = new("Bearer", hub);
            svgRequest.Headers.Accept.ParseAdd("image/svg+xml");
            using var svg = await platform.Api.Http.SendAsync(svgRequest);
            Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
            var text = await svg.Content.ReadAsStringAsync();
            Assert.Contains("role=\"img\"", text);
            Assert.Contains("Weekly advisory check-ins", text);
        }

        // The change idea's status and drivers change; an unknown driver is named.
        var editedIdea = await Expect(HttpStatusCode.OK, HttpMethod.Put, $"{root}/change-ideas/{checkIns}", hub,
            new { title = "Weekly advisory check-ins", status = "Testing", driverKeys = new[] { "adv" } });
        Assert.Equal("Testing", editedIdea.GetProperty("status").GetString());
        Assert.Equal(["driverKeys[1]"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Put, $"{root}/change-ideas/{checkIns}", hub,
            new { title = "Weekly advisory check-ins", status = "Testing", driverKeys = new[] { "adv", "nope" } })));
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, $"{root}/change-ideas/{Guid.NewGuid()}", hub);

        // A member of team A: reads the network's work, writes cycles for team A only.
        var ana = await MemberOfAsync(hub, n, n.TeamA, "ana");
        await UntilKnownAsync($"{root}/theory", ana, "Improvement hears of Ana's membership");
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Put, $"{root}/change-ideas/{checkIns}", ana, new { title = "Mine now", status = "Adopted" });
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Put, $"{root}/theory", ana, new { aim = new { statement = "A" }, primaryDrivers = Array.Empty<object>(), reason = "r" });

        var plan = new { who = "Ms Lee's advisory", where = "Room 4", when = "Two weeks from Monday", dataToCollect = "Tally of students seen" };
        JsonElement created = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await Send(HttpMethod.Post, $"{root}/cycles", ana, new
            {
                teamId = n.TeamA, changeIdeaId = checkIns, title = "Check-ins in one advisory", objective = "Can one advisor see every advisee weekly?",
                questions = new object[] { new { question = "Will every advisee be seen each week?", prediction = "Yes, at least 90%" }, new { question = "How long does it take?" } },
                plan,
            });
            if (r.StatusCode != HttpStatusCode.Created) return false;
            created = await r.Content.ReadFromJsonAsync<JsonElement>();
            return true;
        }, PlatformFixture.EventDelivery, "Improvement hears of team A");
        var cycle = created.GetProperty("cycle").GetProperty("id").GetGuid();
        var c = $"{root}/cycles/{cycle}";
        Assert.Equal("Plan", created.GetProperty("cycle").GetProperty("status").GetString());

        Assert.Equal(["questions[1].prediction"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, $"{c}/start", ana)));
        await Expect(HttpStatusCode.Conflict, HttpMethod.Post, $"{c}/observations", ana, new { on = "2026-01-01", text = "Too early" });
        await Expect(HttpStatusCode.Conflict, HttpMethod.Post, $"{c}/act", ana, new { decision = "Adopt", nextStep = "Spread" });
        await Expect(HttpStatusCode.OK, HttpMethod.Put, c, ana, new
        {
            changeIdeaId = checkIns, title = "Check-ins in one advisory", objective = "Can one advisor see every advisee weekly?",
            questions = new object[] { new { question = "Will every advisee be seen each week?", prediction = "Yes, at least 90%" }, new { question = "How long does it take?", prediction = "Under 40 minutes" } },
            plan,
        });
        var started = await Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/start", ana);
        Assert.Equal("Do", started.GetProperty("cycle").GetProperty("status").GetString());
        var today = started.GetProperty("cycle").GetProperty("startedOn").GetString()!;
        await Expect(HttpStatusCode.Conflict, HttpMethod.Post, $"{c}/start", ana);
        await Expect(HttpStatusCode.Conflict, HttpMethod.Put, c, ana, new { title = "Late edit", objective = "o", questions = new[] { new { question = "q", prediction = "p" } }, plan });
        Assert.Equal(["on"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, $"{c}/observations", ana, new { on = "2020-01-01", text = "Before the start" })));
        await Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/observations", ana, new { on = today, text = "Saw 23 of 25; two were absent" });
        await Expect(HttpStatusCode.Conflict, HttpMethod.Post, $"{c}/act", ana, new { decision = "Adopt", nextStep = "Spread" });
        Assert.Equal(["findings"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, $"{c}/study", ana,
            new { findings = new[] { new { questionIndex = 0, whatHappened = "92% seen", matchedPrediction = "Yes" } } })));
        await Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/study", ana, new
        {
            findings = new[]
            {
                new { questionIndex = 0, whatHappened = "92% seen", matchedPrediction = "Yes" },
                new { questionIndex = 1, whatHappened = "55 minutes", matchedPrediction = "No" },
            },
        });
        await Expect(HttpStatusCode.Conflict, HttpMethod.Post, $"{c}/study", ana,
            new { findings = new[] { new { questionIndex = 0, whatHappened = "again", matchedPrediction = "Yes" }, new { questionIndex = 1, whatHappened = "again", matchedPrediction = "No" } } });
        var done = await Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/act", ana, new { decision = "Adopt", nextStep = "Try it in all ninth-grade advisories" });
        Assert.Equal("Done", done.GetProperty("cycle").GetProperty("status").GetString());

        // A Done cycle is a record: no edits, no steps; only the hub team's comments.
        await Expect(HttpStatusCode.Conflict, HttpMethod.Put, c, ana, new { title = "Rewrite", objective = "o", questions = new[] { new { question = "q", prediction = "p" } }, plan });
        await Expect(HttpStatusCode.Conflict, HttpMethod.Post, $"{c}/observations", ana, new { on = today, text = "After the fact" });
        await Expect(HttpStatusCode.Conflict, HttpMethod.Post, $"{c}/act", ana, new { decision = "Abandon", nextStep = "" });
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Post, $"{c}/comments", ana, new { text = "Proud of this" });
        await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{c}/comments", hub, new { text = "Bring this to the next cycle review." });
        var record = await Expect(HttpStatusCode.OK, HttpMethod.Get, c, ana);
        Assert.Equal("Adopt", record.GetProperty("cycle").GetProperty("decision").GetString());
        Assert.Equal("Saw 23 of 25; two were absent", record.GetProperty("cycle").GetProperty("observations")[0].GetProperty("text").GetString());
        Assert.Single(record.GetProperty("comments").EnumerateArray());

        // A second cycle builds on the first: the ramp links them both ways.
        var next = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/cycles", ana, new
        {
            teamId = n.TeamA, changeIdeaId = checkIns, buildsOnCycleId = cycle, title = "Check-ins in three advisories", objective = "Does it hold at scale?",
            questions = new[] { new { question = "Will each advisor see 90%?", prediction = "Yes" } }, plan,
        })).GetProperty("cycle").GetProperty("id").GetGuid();
        Assert.Equal([cycle], (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/cycles/{next}/ramp", ana)).GetProperty("buildsOn").EnumerateArray().Select(x => x.GetGuid()).ToArray());
        Assert.Equal([next], (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{c}/ramp", ana)).GetProperty("builtOnIt").EnumerateArray().Select(x => x.GetGuid()).ToArray());
        Assert.Equal(2, (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/cycles?teamId={n.TeamA}", ana)).GetArrayLength());
        Assert.Equal([cycle], (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/cycles?status=Done", ana)).EnumerateArray()
            .Select(x => x.GetProperty("id").GetGuid()).ToArray());
        await Expect(HttpStatusCode.BadRequest, HttpMethod.Get, $"{root}/cycles?status=Finished", ana);

        // Team B's cycles: the hub writes them; Ana reads but may not write (403).
        var teamB = new { teamId = n.TeamB, title = "Team B's test", objective = "o", questions = new[] { new { question = "q", prediction = "p" } }, plan };
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Post, $"{root}/cycles", ana, teamB);
        var bCycle = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/cycles", hub, teamB)).GetProperty("cycle").GetProperty("id").GetGuid();
        await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/cycles/{bCycle}", ana);
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Post, $"{root}/cycles/{bCycle}/start", ana);
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Put, $"{root}/cycles/{bCycle}", ana, new { title = "Taken over", objective = "o", questions = new[] { new { question = "q", prediction = "p" } }, plan });
        Assert.Equal(["teamId"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, $"{root}/cycles", hub, teamB with { teamId = Guid.NewGuid() })));

        // The change idea's evidence: the cycles that tested it, their teams and decisions; no measures yet.
        var evidence = (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/change-ideas/{checkIns}", ana)).GetProperty("evidence");
        Assert.Equal(2, evidence.GetProperty("cycles").GetInt32());
        Assert.Equal(1, evidence.GetProperty("completedCycles").GetInt32());
        Assert.Equal([n.TeamA], evidence.GetProperty("teams").EnumerateArray().Select(t => t.GetGuid()).ToArray());
        Assert.Equal(1, evidence.GetProperty("decisions").GetProperty("Adopt").GetInt32());
        Assert.Empty(evidence.GetProperty("measures").EnumerateArray());

        // The events, once each: two revisions, three status facts (two ideas recorded, one changed), one start, one completion.
        await probe.ExpectAsync(new()
        {
            [nameof(TheoryOfImprovementRevised)] = 2, [nameof(ChangeIdeaStatusChanged)] = 3, [nameof(CycleStarted)] = 1, [nameof(CycleCompleted)] = 1,
        });
        var completed = Assert.Single(probe.Received.OfType<CycleCompleted>());
        Assert.Equal((cycle, n.TeamA, checkIns, "Adopt", true), (completed.CycleId, completed.TeamId, completed.ChangeIdeaId, completed.Decision, completed.HadPredictions));
        Assert.Equal([1, 2], probe.Received.OfType<TheoryOfImprovementRevised>().Select(r => r.Version).Order().ToArray());

        // Asked to replay the tenant's facts (a rebuild of Reporting), Improvement sends its current ones again: the
        // latest theory version, each change idea's status, the started cycle and the completed one.
        probe.Clear();
        await probe.SendAsync(new Uri("queue:improvement-tenant-facts-requested"),
            new Platform.Contracts.Identity.TenantFactsRequested(PlatformFixture.TenantOf(hub), Guid.NewGuid(), DateTimeOffset.UtcNow));
        await probe.ExpectAsync(new()
        {
            [nameof(TheoryOfImprovementRevised)] = 1, [nameof(ChangeIdeaStatusChanged)] = 2, [nameof(CycleStarted)] = 1, [nameof(CycleCompleted)] = 1,
        });
        Assert.Equal(2, Assert.Single(probe.Received.OfType<TheoryOfImprovementRevised>()).Version);
        Assert.Equal(cycle, Assert.Single(probe.Received.OfType<CycleCompleted>()).CycleId);
    }

    [Fact]
    public async Task Other_hubs_get_404_funders_403_and_a_member_of_another_network_403()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var n = await NewNetworkAsync(hub);
        var root = $"/api/improvement/networks/{n.Id}";
        await UntilKnownAsync($"{root}/change-ideas", hub, "Improvement hears of the network");
        var idea = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/change-ideas", hub, new { title = "Morning greetings" })).GetProperty("id").GetGuid();
        await Expect(HttpStatusCode.OK, HttpMethod.Put, $"{root}/theory", hub, new
        {
            aim = new { statement = "Aim" }, primaryDrivers = new[] { new { title = "P", secondaryDrivers = new[] { new { title = "S", changeIdeaIds = new[] { idea } } } } }, reason = "Start",
        });
        var cycle = Guid.Empty;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await Send(HttpMethod.Post, $"{root}/cycles", hub, new
            {
                teamId = n.TeamA, title = "t", objective = "o", questions = new[] { new { question = "q", prediction = "p" } }, plan = new { who = "w" },
            });
            if (r.StatusCode != HttpStatusCode.Created) return false;
            cycle = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cycle").GetProperty("id").GetGuid();
            return true;
        }, PlatformFixture.EventDelivery, "Improvement hears of team A");

        var reads = new[]
        {
            $"{root}/theory", $"{root}/theory/versions", $"{root}/theory/versions/1", $"{root}/theory/compare?from=1&to=1", $"{root}/change-ideas",
            $"{root}/change-ideas/{idea}", $"{root}/cycles", $"{root}/cycles/{cycle}", $"{root}/cycles/{cycle}/ramp",
        };
        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var funder = await platform.TokenAsync(PlatformFixture.Funder);
        foreach (var path in reads)
        {
            await Expect(HttpStatusCode.NotFound, HttpMethod.Get, path, lakeside);
            await Expect(HttpStatusCode.Forbidden, HttpMethod.Get, path, funder);
        }
        foreach (var token in new[] { lakeside, funder })
        {
            var status = token == funder ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
            await Expect(status, HttpMethod.Post, $"{root}/cycles/{cycle}/start", token);
            await Expect(status, HttpMethod.Post, $"{root}/change-ideas", token, new { title = "Intruder" });
            await Expect(status, HttpMethod.Put, $"{root}/theory", token, new { aim = new { statement = "A" }, primaryDrivers = Array.Empty<object>(), reason = "r" });
        }
        using (var unauthenticated = await Send(HttpMethod.Get, $"{root}/theory", null!))
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);

        // A member of the same hub but of another network is not a member here.
        var other = await NewNetworkAsync(hub);
        var (ben, benId) = await kit.MemberAsync(hub, other, other.TeamA, "ben");
        await UntilKnownAsync($"/api/improvement/networks/{other.Id}/change-ideas", ben, "Improvement hears of Ben's membership");
        foreach (var path in reads) await Expect(HttpStatusCode.Forbidden, HttpMethod.Get, path, ben);
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Post, $"{root}/cycles/{cycle}/start", ben);

        // Once Ben has left his network, it is closed to him too (his membership period ended today).
        using (var leave = await Send(HttpMethod.Post, $"/api/networks/{other.Id}/members/{benId}/leave", hub,
            new { date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), reason = "moved school" }))
            Assert.Equal(HttpStatusCode.NoContent, leave.StatusCode);
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await Send(HttpMethod.Get, $"/api/improvement/networks/{other.Id}/change-ideas", ben);
            return r.StatusCode == HttpStatusCode.Forbidden;
        }, PlatformFixture.EventDelivery, "Improvement hears that Ben left");

        // Two revisions at once: both kept, numbered one after the other.
        var revisions = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Send(HttpMethod.Put, $"{root}/theory", hub,
            new { aim = new { statement = $"Aim {i}" }, primaryDrivers = Array.Empty<object>(), reason = $"Revision {i}" })));
        Assert.All(revisions, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in revisions) r.Dispose();
        var numbers = (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/theory/versions", hub)).EnumerateArray()
            .Select(v => v.GetProperty("version").GetInt32()).ToArray();
        Assert.Equal([1, 2, 3], numbers);
    }

    [Fact]
    public async Task A_team_records_a_cycle_afterwards_with_the_days_it_started_and_finished()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var n = await NewNetworkAsync(hub);
        var root = $"/api/improvement/networks/{n.Id}";
        await using var probe = await ProbeAsync(n.Id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Guid cycle = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await Send(HttpMethod.Post, $"{root}/cycles", hub, new
            {
                teamId = n.TeamA, title = "Last term's test", objective = "o", questions = new[] { new { question = "q", prediction = "p" } }, plan = new { who = "w" },
            });
            if (r.StatusCode != HttpStatusCode.Created) return false;
            cycle = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cycle").GetProperty("id").GetGuid();
            return true;
        }, PlatformFixture.EventDelivery, "Improvement hears of team A");
        var c = $"{root}/cycles/{cycle}";

        Assert.Equal(["on"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, $"{c}/start", hub, new { on = today.AddDays(1) })));
        var started = await Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/start", hub, new { on = today.AddDays(-120) });
        Assert.Equal(today.AddDays(-120), started.GetProperty("cycle").GetProperty("startedOn").Deserialize<DateOnly>());
        await Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/study", hub, new { findings = new[] { new { questionIndex = 0, whatHappened = "as thought", matchedPrediction = "Yes" } } });
        Assert.Equal(["on"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, $"{c}/act", hub, new { decision = "Adapt", on = today.AddDays(-121) })));
        var done = await Expect(HttpStatusCode.OK, HttpMethod.Post, $"{c}/act", hub, new { decision = "Adapt", nextStep = "n", on = today.AddDays(-100) });
        Assert.Equal(today.AddDays(-100), done.GetProperty("cycle").GetProperty("completedOn").Deserialize<DateOnly>());

        await probe.ExpectAsync(new() { [nameof(CycleStarted)] = 1, [nameof(CycleCompleted)] = 1 });
        var completed = Assert.Single(probe.Of<CycleCompleted>());
        Assert.Equal((today.AddDays(-120), today.AddDays(-100)), (completed.StartedOn, completed.CompletedOn));
    }
}
