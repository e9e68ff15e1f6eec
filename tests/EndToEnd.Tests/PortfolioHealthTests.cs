using System.Net;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// The funder's portfolio health table and cluster counts through the gateway. The fixture's demo networks have no
/// survey responses in 2023, so every network is "insufficient data"; the clustering itself is unit-tested in Reporting.Tests.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PortfolioHealthTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_funder_gets_a_row_per_granted_network_and_no_clusters_without_enough_responses()
    {
        var funder = await platform.TokenAsync(PlatformFixture.Funder);
        const int year = 2023;
        var granted = (await platform.Api.GetAsync<JsonElement[]>($"/api/reporting/portfolio/structure?year={year}", funder))
            .Select(r => r.GetProperty("networkId").GetGuid()).ToHashSet();
        var rows = await platform.Api.GetAsync<JsonElement[]>($"/api/reporting/portfolio/health?year={year}", funder);
        Assert.NotEmpty(rows);
        Assert.Equal(granted, rows.Select(r => r.GetProperty("networkId").GetGuid()).ToHashSet());
        Assert.All(rows, r =>
        {
            Assert.Equal("InsufficientData", r.GetProperty("cluster").GetString());
            Assert.Equal(JsonValueKind.Null, r.GetProperty("hubLeadership").ValueKind); // no score leaves without 5 respondents
            Assert.Equal(JsonValueKind.Null, r.GetProperty("hubLeadershipBand").ValueKind); // not compared: no band
            Assert.False(string.IsNullOrEmpty(r.GetProperty("explanation").GetString()));
            Assert.Equal(JsonValueKind.String, r.GetProperty("warnings").ValueKind);
        });

        var clusters = await platform.Api.GetAsync<JsonElement>($"/api/reporting/portfolio/clusters?year={year}", funder);
        Assert.Equal(rows.Length, clusters.GetProperty("networks").GetInt32());
        Assert.Equal(0, clusters.GetProperty("qualifying").GetInt32());
        Assert.Equal(rows.Length, clusters.GetProperty("counts").GetProperty("InsufficientData").GetInt32());
        Assert.Equal("2026.1", clusters.GetProperty("ruleVersion").GetString());
        // The rule's band bounds travel with the counts: the portal's heat-map legend shows them, it does not know them.
        Assert.Equal(0.5m, clusters.GetProperty("highZ").GetDecimal());
        Assert.Equal(-0.5m, clusters.GetProperty("lowZ").GetDecimal());

        using (var csv = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/portfolio/health?year={year}&format=csv", funder))
        {
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("NetworkId,Network,Hub,Year,Cluster,Explanation", lines[0]);
            Assert.Equal(rows.Length + 1, lines.Length);
        }
        // The counts and the trend answer as CSV too: one row per cluster, one row per year.
        using (var csv = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/portfolio/clusters?year={year}&format=csv", funder))
        {
            var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("Year,RuleVersion,Cluster,Networks", lines[0].TrimEnd('\r'));
            Assert.Contains($"{year},2026.1,InsufficientData,{rows.Length}", lines.Select(l => l.TrimEnd('\r')));
            Assert.Equal(5, lines.Length);
        }
        using (var csv = await platform.Api.SendAsync(HttpMethod.Get, "/api/reporting/portfolio/trend?format=csv", funder))
        {
            var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("Year,WellDeveloped,Mixed,LeastDeveloped,InsufficientData,MedianHubLeadership", lines[0]);
            Assert.Equal((await platform.Api.GetAsync<JsonElement[]>("/api/reporting/portfolio/trend", funder)).Length + 1, lines.Length);
        }
        using (var hub = await platform.Api.SendAsync(HttpMethod.Get, $"/api/reporting/portfolio/clusters?year={year}", await platform.TokenAsync(PlatformFixture.RiverbendAdmin)))
            Assert.Equal(HttpStatusCode.Forbidden, hub.StatusCode);
        // Each trend year counts every granted network once (other tests may have added survey results to granted networks).
        // The years alone (for a year picker) are the trend's years, without computing any portfolio.
        Assert.Equal((await platform.Api.GetAsync<JsonElement[]>("/api/reporting/portfolio/trend", funder)).Select(p => p.GetProperty("year").GetInt32()),
            await platform.Api.GetAsync<int[]>("/api/reporting/portfolio/years", funder));
        foreach (var point in await platform.Api.GetAsync<JsonElement[]>("/api/reporting/portfolio/trend", funder))
        {
            var y = point.GetProperty("year").GetInt32();
            var networks = (await platform.Api.GetAsync<JsonElement[]>($"/api/reporting/portfolio/health?year={y}", funder)).Length;
            Assert.Equal(networks, point.GetProperty("clusters").EnumerateObject().Sum(c => c.Value.GetInt32()));
        }
    }

    /// <summary>
    /// The portfolio is computed once per change of Reporting's read models: what the funder has just read must not
    /// outlive the next change, whether scores arriving or a grant revoked.
    /// </summary>
    [Fact]
    public async Task The_funders_portfolio_follows_each_change_right_after_being_read()
    {
        const int year = 2026;
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var funder = await platform.TokenAsync(PlatformFixture.Funder);
        var driver = new SurveyDriver(platform, year);
        var (network, emails) = await driver.NetworkWithMembersAsync(hub, 5);
        var foundation = PlatformFixture.TenantOf(funder);
        await platform.Api.PostAsync<JsonElement>($"/api/networks/{network}/grants", hub, new { funderTenantId = foundation });
        var wave = await driver.DraftWaveAsync(hub, network, 5);
        await platform.Api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/open", hub, new { });

        async Task<JsonElement?> RowAsync() => (await platform.Api.GetAsync<JsonElement[]>($"/api/reporting/portfolio/health?year={year}", funder))
            .Select(r => (JsonElement?)r).FirstOrDefault(r => r!.Value.GetProperty("networkId").GetGuid() == network);
        await PlatformFixture.EventuallyAsync(async () => await RowAsync() is not null, PlatformFixture.EventDelivery, "the granted network is in the portfolio");
        Assert.Equal(JsonValueKind.Null, (await RowAsync())!.Value.GetProperty("hubLeadership").ValueKind); // read, and so kept

        // A funder sees survey results once the wave closes, not before (issue 25).
        await driver.AllSubmitAsync(emails, 4);
        await platform.Api.PostAsync<JsonElement>($"/api/surveys/waves/{wave}/close", hub, new { });
        await PlatformFixture.EventuallyAsync(async () => (await RowAsync())!.Value.GetProperty("hubLeadership").ValueKind == JsonValueKind.Number,
            PlatformFixture.EventDelivery, "the five responses show in the portfolio just read");
        Assert.Equal(4m, (await RowAsync())!.Value.GetProperty("hubLeadership").GetDecimal());

        using (var revoked = await platform.Api.SendAsync(HttpMethod.Delete, $"/api/networks/{network}/grants/{foundation}", hub))
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await PlatformFixture.EventuallyAsync(async () => await RowAsync() is null, PlatformFixture.EventDelivery,
            "a revoked network leaves the portfolio just read within seconds");
    }
}
