using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>A hub shares a network with a funder; the funder's structural table shows it, with the figures Networks computed.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GrantsAndStructureTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_funder_sees_granted_networks_in_its_structural_table_and_loses_them_on_revoke()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);
        var funder = await platform.TokenAsync(PlatformFixture.Funder);
        var api = platform.Api;

        var name = "Shared " + Guid.NewGuid().ToString("N")[..6];
        var id = (await api.PostAsync<JsonElement>("/api/networks", hub, new { name, aim = "Share", goalType = "Instructional", launchDate = "2022-08-01" }))
            .GetProperty("id").GetGuid();
        await api.PostAsync<JsonElement>($"/api/networks/{id}/organizations", hub, new { kind = "School", name = "East High", district = "East District", joinedOn = "2022-08-01" });
        foreach (var (email, start) in new[] { ("p1@east.test", "2022-09-01"), ("p2@east.test", "2023-09-01"), ("p3@east.test", "2023-09-01") })
            await api.PostAsync<JsonElement>($"/api/networks/{id}/members", hub, new { email, givenName = "P", familyName = email[..2], role = "TeamMember", startDate = start });
        var hidden = (await api.PostAsync<JsonElement>("/api/networks", lakeside, new { name = "Not shared", aim = "Private", goalType = "Other", launchDate = "2022-08-01" }))
            .GetProperty("id").GetGuid();

        var funders = await api.GetAsync<JsonElement[]>("/api/funders", hub);
        var foundation = funders.Single(f => f.GetProperty("name").GetString() == "Demo Foundation").GetProperty("id").GetGuid();
        using (var notAFunder = await api.SendAsync(HttpMethod.Post, $"/api/networks/{id}/grants", hub, new { funderTenantId = PlatformFixture.TenantOf(lakeside) }))
            Assert.Equal(HttpStatusCode.BadRequest, notAFunder.StatusCode);
        using (var granted = await api.SendAsync(HttpMethod.Post, $"/api/networks/{id}/grants", hub, new { funderTenantId = foundation }))
            Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        using (var again = await api.SendAsync(HttpMethod.Post, $"/api/networks/{id}/grants", hub, new { funderTenantId = foundation }))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var expected = await api.GetAsync<JsonElement>($"/api/networks/{id}/stability?year=2023", hub);
        JsonElement row = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var rows = await api.GetAsync<JsonElement[]>("/api/reporting/portfolio/structure?year=2023", funder);
            row = rows.FirstOrDefault(r => r.GetProperty("networkId").GetGuid() == id);
            // Each membership change republishes the figures: wait for the last of them (three members), not the first.
            return row.ValueKind == JsonValueKind.Object && row.GetProperty("members").ValueKind == JsonValueKind.Number
                   && row.GetProperty("members").GetInt32() == 3 && row.GetProperty("districtScope").GetString() == "Single";
        }, PlatformFixture.EventDelivery, "the granted network reaches the funder's structural table");
        Assert.Equal("Riverbend Improvement Hub", row.GetProperty("hub").GetString());
        Assert.Equal("IHE", row.GetProperty("hostType").GetString());
        Assert.Equal("Instructional", row.GetProperty("goalType").GetString());
        Assert.Equal(2022, row.GetProperty("launchYear").GetInt32());
        Assert.Equal("Single", row.GetProperty("districtScope").GetString());
        Assert.Equal(expected.GetProperty("members").GetInt32(), row.GetProperty("members").GetInt32());
        Assert.Equal(3, row.GetProperty("members").GetInt32());
        Assert.Equal(expected.GetProperty("memberStabilityPct").GetDecimal(), row.GetProperty("memberStabilityPct").GetDecimal());
        Assert.Equal(expected.GetProperty("averageTenureYears").GetDecimal(), row.GetProperty("averageTenureYears").GetDecimal());
        Assert.Equal(expected.GetProperty("hubStability").GetProperty("computed").GetString(), row.GetProperty("hubStability").GetString());

        var portfolio = await api.GetAsync<JsonElement[]>("/api/reporting/portfolio/structure?year=2023", funder);
        Assert.DoesNotContain(portfolio, r => r.GetProperty("networkId").GetGuid() == hidden);

        // The same table as CSV.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/reporting/portfolio/structure?year=2023"))
        {
            request.Headers.Authorization = new("Bearer", funder);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
            using var csv = await api.Http.SendAsync(request);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("NetworkId,Network,Hub,HostType,GoalType,LaunchYear,Year,Members", lines[0]);
            Assert.Contains(lines, l => l.StartsWith(id.ToString()) && l.Contains(name) && l.Contains(",3,"));
        }

        // The hub's own view of the row; another hub gets 404; a funder may not use the hub endpoint.
        var own = await api.GetAsync<JsonElement[]>($"/api/reporting/networks/{id}/structure?year=2023", hub);
        Assert.Equal(3, own.Single().GetProperty("members").GetInt32());
        using (var other = await api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{id}/structure?year=2023", lakeside))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var f = await api.SendAsync(HttpMethod.Get, $"/api/reporting/networks/{id}/structure?year=2023", funder))
            Assert.Equal(HttpStatusCode.Forbidden, f.StatusCode);
        using (var hubOnPortfolio = await api.SendAsync(HttpMethod.Get, "/api/reporting/portfolio/structure", hub))
            Assert.Equal(HttpStatusCode.Forbidden, hubOnPortfolio.StatusCode);
        using (var funderOnFunders = await api.SendAsync(HttpMethod.Get, "/api/funders", funder))
            Assert.Equal(HttpStatusCode.Forbidden, funderOnFunders.StatusCode);

        using (var revoked = await api.SendAsync(HttpMethod.Delete, $"/api/networks/{id}/grants/{foundation}", hub))
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await PlatformFixture.EventuallyAsync(async () =>
            (await api.GetAsync<JsonElement[]>("/api/reporting/portfolio/structure?year=2023", funder)).All(r => r.GetProperty("networkId").GetGuid() != id),
            PlatformFixture.EventDelivery, "a revoked grant disappears from the funder's table");
        using (var twice = await api.SendAsync(HttpMethod.Delete, $"/api/networks/{id}/grants/{foundation}", hub))
            Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
    }
}
