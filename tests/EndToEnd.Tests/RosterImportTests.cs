using System.Net;
using System.Text;
using System.Text.Json;

namespace EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class RosterImportTests(PlatformFixture platform)
{
    private const string Header = "email,given_name,family_name,school,district,team,role,start_date,end_date";

    private async Task<(string Token, Guid Network)> NewNetworkAsync()
    {
        var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var id = (await platform.Api.PostAsync<JsonElement>("/api/networks", token,
            new { name = "Roster " + Guid.NewGuid().ToString("N")[..6], aim = "Onboard", goalType = "PostSecondaryMatch", launchDate = "2021-08-01" }))
            .GetProperty("id").GetGuid();
        return (token, id);
    }

    private async Task<HttpResponseMessage> ImportAsync(string token, Guid network, string csv, string contentType = "text/csv")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/networks/{network}/roster") { Content = new StringContent(csv, Encoding.UTF8, contentType) };
        request.Headers.Authorization = new("Bearer", token);
        return await platform.Api.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_good_roster_is_imported_in_one_go_and_importing_it_again_changes_nothing()
    {
        var (token, id) = await NewNetworkAsync();
        var csv = string.Join('\n',
            Header,
            "ana@north.test,Ana,Lopez,North High,River District,Ninth grade,TeamLead,2021-09-01,2023-06-30",
            "ana@north.test,Ana,Lopez,North High,River District,Ninth grade,TeamMember,2024-09-01,",
            "ben@north.test,Ben,Okafor,North High,River District,Ninth grade,teammember,2022-09-01,",
            "cai@south.test,Cai,Wong,South High,Lake District,,TeamMember,2023-09-01,",
            "dee@district.test,Dee,Ray,,,,DistrictLead,2021-08-15,") + "\n";

        using var first = await ImportAsync(token, id, csv);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var summary = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(5, summary.GetProperty("rows").GetInt32());
        Assert.Equal(2, summary.GetProperty("schoolsCreated").GetInt32());
        Assert.Equal(1, summary.GetProperty("teamsCreated").GetInt32());
        Assert.Equal(4, summary.GetProperty("peopleCreated").GetInt32());
        Assert.Equal(5, summary.GetProperty("membershipsCreated").GetInt32());

        var members = await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/members?year=2024", token);
        Assert.Equal(["ana@north.test", "ben@north.test", "cai@south.test", "dee@district.test"], members.Select(m => m.GetProperty("email").GetString()).Order());
        Assert.Equal(3, members.Single(m => m.GetProperty("email").GetString() == "ana@north.test").GetProperty("tenure").GetInt32());
        Assert.Equal("Multiple", (await platform.Api.GetAsync<JsonElement>($"/api/networks/{id}", token)).GetProperty("districtScope").GetString());

        using var again = await ImportAsync(token, id, csv);
        var second = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, second.GetProperty("peopleCreated").GetInt32() + second.GetProperty("membershipsCreated").GetInt32()
                        + second.GetProperty("membershipsUpdated").GetInt32() + second.GetProperty("schoolsCreated").GetInt32());
        Assert.Equal(5, second.GetProperty("unchanged").GetInt32());
        Assert.Equal(members.Length, (await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/members?year=2024", token)).Length);
    }

    [Fact]
    public async Task Surveys_learns_a_rosters_joiners_and_leavers_from_its_packed_events()
    {
        var (token, id) = await NewNetworkAsync();
        // More periods than one pack holds (200); every third ends in network year 2022 (August 2022 to July 2023).
        const int rows = 1500;
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows; i++)
            csv.Append($"pack{i}@roster.test,Given{i},Family{i},North High,River District,Team {i % 4},TeamMember,2021-09-01,{(i % 3 == 0 ? "2023-06-30" : "")}\n");
        using var imported = await ImportAsync(token, id, csv.ToString());
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        // Surveys' own copy of the members, read as a wave would invite them: everyone in 2022, two thirds in 2023.
        await new SurveyDriver(platform, 2022).DraftWaveAsync(token, id, rows);
        await new SurveyDriver(platform, 2023).DraftWaveAsync(token, id, rows - rows / 3);
    }

