using Platform.Surveys.Application;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Configuration;
using Platform.Surveys;

namespace EndToEnd.Tests;

/// <summary>
/// Survey submits at a steady rate through the gateway, as members' browsers send them while a fault is injected: each
/// client retries a 503 (after its Retry-After) or a broken connection, as the survey page does, and a 409 after such a
/// retry means its earlier try was committed. Records every status seen and which submits were acknowledged.
/// </summary>
public sealed class SurveyLoad
{
    private readonly PlatformFixture _platform;
    private readonly string _hub;
    private readonly ConcurrentBag<int> _statuses = [];

    public Guid Network { get; }
    public Guid Wave { get; }
    public IReadOnlyList<string> Tokens { get; }
    /// <summary>Submits answered 2xx (or 409 after a retry of one that was committed).</summary>
    public ConcurrentBag<string> Acknowledged { get; } = [];
    public IReadOnlyCollection<int> Statuses => _statuses;

    private SurveyLoad(PlatformFixture platform, string hub, Guid network, Guid wave, IReadOnlyList<string> tokens) =>
        (_platform, _hub, Network, Wave, Tokens) = (platform, hub, network, wave, tokens);

    /// <summary>A network of <paramref name="members"/> (one roster import), its wave opened, and every member's link.</summary>
    public static async Task<SurveyLoad> OpenWaveAsync(PlatformFixture platform, string hub, int members, int year = 2026)
    {
        var api = platform.Api;
        var network = (await api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = "Load " + Guid.NewGuid().ToString("N")[..6], aim = "Hold every answer", goalType = "Other", launchDate = "2024-08-01" })).GetProperty("id").GetGuid();
        var roster = new StringBuilder("email,given_name,family_name,school,district,team,role,start_date,end_date\n");
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < members; i++)
            roster.Append($"m{i}-{tag}@load.test,Given{i},Family{i},School {i % 6},District {i % 2},Team {i % 6},{(i % 7 == 0 ? "TeamLead" : "TeamMember")},2025-09-01,\n");
        using (var import = new HttpRequestMessage(HttpMethod.Post, $"/api/networks/{network}/roster") { Content = new StringContent(roster.ToString(), Encoding.UTF8, "text/csv") })
        {
            import.Headers.Authorization = new("Bearer", hub);
            using var imported = await api.Http.SendAsync(import);
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        }
        Guid wave = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            if (wave == default)
            {
                using var created = await api.SendAsync(HttpMethod.Post, "/api/surveys/waves", hub,
                    new { networkId = network, instrumentId = "network-health-member", version = 1, networkYear = year, opensOn = "2026-09-01", closesOn = "2099-06-30", releaseThreshold = 0 });
                if (created.IsSuccessStatusCode) wave = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                return false;
            }
            return (await api.GetAsync<JsonElement>($"/api/surveys/waves/{wave}/roster", hub)).GetProperty("members").GetInt32() == members;
        }, TimeSpan.FromSeconds(60), "Surveys learns of the network and every member");
        using (var opened = await api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave}/open", hub, new { }))
            Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());

        var links = new SurveyLinks(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Surveys:LinkSecret"] = platform.Platform.SurveyLinkSecret,
        }).Build());
        var tenant = PlatformFixture.TenantOf(hub);
        await using var db = platform.ConnectAsSuperuser("surveys");
        var invitations = await db.QueryAsync<Guid>("select id from survey_invitations where wave_id = @wave order by id", new { wave });
        return new SurveyLoad(platform, hub, network, wave, invitations.Select(id => links.TokenFor(tenant, id)).ToList());
    }

    private static readonly string[] RatedItems = ["HL1", "HL2", "HL3", "HL4", "RE1", "RE2", "RE3", "RE4", "CI1", "CI2", "CI3", "CI4", "WT1", "WT2", "WT3",
        "AT1", "AT2", "AT3", "AT4", "NC1", "NC2", "NC3", "NC4", "CA1", "CA2", "CA3", "BE1", "BE2", "BE3", "BE4", "AP1", "AP2", "AP3"];

    /// <summary>
    /// Submits every link, one starting every 1/<paramref name="perSecond"/> s, while <paramref name="fault"/> runs
    /// alongside; returns when every submit has its final answer and the fault has finished.
    /// </summary>
    public async Task SubmitAllAsync(double perSecond, Func<Task> fault)
    {
        using var http = new HttpClient { BaseAddress = _platform.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        var faultTask = Task.Run(fault);
        using var submitting = new CancellationTokenSource();
        var days = Task.Run(() => LetDaysPassAsync(submitting.Token));
        var clock = Stopwatch.StartNew();
        var submits = new List<Task>();
        for (var i = 0; i < Tokens.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
            var (token, level) = (Tokens[i], 1 + i % 5);
            submits.Add(Task.Run(() => SubmitAsync(http, token, level)));
        }
        await Task.WhenAll(submits);
        await faultTask;
        await submitting.CancelAsync();
        await days;
    }

    /// <summary>
    /// Responses leave Surveys in released steps at most a day apart (issue 25). While the load runs, a day passes every
    /// second for the wave (its last step is moved back), so steps keep going out through the fault, as over a long wave.
    /// </summary>
    private async Task LetDaysPassAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var surveys = _platform.ConnectAsSuperuser("surveys");
                await surveys.ExecuteAsync("update waves set last_released_at = last_released_at - interval '1 day' where id = @Wave", new { Wave });
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
            {
                // PostgreSQL is being restarted: the next second will do.
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task SubmitAsync(HttpClient http, string token, int level)
    {
        var body = JsonSerializer.Serialize(new { answers = RatedItems.ToDictionary(i => i, _ => level) });
        var retried = false;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                using var response = await http.PostAsync($"api/surveys/respond/{token}/submit", new StringContent(body, Encoding.UTF8, "application/json"));
                _statuses.Add((int)response.StatusCode);
                if (response.IsSuccessStatusCode || (retried && response.StatusCode == HttpStatusCode.Conflict))
                {
                    Acknowledged.Add(token);
                    return;
                }
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return;
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            retried = true;
        }
    }

    /// <summary>
    /// Waits until Reporting counts exactly the responses Surveys stored for the wave, and checks that every acknowledged
    /// submit is among them, stored once, and counted once.
    /// </summary>
    public async Task AssertEveryAcknowledgedResponseReachesReportingOnceAsync(TimeSpan within)
    {
        // The close releases the last step: everything stored goes to Reporting.
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var closed = await _platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{Wave}/close", _hub, new { });
            return closed.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(30), "the wave closes");
        await using var surveys = _platform.ConnectAsSuperuser("surveys");
        var stored = await surveys.ExecuteScalarAsync<long>(
            "select count(*) from survey_responses where wave_id = @Wave and submitted_at is not null", new { Wave });
        var acknowledgedStored = await surveys.ExecuteScalarAsync<long>(
            "select count(*) from survey_invitations where wave_id = @Wave and submitted and token_hash = any(@hashes)",
            new { Wave, hashes = Acknowledged.Select(Platform.Data.TenantToken.Hash).ToArray() });
        Assert.Equal(Acknowledged.Count, acknowledgedStored);
        Assert.True(stored >= Acknowledged.Count, $"{stored} stored, {Acknowledged.Count} acknowledged");

        await using var reporting = _platform.ConnectAsSuperuser("reporting");
        (long Rows, long Respondents) counted = default;
        try
        {
            await PlatformFixture.EventuallyAsync(async () =>
            {
                counted = await reporting.QuerySingleAsync<(long, long)>("""
                    select (select count(*) from survey_scale_scores where wave_id = @Wave),
                           coalesce((select respondents from group_respondents where network_id = @Network and grouping = 'all'), 0)
                    """, new { Wave, Network });
                return counted.Rows == stored && counted.Respondents == stored;
            }, within, "Reporting counts every stored response");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}: Surveys stored {stored} ({Acknowledged.Count} acknowledged); Reporting holds {counted.Rows} and counts {counted.Respondents}");
        }
    }
}
