using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Platform.Local;

namespace EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(PlatformFixture platform)
{
    [Fact]
    public async Task Each_tenant_has_its_own_rate_limit_and_excess_gets_429_with_retry_after()
    {
        // A second gateway with a tiny budget, in front of the same services.
        var port = Shell.FreePort();
        var gateway = await platform.Platform.StartExtraAsync("gateway", "gateway-ratelimited", port,
            new Dictionary<string, string> { ["RateLimiting__PermitsPerSecond"] = "1", ["RateLimiting__Burst"] = "3" });
        try
        {
            var api = new PlatformApiClient(gateway.Url);
            var riverbend = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
            var lakeside = await platform.TokenAsync(PlatformFixture.LakesideAdmin);

            var statuses = new List<HttpStatusCode>();
            HttpResponseMessage? limited = null;
            for (var i = 0; i < 10; i++)
            {
                var response = await api.SendAsync(HttpMethod.Get, "/api/networks", riverbend);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
                else response.Dispose();
            }
            Assert.Contains(HttpStatusCode.OK, statuses);
            Assert.NotNull(limited);
            Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
            limited.Dispose();

            // Another hub is not held back by the first one's burst.
            using var other = await api.SendAsync(HttpMethod.Get, "/api/networks", lakeside);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
        finally
        {
            await gateway.StopAsync();
        }
    }

    [Theory]
    [InlineData("networks", "/api/networks")]
    [InlineData("reporting", "/api/reporting/networks")]
    [InlineData("tenants", "/api/tenants")]
    [InlineData("surveys", null)]
    [InlineData("assessments", null)]
    [InlineData("improvement", "/api/improvement/networks/{networkId}/theory")]
    public async Task Every_service_publishes_its_openapi_document_through_the_gateway(string service, string? path)
    {
        using var response = await platform.Api.SendAsync(HttpMethod.Get, $"/api/{service}/openapi/v1.json", token: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        if (path is null) return;
        var operations = doc.GetProperty("paths").GetProperty(path).EnumerateObject().ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, op =>
        {
            Assert.True(op.Value.TryGetProperty("security", out _), $"{path} {op.Name} declares its bearer requirement");
            var responses = op.Value.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _) && responses.TryGetProperty("403", out _), $"{path} {op.Name} lists 401/403");
        });
        Assert.True(doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task The_api_reference_page_and_gateway_health_answer()
    {
        using var docs = await platform.Api.Http.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        var page = await docs.Content.ReadAsStringAsync();
        Assert.Contains("api/networks/openapi/v1.json", page);
        Assert.Contains("api/improvement/openapi/v1.json", page);

        using var health = await platform.Api.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var downstream = report.GetProperty("checks").GetProperty("downstream").GetProperty("Data");
        foreach (var service in new[] { "identity", "networks", "surveys", "assessments", "improvement", "reporting", "portal" })
            Assert.Equal("Healthy", downstream.GetProperty(service).GetString());
    }

    [Fact]
    public async Task A_service_that_is_down_answers_503_problem_json_quickly_and_the_gateway_stays_ready_but_degraded()
    {
        await platform.Platform.StopServiceAsync("assessments");
        try
        {
            var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
            var clock = Stopwatch.StartNew();
            using var down = await platform.Api.SendAsync(HttpMethod.Get, "/api/assessments/openapi/v1.json", token: null);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"answered after {clock.Elapsed}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            Assert.True(down.Headers.RetryAfter is not null, "503 says when to retry");
            Assert.Equal(503, JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());

            // The other routes keep working, and the gateway stays ready: only /health shows the down service.
            using var networks = await platform.Api.SendAsync(HttpMethod.Get, "/api/networks", token);
            Assert.Equal(HttpStatusCode.OK, networks.StatusCode);
            using var ready = await platform.Api.Http.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            using var health = await platform.Api.Http.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Degraded", report.GetProperty("status").GetString());
            var downstream = report.GetProperty("checks").GetProperty("downstream").GetProperty("Data");
            Assert.Equal("Unreachable", downstream.GetProperty("assessments").GetString());
            Assert.Equal("Healthy", downstream.GetProperty("networks").GetString());
        }
        finally
        {
            // Later tests meet a whole platform.
            await platform.Platform.StartServiceAsync("assessments");
            await platform.WaitUntilEveryServiceIsHealthyAsync(TimeSpan.FromSeconds(60));
        }
    }

    [Theory]
    [InlineData("POST", "/api/service/tenants/00000000-0000-0000-0000-000000000001/contacts")]
    [InlineData("GET", "/api/service/tenants/00000000-0000-0000-0000-000000000001/survey-waves/released-counts")]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("DELETE", "/api/networkz/1")]
    public async Task An_api_path_no_service_owns_gets_404_problem_json_from_the_gateway(string method, string path)
    {
        foreach (var token in new[] { null, await platform.TokenAsync(PlatformFixture.RiverbendAdmin) })
        {
            using var response = await platform.Api.SendAsync(new HttpMethod(method), path, token, method == "POST" ? new { } : null);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Owned_api_paths_still_reach_their_service()
    {
        using var networks = await platform.Api.SendAsync(HttpMethod.Get, "/api/networks", await platform.TokenAsync(PlatformFixture.RiverbendAdmin));
        Assert.Equal(HttpStatusCode.OK, networks.StatusCode);
        using var anonymous = await platform.Api.SendAsync(HttpMethod.Get, "/api/networks", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
