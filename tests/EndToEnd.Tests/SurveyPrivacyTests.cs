using System.Text.Json;
using Dapper;

namespace EndToEnd.Tests;

/// <summary>
/// Survey results are attacked by difference: read, let one member submit, read again, subtract. Results move only in
/// released steps of at least the minimum of responses, at most once a day, all at once when the wave closes (issue 25);
/// a funder sees none of them before the close.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SurveyPrivacyTests(PlatformFixture platform)
{
    private const int Year = 2026;

    /// <summary>Long enough for Surveys' release job (every 5 s) to have looked, and the relay and Reporting to follow.</summary>
    private static readonly TimeSpan ReleaseLooks = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task Results_wait_for_the_wave_release_threshold()
    {
        var api = platform.Api;
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var driver = new SurveyDriver(platform, Year);
        var (network, emails) = await driver.NetworkWithMembersAsync(hub, 20);
        var wave = await driver.DraftWaveAsync(hub, network, 20, releaseThreshold: 50);
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });
        async Task<int> RespondentsAsync() =>
            (await api.GetAsync<JsonElement>($"/api/reporting/networks/{network}/survey?year={Year}", hub)).GetProperty("respondents").GetInt32();
        async Task<(bool Released, int More)> ProgressAsync()
        {
            var progress = await api.GetAsync<JsonElement>($"/api/surveys/waves/{wave}/progress", hub);
            Assert.Equal(50, progress.GetProperty("releaseThreshold").GetInt32());
            return (progress.GetProperty("resultsReleased").GetBoolean(), progress.GetProperty("moreToRelease").GetInt32());
        }

        // Nine of twenty (45 %): enough for a step of five, but below the threshold; progress says how far it is.
        await driver.AllSubmitAsync(emails[..9], level: 2);
        await Task.Delay(ReleaseLooks);
        Assert.Equal(0, await RespondentsAsync());
        Assert.Equal((false, 1), await ProgressAsync());

        // The tenth (50 %): released, all ten at once.
        await driver.AllSubmitAsync(emails[9..10], level: 2);
        await PlatformFixture.EventuallyAsync(async () => await RespondentsAsync() == 10, TimeSpan.FromSeconds(30), "the threshold releases the first step");
        Assert.Equal((true, 0), await ProgressAsync());
    }

    [Fact]
    public async Task Results_move_only_in_released_steps_and_a_funder_sees_them_only_after_the_close()
    {
        var api = platform.Api;
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var funder = await platform.TokenAsync(PlatformFixture.Funder);
        var driver = new SurveyDriver(platform, Year);
        var (network, emails) = await driver.NetworkWithMembersAsync(hub, 12);
        var wave = await driver.DraftWaveAsync(hub, network, 12);
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });
        var foundation = (await api.GetAsync<JsonElement[]>("/api/funders", hub))
            .Single(f => f.GetProperty("name").GetString() == "Demo Foundation").GetProperty("id").GetGuid();
        await api.PostAsync<JsonElement>($"/api/networks/{network}/grants", hub, new { funderTenantId = foundation });

        string[] paths =
        [
            $"/api/reporting/networks/{network}/survey?year={Year}",
            $"/api/reporting/networks/{network}/survey?year={Year}&by=Role",
            $"/api/reporting/networks/{network}/health?year={Year}",
        ];
        async Task<string[]> ReadAsync() => await Task.WhenAll(paths.Select(async p =>
        {
            using var response = await api.SendAsync(HttpMethod.Get, p, hub);
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }));
        async Task<int> RespondentsAsync() =>
            (await api.GetAsync<JsonElement>(paths[0], hub)).GetProperty("respondents").GetInt32();
        async Task<JsonElement> FunderRowAsync() =>
            (await api.GetAsync<JsonElement[]>($"/api/reporting/portfolio/health?year={Year}", funder)).Single(r => r.GetProperty("networkId").GetGuid() == network);

        // Five submit: the first step, as soon as there are five.
        await driver.AllSubmitAsync(emails[..5], level: 2);
        await PlatformFixture.EventuallyAsync(async () => await RespondentsAsync() == 5, TimeSpan.FromSeconds(30), "the first step (five responses) is released");
        var five = await ReadAsync();
        Assert.Equal(JsonValueKind.Null, (await FunderRowAsync()).GetProperty("hubLeadership").ValueKind); // the wave is open

        // A sixth submits: nothing a hub can read moves.
        await driver.AllSubmitAsync(emails[5..6], level: 5);
        await Task.Delay(ReleaseLooks);
        Assert.Equal(five, await ReadAsync());

        // Four more the same day: ten waiting would make a step, but the last one was today.
        await driver.AllSubmitAsync(emails[6..10], level: 4);
        await Task.Delay(ReleaseLooks);
        Assert.Equal(five, await ReadAsync());

        // A day later (the wave's last step moved back a day): the results move once, to all ten.
        await using (var surveys = platform.ConnectAsSuperuser("surveys"))
            await surveys.ExecuteAsync("update waves set last_released_at = last_released_at - interval '1 day' where id = @wave", new { wave });
        await PlatformFixture.EventuallyAsync(async () => await RespondentsAsync() == 10, TimeSpan.FromSeconds(30), "the second step (ten responses) is released");
        var ten = await ReadAsync();
        Assert.All(ten.Zip(five), p => Assert.NotEqual(p.Second, p.First));
        var mean = (await api.GetAsync<JsonElement>(paths[0], hub)).GetProperty("scales").EnumerateArray().First().GetProperty("statistics").GetProperty("mean").GetDecimal();
        Assert.Equal(Math.Round((5 * 2m + 5 + 4 * 4m) / 10, 2), mean);
        Assert.Equal(JsonValueKind.Null, (await FunderRowAsync()).GetProperty("hubLeadership").ValueKind);

        // An eleventh submits, and the hub closes the wave: the final step releases it at once, to hub and funder.
        await driver.AllSubmitAsync(emails[10..11], level: 5);
        await api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/close", hub, new { });
        await PlatformFixture.EventuallyAsync(async () => await RespondentsAsync() == 11, TimeSpan.FromSeconds(30), "the final step is released at the close");
        var final = (await api.GetAsync<JsonElement>(paths[0], hub)).GetProperty("scales").EnumerateArray().First().GetProperty("statistics").GetProperty("mean").GetDecimal();
        Assert.Equal(Math.Round((5 * 2m + 5 + 4 * 4m + 5) / 11, 2), final);
        await PlatformFixture.EventuallyAsync(async () => (await FunderRowAsync()).GetProperty("hubLeadership").ValueKind == JsonValueKind.Number,
            TimeSpan.FromSeconds(30), "the funder sees the closed wave's results");
    }
}

