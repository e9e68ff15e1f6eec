using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>The annual survey through the gateway: a wave opens, the link arrives by mail, a member saves, resumes and submits once.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SurveyTests(PlatformFixture platform)
{
    private const int Year = 2026;
    private SurveyDriver Driver => new(platform, Year);

    [Fact]
    public async Task A_member_answers_from_the_mailed_link_and_the_scores_reach_reporting()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var (network, emails) = await Driver.NetworkWithMembersAsync(hub, 6);
        var wave = await Driver.DraftWaveAsync(hub, network, 6);

        var opened = await platform.Api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });
        Assert.Equal(6, opened.GetProperty("invited").GetInt32());
        Assert.Equal(6, opened.GetProperty("mailed").GetInt32());
        var token = await Driver.LinkTokenAsync(emails[0]);

        var api = platform.Api;
        var form = await api.GetAsync<JsonElement>($"/api/surveys/respond/{token}", token: null!);
        Assert.Equal("NotStarted", form.GetProperty("status").GetString());
        var items = form.GetProperty("instrument").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(35, items.Count);

        // Save part, then a bad save that must change nothing, then resume.
        await Driver.SaveAsync(token, new Dictionary<string, object?> { ["HL1"] = 4, ["HL2"] = 5, ["OT1"] = "The cross-school visits." }, HttpStatusCode.OK);
        var bad = await Driver.SaveAsync(token, new Dictionary<string, object?> { ["HL1"] = 7, ["NOPE"] = 1, ["HL3"] = "four" }, HttpStatusCode.BadRequest);
        Assert.Equal(["HL1", "HL3", "NOPE"], bad.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!).Order().ToArray());
        var resumed = await api.GetAsync<JsonElement>($"/api/surveys/respond/{token}", token: null!);
        Assert.Equal("InProgress", resumed.GetProperty("status").GetString());
        Assert.Equal(4, resumed.GetProperty("answers").GetProperty("ratings").GetProperty("HL1").GetInt32());

        // Submitting with required questions unanswered names them and keeps the draft.
        using (var early = await api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{token}/submit", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
            Assert.Contains("CI1", await early.Content.ReadAsStringAsync());
        }
        var rest = items.Where(i => i.TryGetProperty("scale", out var s) && s.ValueKind == JsonValueKind.String)
            .ToDictionary(i => i.GetProperty("id").GetString()!, object? (_) => 4);
        rest["HL1"] = 4; rest["HL2"] = 5;
        await Driver.SaveAsync(token, rest, HttpStatusCode.OK);
        using (var submitted = await api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{token}/submit", null))
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        using (var twice = await api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{token}/submit", null))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        await Driver.SaveAsync(token, new Dictionary<string, object?> { ["HL1"] = 1 }, HttpStatusCode.Conflict);

        var progress = await api.GetAsync<JsonElement>($"/api/surveys/waves/{wave}/progress", hub);
        Assert.Equal(6, progress.GetProperty("invited").GetInt32());
        Assert.Equal(1, progress.GetProperty("started").GetInt32());
        Assert.Equal(1, progress.GetProperty("submitted").GetInt32());
        Assert.Equal(16.7m, progress.GetProperty("responseRate").GetDecimal());

        // Reminders go only to the five who have not submitted; after closing, the links take nothing (below).
        var reminded = await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/reminders", hub, new { });
        Assert.Equal(5, reminded.GetProperty("invited").GetInt32());
        using (var closed = await api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/close", hub))
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        // The close releases the last step (one response alone never leaves before): Reporting receives the scores without
        // any person; one respondent is below the minimum, so no figures show.
        JsonElement survey = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            survey = await api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/survey?year={Year}", hub);
            return survey.GetProperty("respondents").GetInt32() == 1;
        }, PlatformFixture.EventDelivery, "the submitted response reaches Reporting");
        var hubScale = survey.GetProperty("scales").EnumerateArray().Single(s => s.GetProperty("scale").GetString() == "HUB_LEADERSHIP");
        Assert.Equal(JsonValueKind.Null, hubScale.GetProperty("statistics").ValueKind);
        Assert.Equal("fewer than 5 responses", hubScale.GetProperty("note").GetString());
        var health = await api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/health?year={Year}", hub);
        Assert.Equal(1, health.GetProperty("respondents").GetInt32());
        Assert.All(health.GetProperty("scales").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("statistics").ValueKind));
        using (var otherHub = await api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{network}/health?year={Year}", await platform.TokenAsync(PlatformFixture.LakesideAdmin)))
            Assert.Equal(HttpStatusCode.NotFound, otherHub.StatusCode);
        using (var funderHealth = await api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{network}/health/trend", await platform.TokenAsync(PlatformFixture.Funder)))
            Assert.Equal(HttpStatusCode.Forbidden, funderHealth.StatusCode);

        var other = await Driver.LinkTokenAsync(emails[1]);
        using (var gone = await api.SendAsync(HttpMethod.Get, $"/api/surveys/respond/{other}", null))
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        await Driver.SaveAsync(other, new Dictionary<string, object?> { ["HL1"] = 3 }, HttpStatusCode.Gone);
        using (var again = await api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/reminders", hub))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Racing_writes_from_one_link_lose_no_answers_and_submit_exactly_once()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var (network, emails) = await Driver.NetworkWithMembersAsync(hub, 2);
        var wave = await Driver.DraftWaveAsync(hub, network, 2);
        (await platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/open", hub)).EnsureSuccessStatusCode();
        var token = await Driver.LinkTokenAsync(emails[0]);
        var form = await platform.Api.GetAsync<JsonElement>($"/api/surveys/respond/{token}", token: null!);
        var rated = form.GetProperty("instrument").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray())
            .Where(i => i.TryGetProperty("scale", out var s) && s.ValueKind == JsonValueKind.String).Select(i => i.GetProperty("id").GetString()!).ToList();

        // Twelve devices each save a different item at the same moment. Each save reads, merges and writes only if
        // nobody wrote in between, so every accepted save's item survives (a blind overwrite would drop some).
        var saves = await Task.WhenAll(rated.Take(12).Select(async item =>
        {
            using var response = await platform.Api.SendAsync(HttpMethod.Put, $"/api/surveys/respond/{token}", null,
                new { answers = new Dictionary<string, object?> { [item] = 3 } });
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (Item: item, Accepted: response.StatusCode == HttpStatusCode.OK);
        }));
        Assert.Contains(saves, s => s.Accepted);
        var saved = (await platform.Api.GetAsync<JsonElement>($"/api/surveys/respond/{token}", token: null!)).GetProperty("answers").GetProperty("ratings");
        Assert.All(saves.Where(s => s.Accepted), s => Assert.Equal(3, saved.GetProperty(s.Item).GetInt32()));

        // Eight devices submit at the same moment: exactly one is accepted, and exactly one event goes to Reporting.
        var all = rated.ToDictionary(id => id, object? (_) => 4);
        var submits = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{token}/submit", null, new { answers = all });
            return response.StatusCode;
        }));
        Assert.Equal(1, submits.Count(s => s == HttpStatusCode.OK));
        Assert.All(submits.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        var progress = await platform.Api.GetAsync<JsonElement>($"/api/surveys/waves/{wave}/progress", hub);
        Assert.Equal(1, progress.GetProperty("submitted").GetInt32());
        // One response, one event: it leaves with the final step, once.
        (await platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/close", hub)).EnsureSuccessStatusCode();
        await using var db = platform.ConnectAsService("surveys");
        Assert.Equal(1, await Dapper.SqlMapper.ExecuteScalarAsync<long>(db, """
            select count(*) from outbox_messages, jsonb_array_elements(payload->'responses') r
            where message_type like '%SurveyResponsesSubmitted' and r->>'waveId' = @wave
            """, new { wave = wave.ToString() }));
    }

    [Fact]
    public async Task Links_are_checked_and_waves_belong_to_their_hub()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var (network, emails) = await Driver.NetworkWithMembersAsync(hub, 2);
        var wave = await Driver.DraftWaveAsync(hub, network, 2);

        foreach (var path in new[] { $"/api/surveys/waves/{wave}", $"/api/surveys/waves/{wave}/progress" })
        {
            using (var lakeside = await platform.Api.SendAsync(HttpMethod.Get, path, await platform.TokenAsync(PlatformFixture.LakesideAdmin)))
                Assert.Equal(HttpStatusCode.NotFound, lakeside.StatusCode);
            using (var funder = await platform.Api.SendAsync(HttpMethod.Get, path, await platform.TokenAsync(PlatformFixture.Funder)))
                Assert.Equal(HttpStatusCode.Forbidden, funder.StatusCode);
        }
        using (var lakesideOpen = await platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/open", await platform.TokenAsync(PlatformFixture.LakesideAdmin)))
            Assert.Equal(HttpStatusCode.NotFound, lakesideOpen.StatusCode);
        using (var badDates = await platform.Api.SendAsync(HttpMethod.Post, "/api/surveys/waves", hub,
            new { networkId = network, instrumentId = "network-health-member", version = 1, networkYear = Year, opensOn = "2026-10-01", closesOn = "2026-09-01" }))
            Assert.Equal(HttpStatusCode.BadRequest, badDates.StatusCode);
        using (var noVersion = await platform.Api.SendAsync(HttpMethod.Post, "/api/surveys/waves", hub,
            new { networkId = network, instrumentId = "network-health-member", version = 99, networkYear = Year, opensOn = "2026-09-01", closesOn = "2026-12-01" }))
            Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);

        await platform.Api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });
        using (var twice = await platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/open", hub))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var token = await Driver.LinkTokenAsync(emails[0]);
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");
        foreach (var t in new[] { forged, "not-a-token" })
            using (var unknown = await platform.Api.SendAsync(HttpMethod.Get, $"/api/surveys/respond/{t}", null))
                Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var huge = new Dictionary<string, object?> { ["OT1"] = new string('x', 5000) };
        await Driver.SaveAsync(token, huge, HttpStatusCode.BadRequest);
        using (var oversized = new HttpRequestMessage(HttpMethod.Put, $"/api/surveys/respond/{token}")
        {
            // A known length (not chunked), so the limit applies before any of the body is read.
            Content = new StringContent(JsonSerializer.Serialize(new { answers = new Dictionary<string, string> { ["OT1"] = new string('x', 2_000_000) } }),
                System.Text.Encoding.UTF8, "application/json"),
        })
        {
            oversized.Headers.ExpectContinue = true; // refused before the body is sent (see BadInputTests)
            using var tooLarge = await platform.Api.Http.SendAsync(oversized);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        }
        using (var notObject = await platform.Api.SendAsync(HttpMethod.Put, $"/api/surveys/respond/{token}", null, new { answers = new[] { 1, 2 } }))
            Assert.Equal(HttpStatusCode.BadRequest, notObject.StatusCode);
        using (var badSubmit = await platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{token}/submit", null,
            new { answers = new Dictionary<string, int> { ["HL1"] = 9 } }))
            Assert.Equal(HttpStatusCode.BadRequest, badSubmit.StatusCode);
        var form = await platform.Api.GetAsync<JsonElement>($"/api/surveys/respond/{token}", token: null!);
        Assert.Equal("NotStarted", form.GetProperty("status").GetString());

        // The last answers may travel with the submit itself.
        var required = form.GetProperty("instrument").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray())
            .Where(i => i.TryGetProperty("required", out var r) && r.GetBoolean()).ToDictionary(i => i.GetProperty("id").GetString()!, _ => 3);
        using (var submitted = await platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{token}/submit", null, new { answers = required }))
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("Submitted", (await platform.Api.GetAsync<JsonElement>($"/api/surveys/respond/{token}", token: null!)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_hub_adds_its_own_instrument_that_only_it_sees_and_the_built_in_one_stays_as_published()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var content = new
        {
            name = "Coaching check-in", description = "Two questions on coaching.",
            scales = new[] { new { key = "COACHING", title = "Coaching", responseType = "Labelled", labels = new[] { "Never", "Rarely", "Sometimes", "Often", "Always" } } },
            sections = new[] { new { id = "c", title = "Coaching", items = new object[]
            {
                new { id = "C1", scale = "COACHING", text = "How often does your coach visit your team?", required = true },
                new { id = "C2", scale = "COACHING", text = "How often does your coach help you plan a test?" },
            } } },
        };
        var created = await platform.Api.PostAsync<JsonElement>("/api/surveys/instruments", hub, content);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        var v2 = await platform.Api.PostAsync<JsonElement>($"/api/surveys/instruments/{id}/versions", hub, content with { name = "Coaching check-in (revised)" });
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal("Coaching check-in", (await platform.Api.GetAsync<JsonElement>($"/api/surveys/instruments/{id}/versions/1", hub)).GetProperty("name").GetString());

        var mine = await platform.Api.GetAsync<JsonElement[]>("/api/surveys/instruments", hub);
        Assert.Contains(mine, i => i.GetProperty("id").GetString() == id && i.GetProperty("latestVersion").GetInt32() == 2 && !i.GetProperty("builtIn").GetBoolean());
        Assert.Contains(mine, i => i.GetProperty("id").GetString() == "network-health-member" && i.GetProperty("builtIn").GetBoolean());
        Assert.DoesNotContain(await platform.Api.GetAsync<JsonElement[]>("/api/surveys/instruments", lakeside), i => i.GetProperty("id").GetString() == id);
        using (var hidden = await platform.Api.SendAsync(HttpMethod.Get, $"/api/surveys/instruments/{id}/versions/1", lakeside))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using (var builtIn = await platform.Api.SendAsync(HttpMethod.Post, "/api/surveys/instruments/network-health-member/versions", hub, content))
            Assert.Equal(HttpStatusCode.Forbidden, builtIn.StatusCode);
        using (var bad = await platform.Api.SendAsync(HttpMethod.Post, "/api/surveys/instruments", hub,
            content with { scales = new[] { new { key = "COACHING", title = "Coaching", responseType = "Labelled", labels = new[] { "No", "Yes" } } } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("exactly 5", await bad.Content.ReadAsStringAsync());
        }
        using (var funder = await platform.Api.SendAsync(HttpMethod.Get, "/api/surveys/instruments", await platform.TokenAsync(PlatformFixture.Funder)))
            Assert.Equal(HttpStatusCode.Forbidden, funder.StatusCode);
    }

    [Fact]
    public async Task A_hub_reads_its_printable_feedback_report_once_enough_members_responded()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var (network, emails) = await Driver.NetworkWithMembersAsync(hub, 6);
        var wave = await Driver.DraftWaveAsync(hub, network, 6);
        await platform.Api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });
        var form = await platform.Api.GetAsync<JsonElement>($"/api/surveys/respond/{await Driver.LinkTokenAsync(emails[0])}", token: null!);
        var scaled = form.GetProperty("instrument").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray())
            .Where(i => i.TryGetProperty("scale", out var s) && s.ValueKind == JsonValueKind.String).Select(i => i.GetProperty("id").GetString()!).ToList();
        // Five answer 4 to everything and one answers 5: every scale's mean is 4.17 over 6 responses.
        for (var i = 0; i < emails.Length; i++)
        {
            var token = await Driver.LinkTokenAsync(emails[i]);
            await Driver.SaveAsync(token, scaled.ToDictionary(id => id, object? (_) => i == 0 ? 5 : 4), HttpStatusCode.OK);
            using var submitted = await platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{token}/submit", null);
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }
        await platform.Api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/close", hub, new { });
        await PlatformFixture.EventuallyAsync(async () =>
            (await platform.Api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/health?year={Year}", hub)).GetProperty("respondents").GetInt32() == 6,
            PlatformFixture.EventDelivery, "every response reaches Reporting");

        var html = "";
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var report = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{network}/feedback-report?year={Year}", hub);
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
            html = await report.Content.ReadAsStringAsync();
            return html.Contains("<strong>100%</strong> response rate");
        }, PlatformFixture.EventDelivery, "the closed wave's response rate reaches Reporting");
        Assert.Contains("<!DOCTYPE html>", html);
        Assert.Contains("@media print", html);
        Assert.True(Regex.Matches(html, "<svg").Count >= 2, "the domain and trend charts are inline SVG");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", Regex.Replace(html, @"xmlns(:\w+)?=""http://[^""]+""", "")); // self-contained: nothing to fetch
        Assert.Matches(@"<th scope=""row"">Hub leadership</th>\s*<td class=""num"">4\.17</td><td class=""num"">6</td>", html);
        Assert.Contains("has not opted in to benchmarking", html);
        Assert.Equal(3, Regex.Matches(Regex.Match(html, "<ol>(.*?)</ol>", RegexOptions.Singleline).Value, "<li>").Count);
        foreach (var email in emails) Assert.DoesNotContain(email, html);

        using (var otherHub = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{network}/feedback-report?year={Year}", await platform.TokenAsync(PlatformFixture.LakesideAdmin)))
            Assert.Equal(HttpStatusCode.NotFound, otherHub.StatusCode);
        using (var funder = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{network}/feedback-report?year={Year}", await platform.TokenAsync(PlatformFixture.Funder)))
            Assert.Equal(HttpStatusCode.Forbidden, funder.StatusCode);
    }
}
