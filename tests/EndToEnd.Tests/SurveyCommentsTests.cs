using System.Net;
using System.Text.Json;
using Dapper;

namespace EndToEnd.Tests;

/// <summary>
/// Members' comments reach their own hub and nobody else: after the wave closes, only where ten answered, masked, and
/// never in an event, in Reporting or in a log.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SurveyCommentsTests(PlatformFixture platform)
{
    private const int Year = 2026;

    [Fact]
    public async Task The_hub_reads_masked_comments_after_the_wave_closes_and_they_never_leave_surveys()
    {
        var api = platform.Api;
        var kit = new ImprovementTestKit(platform);
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var driver = new SurveyDriver(platform, Year);
        var (network, emails) = await driver.NetworkWithMembersAsync(hub, 11); // every member is called Sam Reyes
        var wave = await driver.DraftWaveAsync(hub, network, 11);
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });

        // Eleven answer the first open question (naming a member, an address, a phone); nine the second.
        var marker = "cmt" + Guid.NewGuid().ToString("N")[..12];
        var form = await api.GetAsync<JsonElement>($"/api/surveys/respond/{await driver.LinkTokenAsync(emails[0])}", token: null!);
        var rated = form.GetProperty("instrument").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray())
            .Where(i => i.TryGetProperty("scale", out var s) && s.ValueKind == JsonValueKind.String).Select(i => i.GetProperty("id").GetString()!).ToList();
        for (var i = 0; i < emails.Length; i++)
        {
            var answers = rated.ToDictionary(id => id, object? (_) => 4);
            answers["OT1"] = $"{marker} keep the coaching {i:D2}, thanks to Sam Reyes; write to sam.reyes@school.test or 555-123-4567";
            if (i < 9) answers["OT2"] = $"{marker} more time {i}";
            var token = await driver.LinkTokenAsync(emails[i]);
            await driver.SaveAsync(token, answers, HttpStatusCode.OK);
            using var submitted = await api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{token}/submit", null);
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        // Open: not shown, however many answered (a later read would show what the latest respondents wrote).
        var comments = $"/api/surveys/waves/{wave}/comments";
        var early = await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, comments, hub);
        Assert.False(early.GetProperty("shown").GetBoolean());
        Assert.Empty(early.GetProperty("questions").EnumerateArray());

        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/close", hub, new { });
        var read = await kit.Expect(HttpStatusCode.OK, HttpMethod.Get, comments, hub);
        Assert.True(read.GetProperty("shown").GetBoolean());
        var questions = read.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("itemId").GetString()!);
        var first = questions["OT1"].GetProperty("comments").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"{marker} keep the coaching {i:D2}, thanks to [name]; write to [email] or [phone]"), first.Order());
        Assert.Equal(JsonValueKind.Null, questions["OT2"].GetProperty("comments").ValueKind);
        Assert.Equal("fewer than 10 answers", questions["OT2"].GetProperty("note").GetString());
        Assert.DoesNotContain("more time", read.GetRawText());
        Assert.DoesNotContain("submitted", read.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // Only the network's hub: another hub does not find the wave; a funder, a member and no token are refused.
        await kit.Expect(HttpStatusCode.NotFound, HttpMethod.Get, comments, await platform.TokenAsync(PlatformFixture.LakesideAdmin));
        await kit.Expect(HttpStatusCode.Forbidden, HttpMethod.Get, comments, await platform.TokenAsync(PlatformFixture.Funder));
        var teamNetwork = await kit.NewNetworkAsync(hub, "Comments", new DateOnly(2025, 8, 1));
        var (member, _) = await kit.MemberAsync(hub, teamNetwork, teamNetwork.TeamA, "commenter");
        await kit.Expect(HttpStatusCode.Forbidden, HttpMethod.Get, comments, member);
        using (var anonymous = await api.SendAsync(HttpMethod.Get, comments, null))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // The text stays in Surveys: once Reporting holds all eleven responses, no event Surveys published, no Reporting
        // table and no service log holds any of it.
        await PlatformFixture.EventuallyAsync(async () =>
            (await api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/health?year={Year}", hub)).GetProperty("respondents").GetInt32() == 11,
            PlatformFixture.EventDelivery, "Reporting counts the eleven responses");
        await using (var surveys = platform.ConnectAsSuperuser("surveys"))
        {
            Assert.Equal(11 + 9, await surveys.ExecuteScalarAsync<int>(
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
