using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;

namespace EndToEnd.Tests;

/// <summary>The survey in Spanish: the same questions by id, so a Spanish and an English response score the same.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SurveyLanguageTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_member_whose_roster_line_asks_for_spanish_is_invited_in_spanish_and_the_survey_opens_in_spanish()
    {
        var api = platform.Api;
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var network = (await api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = "Bilingual " + Guid.NewGuid().ToString("N")[..6], aim = "Listen", goalType = "Instructional", launchDate = "2024-08-01" })).GetProperty("id").GetGuid();
        var (ana, ben) = ($"ana-{Guid.NewGuid():N}@lang.test", $"ben-{Guid.NewGuid():N}@lang.test");
        async Task<HttpResponseMessage> ImportAsync(string csv)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/networks/{network}/roster") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
            request.Headers.Authorization = new("Bearer", hub);
            return await api.Http.SendAsync(request);
        }
        const string header = "email,given_name,family_name,school,district,team,role,start_date,end_date,language";

        // A language the survey is not offered in: 422 naming the row and the column, nothing imported.
        using (var bad = await ImportAsync($"{header}\n{ana},Ana,Lopez,,,,TeamMember,2025-09-01,,fr\n"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            var body = await bad.Content.ReadAsStringAsync();
            Assert.Contains("\"language\"", body);
            Assert.Contains("'fr' is not a language", body);
        }
        using (var good = await ImportAsync($"{header}\n{ana},Ana,Lopez,,,,TeamMember,2025-09-01,,es\n{ben},Ben,Okafor,,,,TeamMember,2025-09-01,,\n"))
            Assert.True(good.IsSuccessStatusCode, await good.Content.ReadAsStringAsync());

        var driver = new SurveyDriver(platform, 2026);
        var wave = await driver.DraftWaveAsync(hub, network, 2);
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });
        JsonElement MailTo(JsonElement[] mail, string email) =>
            mail.Last(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == email));
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var mail = await platform.MailAsync();
            return mail.Any(m => m.GetRawText().Contains(ana)) && mail.Any(m => m.GetRawText().Contains(ben));
        }, PlatformFixture.EventDelivery, "both invitations arrive");
        var all = await platform.MailAsync();
        var spanish = MailTo(all, ana);
        Assert.StartsWith("Su encuesta de la red", spanish.GetProperty("subject").GetString());
        Assert.Contains("Hola, Ana:", spanish.GetProperty("text").GetString());
        Assert.Matches(@"/survey/[A-Za-z0-9_-]+\?lang=es", spanish.GetProperty("text").GetString()!);
        var english = MailTo(all, ben);
        Assert.StartsWith("Your ", english.GetProperty("subject").GetString());
        Assert.DoesNotContain("lang=es", english.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_wave_offered_in_english_only_shows_no_spanish_and_refuses_a_language_its_instrument_lacks()
    {
        var api = platform.Api;
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var driver = new SurveyDriver(platform, 2026);
        var (network, emails) = await driver.NetworkWithMembersAsync(hub, 1);
        var wave = await driver.DraftWaveAsync(hub, network, 1, languages: ["en"]);
        // (Surveys knows the network now, so the answer is about the languages.)
        using (var french = await api.SendAsync(HttpMethod.Post, "/api/surveys/waves", hub, new
               { networkId = network, instrumentId = "network-health-member", version = 1, networkYear = 2026, opensOn = "2026-09-01", closesOn = "2099-06-30", languages = new[] { "fr" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, french.StatusCode);
            Assert.Contains("\"languages\"", await french.Content.ReadAsStringAsync());
        }
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });
        var token = await driver.LinkTokenAsync(emails[0]);
        Assert.Equal(["en"], (await api.GetAsync<JsonElement>($"/api/surveys/respond/{token}", token: null!)).GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        using var spanish = await api.SendAsync(HttpMethod.Get, $"/api/surveys/respond/{token}?lang=es", null);
        Assert.Equal(HttpStatusCode.BadRequest, spanish.StatusCode);
    }

    [Fact]
    public async Task A_response_answered_in_spanish_scores_as_the_same_answers_in_english()
    {
        var api = platform.Api;
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var driver = new SurveyDriver(platform, 2026);
        var (network, emails) = await driver.NetworkWithMembersAsync(hub, 2);
        var wave = await driver.DraftWaveAsync(hub, network, 2);
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });
        var english = await driver.LinkTokenAsync(emails[0]);
        var spanish = await driver.LinkTokenAsync(emails[1]);

        var inEnglish = await api.GetAsync<JsonElement>($"/api/surveys/respond/{english}", token: null!);
        var inSpanish = await api.GetAsync<JsonElement>($"/api/surveys/respond/{spanish}?lang=es", token: null!);
        Assert.Equal(("en", "es"), (inEnglish.GetProperty("language").GetString(), inSpanish.GetProperty("language").GetString()));
        Assert.Equal(["en", "es"], inSpanish.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        static IEnumerable<(string Id, string Text)> Items(JsonElement survey) => survey.GetProperty("instrument").GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("items").EnumerateArray()).Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("text").GetString()!));
        Assert.Equal(Items(inEnglish).Select(i => i.Id), Items(inSpanish).Select(i => i.Id));
        Assert.Equal("¿En qué medida entiende usted su papel en la red?", Items(inSpanish).Single(i => i.Id == "RE1").Text);

        Assert.Equal(["en", "es"], (await api.GetAsync<JsonElement>($"/api/surveys/waves/{wave}", hub)).GetProperty("languages").EnumerateArray().Select(l => l.GetString()));

        // A language the survey is not offered in is refused, naming the field.
        using (var french = await api.SendAsync(HttpMethod.Get, $"/api/surveys/respond/{spanish}?lang=fr", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, french.StatusCode);
            Assert.Contains("\"lang\"", await french.Content.ReadAsStringAsync());
        }

        // A submit refused in Spanish: the same rule, its words in the member's language.
        using (var early = await api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{spanish}/submit?lang=es", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Contains("Esta pregunta necesita una respuesta antes de enviar.", await early.Content.ReadAsStringAsync());
        }

        // The same answers from each link, one member reading Spanish: stored by item id, scored alike.
        var answers = Items(inEnglish).Where(i => i.Id[..2] != "OT").Select((i, n) => (i.Id, Value: n % 5 + 1)).ToDictionary(i => i.Id, object? (i) => i.Value);
        foreach (var token in new[] { english, spanish })
        {
            await driver.SaveAsync(token, answers, HttpStatusCode.OK);
            using var submitted = await api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{token}/submit", null);
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }
        await using var surveys = platform.ConnectAsSuperuser("surveys");
        var scores = (await surveys.QueryAsync<string>("select scale_scores::text from survey_responses where wave_id = @wave", new { wave })).ToList();
        Assert.Equal(2, scores.Count);
        Assert.Equal(scores[0], scores[1]);
    }
}
