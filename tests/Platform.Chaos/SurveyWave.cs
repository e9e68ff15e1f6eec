using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Platform.Local;
using Platform.Surveys.Application;

namespace Platform.Chaos;

/// <summary>One scenario's survey: a network of members imported in one roster, its wave open, and every member's link.</summary>
public sealed record SurveyWave(Guid Network, Guid Wave, int Year, IReadOnlyList<string> Tokens)
{
    public const int SurveyYear = 2026;

    /// <summary>The rated items of the member survey; every one is required for a submit.</summary>
    public static readonly string[] RatedItems = ["HL1", "HL2", "HL3", "HL4", "RE1", "RE2", "RE3", "RE4", "CI1", "CI2", "CI3", "CI4", "WT1", "WT2", "WT3",
        "AT1", "AT2", "AT3", "AT4", "NC1", "NC2", "NC3", "NC4", "CA1", "CA2", "CA3", "BE1", "BE2", "BE3", "BE4", "AP1", "AP2", "AP3"];

    /// <summary>How many leading items carry a submission's number (base 5, one digit each): 5^7 = 78,125 submissions.</summary>
    private const int TagItems = 7;

    /// <summary>
    /// The answers submission <paramref name="number"/> sends: its number in base 5 over the first items (values 1-5), 3
    /// elsewhere. The survey stores no respondent and has no open-text item, so the answers themselves are the tag the
    /// checker recognises a stored response by (together with the response key its link derives).
    /// </summary>
    public static Dictionary<string, int> AnswersFor(int number)
    {
        var answers = RatedItems.ToDictionary(i => i, _ => 3);
        for (var digit = 0; digit < TagItems; digit++, number /= 5) answers[RatedItems[digit]] = 1 + number % 5;
        return answers;
    }

    public static async Task<SurveyWave> OpenAsync(ChaosPlatform chaos, string hub, int members, string label)
    {
        var api = chaos.Api;
        var network = (await api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = $"Chaos {label} {Guid.NewGuid().ToString("N")[..6]}", aim = "Keep every answer", goalType = "Other", launchDate = "2024-08-01" }))
            .GetProperty("id").GetGuid();
        var roster = new StringBuilder("email,given_name,family_name,school,district,team,role,start_date,end_date\n");
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < members; i++)
            roster.Append($"m{i}-{tag}@chaos.test,Given{i},Family{i},School {i % 12},District {i % 3},Team {i % 12},{(i % 7 == 0 ? "TeamLead" : "TeamMember")},2025-09-01,\n");
        using (var import = new HttpRequestMessage(HttpMethod.Post, $"/api/networks/{network}/roster") { Content = new StringContent(roster.ToString(), Encoding.UTF8, "text/csv") })
        {
            import.Headers.Authorization = new("Bearer", hub);
            using var imported = await api.Http.SendAsync(import);
            if (!imported.IsSuccessStatusCode) throw new InvalidOperationException($"Roster import: {(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync()}");
        }
        Guid? wave = null;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            if (wave is null)
            {
                using var created = await api.SendAsync(HttpMethod.Post, "/api/surveys/waves", hub,
                    new { networkId = network, instrumentId = "network-health-member", version = 1, networkYear = SurveyYear, opensOn = "2026-09-01", closesOn = "2099-06-30", releaseThreshold = 0 });
                if (created.IsSuccessStatusCode) wave = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }
            else if ((await api.GetAsync<JsonElement>($"/api/surveys/waves/{wave}/roster", hub)).GetProperty("members").GetInt32() == members)
                break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Surveys did not learn of the network and every member within 5 minutes.");
            await Task.Delay(250);
        }
        using (var opened = await api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/open", hub, new { }))
            if (!opened.IsSuccessStatusCode) throw new InvalidOperationException($"Opening the wave: {(int)opened.StatusCode} {await opened.Content.ReadAsStringAsync()}");

        var links = new SurveyLinks(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Surveys:LinkSecret"] = chaos.Platform.SurveyLinkSecret,
        }).Build());
        var tenant = PlatformApiClient.TenantOf(hub);
        // The suite's own setup read (as the database superuser): which invitations the opening created.
        await using var db = new NpgsqlConnection(chaos.Platform.Postgres.ConnectionString("surveys"));
        var invitations = await db.QueryAsync<Guid>("select id from survey_invitations where wave_id = @wave order by id", new { wave });
        return new SurveyWave(network, wave!.Value, SurveyYear, invitations.Select(id => links.TokenFor(tenant, id)).ToList());
    }
}
