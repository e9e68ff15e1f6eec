using System.Net;
using System.Text.Json;
using Dapper;

namespace EndToEnd.Tests;

/// <summary>
/// Members' comments reach their own hub and nobody else: once the wave's results are released, from released responses
/// only (two reads around one submit do not differ), only where ten answered, masked, to hub staff only from a seat in the
/// network, and never in an event, in Reporting or in a log.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SurveyCommentsTests(PlatformFixture platform)
{
    private const int Year = 2026;

    /// <summary>Long enough for Surveys' release job (every 5 s) to have looked.</summary>
    private static readonly TimeSpan ReleaseLooks = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task The_hub_reads_masked_comments_once_results_are_released_in_their_steps_and_they_never_leave_surveys()
    {
        var api = platform.Api;
        var kit = new ImprovementTestKit(platform);
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var driver = new SurveyDriver(platform, Year);
        var (network, emails) = await driver.NetworkWithMembersAsync(hub, 20); // every member is called Sam Reyes
        var wave = await driver.DraftWaveAsync(hub, network, 20, releaseThreshold: 50);
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });

        // Every respondent answers the first open question (naming a member, an address, a phone); all but the tenth the second.
        var marker = "cmt" + Guid.NewGuid().ToString("N")[..12];
        var form = await api.GetAsync<JsonElement>($"/api/surveys/respond/{await driver.LinkTokenAsync(emails[0])}", token: null!);
        var rated = form.GetProperty("instrument").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray())
            .Where(i => i.TryGetProperty("scale", out var s) && s.ValueKind == JsonValueKind.String).Select(i => i.GetProperty("id").GetString()!).ToList();
        async Task SubmitAsync(int i)
        {
            var answers = rated.ToDictionary(id => id, object? (_) => 4);
            answers["OT1"] = $"{marker} keep the coaching {i:D2}, thanks to Sam Reyes; write to sam.reyes@school.test or 555-123-4567";
            if (i != 9) answers["OT2"] = $"{marker} more time {i}";
            var token = await driver.LinkTokenAsync(emails[i]);
            await driver.SaveAsync(token, answers, HttpStatusCode.OK);
            using var submitted = await api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{token}/submit", null);
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }
        var comments = $"/api/surveys/waves/{wave}/comments";
        async Task<Dictionary<string, JsonElement>> QuestionsAsync(string token)
        {
            var read = await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, comments, token);
            Assert.True(read.GetProperty("shown").GetBoolean());
            Assert.DoesNotContain("submitted", read.GetRawText(), StringComparison.OrdinalIgnoreCase);
            return read.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("itemId").GetString()!);
        }
        static List<string>? Texts(JsonElement question) => question.GetProperty("comments").ValueKind == JsonValueKind.Null ? null
            : [.. question.GetProperty("comments").EnumerateArray().Select(c => c.GetString()!).Order()];
        IEnumerable<string> Masked(int count) => Enumerable.Range(0, count).Select(i => $"{marker} keep the coaching {i:D2}, thanks to [name]; write to [email] or [phone]");

        // Nine of twenty (45 %): below the release threshold, nothing is shown, and the reason says so.
        for (var i = 0; i < 9; i++) await SubmitAsync(i);
        await Task.Delay(ReleaseLooks);
        var early = await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, comments, hub);
        Assert.False(early.GetProperty("shown").GetBoolean());
        Assert.Contains("released", early.GetProperty("reason").GetString());
        Assert.Empty(early.GetProperty("questions").EnumerateArray());

        // The tenth reaches the threshold: the first step releases all ten, and their comments with it, masked. The second
        // question has nine answers: below the floor, nothing of it but the note.
        await SubmitAsync(9);
        await PlatformFixture.EventuallyAsync(async () =>
            (await api.GetAsync<JsonElement>($"/api/surveys/waves/{wave}/comments", hub)).GetProperty("shown").GetBoolean(),
            TimeSpan.FromSeconds(30), "the threshold releases the first step");
        var ten = await QuestionsAsync(hub);
        Assert.Equal(Masked(10), Texts(ten["OT1"]));
        Assert.Null(Texts(ten["OT2"]));
        Assert.Equal("fewer than 10 answers", ten["OT2"].GetProperty("note").GetString());
        Assert.DoesNotContain("more time", JsonSerializer.Serialize(ten));

        // An eleventh submits: the comments do not move until its step (two reads around one submit show nothing of it).
        await SubmitAsync(10);
        await Task.Delay(ReleaseLooks);
        var afterOne = await QuestionsAsync(hub);
        Assert.Equal(Texts(ten["OT1"]), Texts(afterOne["OT1"]));
        Assert.Null(Texts(afterOne["OT2"]));

        // The close releases everything at once: eleven answers to the first question, and ten to the second, shown now.
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/close", hub, new { });
        await PlatformFixture.EventuallyAsync(async () => Texts((await QuestionsAsync(hub))["OT1"])?.Count == 11, TimeSpan.FromSeconds(30),
            "the close releases the final step");
        var closed = await QuestionsAsync(hub);
        Assert.Equal(Masked(11), Texts(closed["OT1"]));
        Assert.Equal(Enumerable.Range(0, 11).Where(i => i != 9).Select(i => $"{marker} more time {i}").Order(), Texts(closed["OT2"]));

        // Only the network's hub: another hub does not find the wave; a funder, a member and no token are refused.
        await kit.Expect(HttpStatusCode.NotFound, HttpMethod.Get, comments, await platform.TokenAsync(PlatformFixture.LakesideAdmin));
        await kit.Expect(HttpStatusCode.Forbidden, HttpMethod.Get, comments, await platform.TokenAsync(PlatformFixture.Funder));
        var teamNetwork = await kit.NewNetworkAsync(hub, "Comments", new DateOnly(2025, 8, 1));
        var (member, _) = await kit.MemberAsync(hub, teamNetwork, teamNetwork.TeamA, "commenter");
        await kit.Expect(HttpStatusCode.Forbidden, HttpMethod.Get, comments, member);
        using (var anonymous = await api.SendAsync(HttpMethod.Get, comments, null))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // Hub staff read them from a seat in this network only: a seat elsewhere is refused, and a seat that ends stops them.
        var (seated, seat) = await kit.HubStaffAsync(hub, network, "DataLead");
        var (elsewhere, _) = await kit.HubStaffAsync(hub, teamNetwork.Id, "DataLead");
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await api.SendAsync(HttpMethod.Get, comments, seated);
            return r.StatusCode == HttpStatusCode.OK;
        }, PlatformFixture.EventDelivery, "Surveys hears of the seat");
        Assert.Equal(Masked(11), Texts((await QuestionsAsync(seated))["OT1"]));
        // Hub staff find the wave (the feedback report's section does), but running it stays with the hub admins.
        Assert.Contains((await api.GetAsync<JsonElement[]>($"/api/surveys/waves?networkId={network}", seated)), w => w.GetProperty("id").GetGuid() == wave);
        await kit.Expect(HttpStatusCode.Forbidden, HttpMethod.Get, $"/api/surveys/waves/{wave}/progress", seated);
        var refused = await kit.Expect(HttpStatusCode.Forbidden, HttpMethod.Get, comments, elsewhere);
        Assert.Contains("seat", refused.GetProperty("detail").GetString());
        using (var ended = await api.SendAsync(HttpMethod.Post, $"/api/networks/{network}/hub-staff/{seat}/end", hub,
            new { date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), reason = "Departure" }))
            Assert.True(ended.IsSuccessStatusCode, $"ending the seat: {(int)ended.StatusCode}");
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var r = await api.SendAsync(HttpMethod.Get, comments, seated);
            return r.StatusCode == HttpStatusCode.Forbidden;
        }, PlatformFixture.EventDelivery, "Surveys hears that the seat ended");

        // The text stays in Surveys: once Reporting holds all eleven responses, no event Surveys published, no Reporting
        // table and no service log holds any of it.
        await PlatformFixture.EventuallyAsync(async () =>
            (await api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/health?year={Year}", hub)).GetProperty("respondents").GetInt32() == 11,
            PlatformFixture.EventDelivery, "Reporting counts the eleven responses");
        await using (var surveys = platform.ConnectAsSuperuser("surveys"))
        {
            Assert.Equal(11 + 10, await surveys.ExecuteScalarAsync<int>(
                "select count(*) from survey_responses r, jsonb_each_text(r.answers -> 'texts') t where t.value like @like", new { like = $"%{marker}%" }));
            Assert.Equal(0, await surveys.ExecuteScalarAsync<int>("select count(*) from outbox_messages where payload::text like @like", new { like = $"%{marker}%" }));
        }
        await using (var reporting = platform.ConnectAsSuperuser("reporting"))
        {
            var tables = (await reporting.QueryAsync<string>("select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'")).ToList();
            Assert.NotEmpty(tables);
            foreach (var table in tables)
                Assert.Equal(0, await reporting.ExecuteScalarAsync<int>($"select count(*) from {table} t where t::text like @like", new { like = $"%{marker}%" }));
        }
        foreach (var log in Directory.EnumerateFiles(platform.Platform.Options.LogDirectory))
            Assert.DoesNotContain(marker, await File.ReadAllTextAsync(log));
    }
}