    [Fact]
    public async Task A_roster_with_bad_rows_lists_every_problem_and_writes_nothing()
    {
        var (token, id) = await NewNetworkAsync();
        var csv = string.Join('\n',
            Header,
            "ok@x.test,Okay,Row,North High,River,,TeamMember,2022-09-01,",
            ",No,Email,North High,River,,TeamMember,2022-09-01,",
            "bad-date@x.test,Bad,Date,North High,River,,TeamMember,2022-02-30,",
            "ends-early@x.test,Ends,Early,North High,River,,TeamMember,2022-09-01,2022-08-01",
            "role@x.test,Bad,Role,North High,River,,Principal,2022-09-01,",
            "ok@x.test,Other,Name,North High,River,,TeamMember,2024-09-01,",
            "short@x.test,Too,Few");
        using var response = await ImportAsync(token, id, csv);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Contains((8, "*"), errors);
        // The field-count problem stops before validation; fix it and every row problem is listed.
        using var second = await ImportAsync(token, id, csv[..csv.LastIndexOf('\n')]);
        var rowErrors = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal([(3, "email"), (4, "start_date"), (5, "end_date"), (6, "role"), (7, "given_name")], rowErrors);

        Assert.Empty(await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/members?year=2022", token));
        Assert.Empty(await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/organizations", token));
    }

    [Fact]
    public async Task Garbage_a_wrong_header_or_the_wrong_content_type_are_refused_and_nothing_is_written()
    {
        var (token, id) = await NewNetworkAsync();
        var random = new Random(7);
        var garbage = new StringBuilder(5 * 1024 * 1024);
        while (garbage.Length < 5 * 1024 * 1024) garbage.Append((char)random.Next(32, 0x2FFF));
        using (var response = await ImportAsync(token, id, garbage.ToString()))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using (var response = await ImportAsync(token, id, "mail,first,last\nx@y.test,X,Y\n"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("header", await response.Content.ReadAsStringAsync());
        }
        using (var response = await ImportAsync(token, id, Header + "\n"))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using (var response = await ImportAsync(token, id, Header + "\nx@y.test,X,Y,,,,TeamMember,2022-09-01,\n", "application/json"))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/members?year=2022", token));
    }

    [Fact]
    public async Task A_row_that_contradicts_stored_data_rejects_the_whole_file()
    {
        var (token, id) = await NewNetworkAsync();
        await platform.Api.PostAsync<JsonElement>($"/api/networks/{id}/members", token,
            new { email = "kim@x.test", givenName = "Kim", familyName = "Lee", role = "TeamMember", startDate = "2022-09-01" });
        var csv = $"{Header}\nnew@x.test,New,Person,,,,TeamMember,2022-09-01,\nkim@x.test,Kimberly,Lee,,,,TeamMember,2023-09-01,\n";
        using var response = await ImportAsync(token, id, csv);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("already Kim Lee", await response.Content.ReadAsStringAsync());
        Assert.Single(await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/members?year=2023", token));
    }

    [Fact]
    public async Task Another_hub_gets_404_and_a_funder_403()
    {
        var (_, id) = await NewNetworkAsync();
        var csv = $"{Header}\nx@y.test,X,Y,,,,TeamMember,2022-09-01,\n";
        using (var other = await ImportAsync(await platform.TokenAsync(PlatformFixture.LakesideAdmin), id, csv))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var funder = await ImportAsync(await platform.TokenAsync(PlatformFixture.Funder), id, csv))
            Assert.Equal(HttpStatusCode.Forbidden, funder.StatusCode);
    }

    [Fact]
    public async Task After_an_import_and_departures_Networks_and_Reporting_give_the_same_figures_for_every_year()
    {
        var (token, id) = await NewNetworkAsync();
        Assert.Equal("IHE", (await platform.Api.GetAsync<JsonElement>($"/api/networks/{id}", token)).GetProperty("hubHostType").GetString());
        var random = new Random(11);
        var csv = new StringBuilder(Header + "\n");
        for (var i = 0; i < 80; i++)
        {
            var start = new DateOnly(2021, 8, 1).AddDays(random.Next(0, 1200));
            var end = random.Next(4) == 0 ? start.AddDays(random.Next(200, 700)).ToString("yyyy-MM-dd") : "";
            csv.Append($"p{i}@figures.test,P{i},Figures,Central School,Central District,Team {i % 4},TeamMember,{start:yyyy-MM-dd},{end}\n");
        }
        using (var imported = await ImportAsync(token, id, csv.ToString()))
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        // Some members leave; the next network year shows them as leavers.
        var current = await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/members", token);
        foreach (var member in current.Where(m => m.GetProperty("periods").EnumerateArray().Last().GetProperty("endDate").ValueKind == JsonValueKind.Null).Take(5))
        {
            using var left = await platform.Api.SendAsync(HttpMethod.Post, $"/api/networks/{id}/members/{member.GetProperty("personId").GetGuid()}/leave", token,
                new { date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), reason = "moved away" });
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        }

        var history = await platform.Api.GetAsync<JsonElement[]>($"/api/networks/{id}/stability/history", token);
        Assert.True(history.Length >= 4);
        foreach (var year in history)
        {
            var y = year.GetProperty("year").GetInt32();
            await PlatformFixture.EventuallyAsync(async () =>
            {
                var row = (await platform.Api.GetAsync<JsonElement[]>($"/api/reporting/networks/{id}/structure?year={y}", token)).Single();
                return row.GetProperty("members").ValueKind == JsonValueKind.Number
                       && row.GetProperty("members").GetInt32() == year.GetProperty("members").GetInt32()
                       && Number(row, "memberStabilityPct") == Number(year, "memberStabilityPct")
                       && Number(row, "averageTenureYears") == Number(year, "averageTenureYears")
                       && row.GetProperty("hubStability").GetString() == year.GetProperty("hubStability").GetProperty("computed").GetString();
            }, PlatformFixture.EventDelivery, $"Reporting has Networks' figures for {y}");
        }
    }

    private static decimal? Number(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Number ? e.GetProperty(name).GetDecimal() : null;
}