/// <summary>
/// Whoever reads Surveys' database (an operator, a backup, a leak) cannot pair a stored response with one person: a
/// response keeps only the role, team and school that at least the minimum of its wave's invitations share (issue 25).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class StoredResponsePrivacyTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_stored_response_matches_at_least_the_minimum_of_invitations_and_the_sql_rule_is_the_csharp_one()
    {
        // Twenty members in six teams and schools of three or four, three of them team leads: few groups are large enough.
        var load = await SurveyLoad.OpenWaveAsync(platform, await platform.TokenAsync(PlatformFixture.RiverbendAdmin), 20);
        await load.SubmitAllAsync(perSecond: 20, fault: () => Task.CompletedTask);
        Assert.Equal(20, load.Acknowledged.Count);

        await using var surveys = platform.ConnectAsSuperuser("surveys");
        // Every response stored by any test so far, saved or submitted, that keeps any group (one that keeps none is only
        // known to be of its wave, which may be smaller than the minimum: tests run waves of two).
        var singled = await surveys.QueryAsync<string>("""
            select encode(r.response_key, 'hex') from survey_responses r
            where (r.role is not null or r.team_id is not null or r.organization_id is not null)
              and (select count(*) from survey_invitations i where i.wave_id = r.wave_id and (r.role is null or i.role = r.role)
                   and (r.team_id is null or i.team_id = r.team_id) and (r.organization_id is null or i.organization_id = r.organization_id)) < 5
            """);
        Assert.Empty(singled);
        var kept = (await surveys.QueryAsync<(string? Role, Guid? TeamId, Guid? OrganizationId)>(
            "select role, team_id, organization_id from survey_responses where wave_id = @Wave", new { load.Wave })).ToList();
        Assert.Equal(20, kept.Count);
        Assert.Contains(kept, k => k is { Role: "TeamMember", TeamId: null, OrganizationId: null });
        Assert.Contains(kept, k => k is { Role: null, TeamId: null, OrganizationId: null });

        // The migration's SQL rule (for rows stored before it) and InvitedGroups.Kept agree on every invitation of the wave.
        var counts = (await surveys.QueryAsync<Platform.Surveys.Domain.InvitedGroups.Count>("""
            select role, team_id as TeamId, organization_id as OrganizationId, count(*)::int as Invited
            from survey_invitations where wave_id = @Wave group by 1, 2, 3
            """, new { load.Wave })).ToList();
        var invited = new Platform.Surveys.Domain.InvitedGroups(counts);
        foreach (var c in counts)
        {
            var sql = await surveys.QuerySingleAsync<(string? Role, Guid? TeamId, Guid? OrganizationId)>(
                "select * from kept_response_groups(@Wave, @Role, @TeamId, @OrganizationId, 5)", new { load.Wave, c.Role, c.TeamId, c.OrganizationId });
            Assert.Equal(invited.Kept(c.Role, c.TeamId, c.OrganizationId, 5), new Platform.Surveys.Domain.KeptGroups(sql.Role, sql.TeamId, sql.OrganizationId));
        }
    }
}
