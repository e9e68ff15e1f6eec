using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Improvement;

namespace EndToEnd.Tests;

/// <summary>
/// Cycle reviews through the gateway: the agenda groups the cycles completed since the last review by change idea, with
/// the linked measures' latest signal; the hub team records a review whose decisions move the change ideas' statuses
/// (each with its ChangeIdeaStatusChanged) and CycleReviewHeld, in one transaction; bad input is named by field and
/// changes nothing; a member reads but may not record.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CycleReviewTests(PlatformFixture platform)
{
    private readonly ImprovementTestKit kit = new(platform);

    private Task<JsonElement> Expect(HttpStatusCode status, HttpMethod method, string path, string token, object? body = null) =>
        kit.Expect(status, method, path, token, body);

    private static string[] ErrorFields(JsonElement problem) => ImprovementTestKit.ErrorFields(problem);

    /// <summary>A cycle of the team taken from Plan to Done with the decision (the first waits until Improvement knows the team).</summary>
    internal static async Task<Guid> CompletedCycleAsync(PlatformFixture platform, ImprovementTestKit kit, string token, Guid networkId, Guid teamId, Guid? ideaId,
        string decision)
    {
        var root = $"/api/improvement/networks/{networkId}";
        var id = Guid.Empty;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await platform.Api.SendAsync(HttpMethod.Post, $"{root}/cycles", token, new
            {
                teamId, changeIdeaId = ideaId, title = $"Test {decision}", objective = "Does it work here?",
                questions = new[] { new { question = "Will it work?", prediction = "Yes" } }, plan = new { who = "Advisors" },
            });
            if (r.StatusCode != HttpStatusCode.Created) return false;
            id = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cycle").GetProperty("id").GetGuid();
            return true;
        }, PlatformFixture.EventDelivery, "Improvement hears of the team");
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{root}/cycles/{id}/start", token);
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{root}/cycles/{id}/study", token,
            new { findings = new[] { new { questionIndex = 0, whatHappened = "It did", matchedPrediction = "Yes" } } });
        await kit.Expect(HttpStatusCode.OK, HttpMethod.Post, $"{root}/cycles/{id}/act", token, new { decision, nextStep = "Next" });
        return id;
    }

    /// <summary>Thirty months out of 50: about 60% for 18 months, then about 80% (a shift up: a signal in the direction of improvement).</summary>
    internal static object[] ShiftUp() =>
        new[] { 29, 31, 30, 28, 32, 30, 31, 29, 30, 33, 27, 30, 31, 29, 30, 32, 28, 30, 39, 41, 40, 38, 42, 40, 41, 39, 40, 42, 38, 41 }
            .Select((n, i) => (object)new { period = new DateOnly(2022, 1, 1).AddMonths(i).ToString("yyyy-MM-dd"), numerator = n, denominator = 50 }).ToArray();

    [Fact]
    public async Task A_review_looks_at_the_cycles_since_the_last_one_by_change_idea_and_applies_its_decisions()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var n = await kit.NewNetworkAsync(hub, "Reviews", new DateOnly(2023, 8, 1));
        var root = $"/api/improvement/networks/{n.Id}";
        var reviews = $"{root}/cycle-reviews";
        await using var probe = await EventProbe.StartAsync(platform, n.Id, s => s.On<ChangeIdeaStatusChanged>(m => m.NetworkId).On<CycleReviewHeld>(m => m.NetworkId));
        await kit.UntilOkAsync($"{root}/change-ideas", hub, "Improvement hears of the network");

        var checkIns = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/change-ideas", hub, new { title = "Weekly check-ins", status = "Testing" }))
            .GetProperty("id").GetGuid();
        var nudges = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/change-ideas", hub, new { title = "Attendance nudges", status = "Testing" }))
            .GetProperty("id").GetGuid();
        var measure = (await Expect(HttpStatusCode.Created, HttpMethod.Post, $"{root}/measures", hub, new
        {
            name = "Ninth graders on track", kind = "Outcome", chart = "P", definition = "On track, of those enrolled", direction = "Up", multiplier = 100,
            changeIdeaIds = new[] { checkIns },
        })).GetProperty("id").GetGuid();
        await Expect(HttpStatusCode.OK, HttpMethod.Put, $"/api/improvement/measures/{measure}/points", hub, ShiftUp());

        var empty = await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{reviews}/agenda", hub);
        Assert.Equal((0, JsonValueKind.Null), (empty.GetProperty("cycles").GetInt32(), empty.GetProperty("since").ValueKind));

        // Two teams test the check-ins (one adopts, one adapts); team B tests something with no change idea.
        var a1 = await CompletedCycleAsync(platform, kit, hub, n.Id, n.TeamA, checkIns, "Adopt");
        var b1 = await CompletedCycleAsync(platform, kit, hub, n.Id, n.TeamB, checkIns, "Adapt");
        var b2 = await CompletedCycleAsync(platform, kit, hub, n.Id, n.TeamB, null, "Abandon");

        var ana = (await kit.MemberAsync(hub, n, n.TeamA, "ana")).Token;
        await kit.UntilOkAsync($"{reviews}/agenda", ana, "Improvement hears of Ana's membership");
        var agenda = await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{reviews}/agenda", ana);
        Assert.Equal(3, agenda.GetProperty("cycles").GetInt32());
        var groups = agenda.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal(2, groups.Length);
        var tested = groups[0];
        Assert.Equal((checkIns, "Weekly check-ins", "Testing"), (tested.GetProperty("changeIdea").GetProperty("id").GetGuid(),
            tested.GetProperty("changeIdea").GetProperty("title").GetString(), tested.GetProperty("changeIdea").GetProperty("status").GetString()));
        Assert.Equal(new[] { a1, b1 }.Order(), tested.GetProperty("cycles").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Order());
        Assert.Equal(["Team A", "Team B"], tested.GetProperty("cycles").EnumerateArray().Select(c => c.GetProperty("teamName").GetString()!).Order().ToArray());
        Assert.Equal(2, tested.GetProperty("teams").GetInt32());
        Assert.Equal((1, 1), (tested.GetProperty("decisions").GetProperty("Adopt").GetInt32(), tested.GetProperty("decisions").GetProperty("Adapt").GetInt32()));
        var linked = Assert.Single(tested.GetProperty("measures").EnumerateArray());
        Assert.Equal(measure, linked.GetProperty("id").GetGuid());
        Assert.StartsWith("A non-random run", linked.GetProperty("signal").GetString());
        Assert.Equal(JsonValueKind.Null, groups[1].GetProperty("changeIdea").ValueKind);
        Assert.Equal(b2, Assert.Single(groups[1].GetProperty("cycles").EnumerateArray()).GetProperty("id").GetGuid());

        // A member reads the agenda but may not record a review.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var good = new { heldOn = today.ToString("yyyy-MM-dd"), synthesis = "Check-ins hold in two teams; nudges never got going.",
            decisions = new object[] { new { changeIdeaId = checkIns, status = "Adopted", note = "Both teams kept it" }, new { changeIdeaId = nudges, status = "Abandoned" } } };
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Post, reviews, ana, good);

        // Bad input is named by field and changes nothing.
        Assert.Equal(["decisions[1].status", "heldOn", "synthesis"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, reviews, hub, new
        {
            heldOn = today.AddDays(1).ToString("yyyy-MM-dd"), synthesis = "",
            decisions = new object[] { new { changeIdeaId = checkIns, status = "Adopted" }, new { changeIdeaId = nudges, status = "Finished" } },
        })));
        Assert.Equal(["synthesis"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, reviews, hub, good with { synthesis = new string('s', 4001) })));
        Assert.Equal(["decisions[2].changeIdeaId"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, reviews, hub, good with
        {
            decisions = new object[] { new { changeIdeaId = checkIns, status = "Adopted" }, new { changeIdeaId = nudges, status = "Spreading" }, new { changeIdeaId = Guid.NewGuid(), status = "Adopted" } },
        })));
        Assert.Equal(["decisions[1].changeIdeaId"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, reviews, hub, good with
        {
            decisions = new object[] { new { changeIdeaId = checkIns, status = "Adopted" }, new { changeIdeaId = checkIns, status = "Spreading" } },
        })));
        Assert.Equal("Testing", (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/change-ideas/{checkIns}", hub)).GetProperty("status").GetString());
        Assert.Empty((await Expect(HttpStatusCode.OK, HttpMethod.Get, reviews, hub)).EnumerateArray());

        // The review: it covers the three cycles, and its decisions move the change ideas.
        var held = await Expect(HttpStatusCode.Created, HttpMethod.Post, reviews, hub, good);
        Assert.Equal(new[] { a1, b1, b2 }.Order(), held.GetProperty("cycleIds").EnumerateArray().Select(c => c.GetGuid()).Order());
        Assert.Equal(JsonValueKind.Null, held.GetProperty("windowFrom").ValueKind);
        var first = held.GetProperty("decisions")[0];
        Assert.Equal(("Testing", "Adopted", "Both teams kept it"), (first.GetProperty("from").GetString(), first.GetProperty("to").GetString(), first.GetProperty("note").GetString()));
        Assert.Equal("Adopted", (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/change-ideas/{checkIns}", ana)).GetProperty("status").GetString());
        Assert.Equal("Abandoned", (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{root}/change-ideas/{nudges}", ana)).GetProperty("status").GetString());

        // The next agenda starts after it: nothing left, until another cycle is completed; a date before the last review is refused.
        var after = await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{reviews}/agenda", hub);
        Assert.Equal((0, today.ToString("yyyy-MM-dd")), (after.GetProperty("cycles").GetInt32(), after.GetProperty("since").GetString()));
        Assert.Equal(["heldOn"], ErrorFields(await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, reviews, hub, good with { heldOn = today.AddDays(-1).ToString("yyyy-MM-dd") })));
        var a2 = await CompletedCycleAsync(platform, kit, hub, n.Id, n.TeamA, checkIns, "Adopt");
        Assert.Equal(1, (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{reviews}/agenda", hub)).GetProperty("cycles").GetInt32());
        var second = await Expect(HttpStatusCode.Created, HttpMethod.Post, reviews, hub,
            new { heldOn = today.ToString("yyyy-MM-dd"), synthesis = "Spreading next term.", decisions = new[] { new { changeIdeaId = checkIns, status = "Spreading" } } });
        Assert.Equal([a2], second.GetProperty("cycleIds").EnumerateArray().Select(c => c.GetGuid()).ToArray());
        Assert.Equal(today.ToString("yyyy-MM-dd"), second.GetProperty("windowFrom").GetString());

        // Past reviews, newest first, each with its decisions; one by id; another id is a 404.
        var past = (await Expect(HttpStatusCode.OK, HttpMethod.Get, reviews, ana)).EnumerateArray().ToArray();
        Assert.Equal([second.GetProperty("id").GetGuid(), held.GetProperty("id").GetGuid()], past.Select(r => r.GetProperty("id").GetGuid()).ToArray());
        var one = await Expect(HttpStatusCode.OK, HttpMethod.Get, $"{reviews}/{held.GetProperty("id").GetGuid()}", ana);
        Assert.Equal(["Attendance nudges", "Weekly check-ins"], one.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("title").GetString()!).Order().ToArray());
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, $"{reviews}/{Guid.NewGuid()}", hub);
        await Expect(HttpStatusCode.Forbidden, HttpMethod.Get, reviews, await platform.TokenAsync(PlatformFixture.Funder));
        await Expect(HttpStatusCode.NotFound, HttpMethod.Get, $"{reviews}/agenda", await platform.TokenAsync(PlatformFixture.LakesideAdmin));

        // The events, once each: two ideas recorded, three decisions that moved a status; two reviews.
        await probe.ExpectAsync(new() { [nameof(ChangeIdeaStatusChanged)] = 5, [nameof(CycleReviewHeld)] = 2 });
        var firstHeld = probe.Of<CycleReviewHeld>().Single(r => r.ReviewId == held.GetProperty("id").GetGuid());
        Assert.Equal((3, 2, today), (firstHeld.CyclesReviewed, firstHeld.Decisions, firstHeld.HeldOn));
        Assert.Contains(probe.Of<ChangeIdeaStatusChanged>(), e => e is { Status: "Adopted", PreviousStatus: "Testing" } && e.ChangeIdeaId == checkIns);

        // A replay re-emits each review.
        probe.Clear();
        await probe.SendAsync(new Uri("queue:improvement-tenant-facts-requested"),
            new Platform.Contracts.Identity.TenantFactsRequested(PlatformFixture.TenantOf(hub), Guid.NewGuid(), DateTimeOffset.UtcNow));
        await probe.ExpectAsync(new() { [nameof(ChangeIdeaStatusChanged)] = 2, [nameof(CycleReviewHeld)] = 2 });
    }
}
