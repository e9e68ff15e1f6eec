using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>Bad input gets a clear 4xx problem+json, never a 500, and writes nothing.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BadInputTests(PlatformFixture platform)
{
    public static TheoryData<string, string, int> BadBodies => new()
    {
        { "malformed JSON", """{"name": "x", """, 400 },
        { "not an object", """["x"]""", 400 },
        { "missing field", """{"name":"x","goalType":"Other","launchDate":"2022-08-01"}""", 400 },
        { "null field", """{"name":"x","aim":null,"goalType":"Other","launchDate":"2022-08-01"}""", 400 },
        { "unknown field", """{"name":"x","aim":"y","goalType":"Other","launchDate":"2022-08-01","tenantId":"00000000-0000-0000-0000-000000000001"}""", 400 },
        { "bad enum", """{"name":"x","aim":"y","goalType":"Sometimes","launchDate":"2022-08-01"}""", 400 },
        { "enum as number", """{"name":"x","aim":"y","goalType":2,"launchDate":"2022-08-01"}""", 400 },
        { "bad date", """{"name":"x","aim":"y","goalType":"Other","launchDate":"2022-13-45"}""", 400 },
        { "empty name", """{"name":"","aim":"y","goalType":"Other","launchDate":"2022-08-01"}""", 400 },
        { "over-long name", $$"""{"name":"{{new string('n', 201)}}","aim":"y","goalType":"Other","launchDate":"2022-08-01"}""", 400 },
        { "over-long aim", $$"""{"name":"x","aim":"{{new string('a', 2001)}}","goalType":"Other","launchDate":"2022-08-01"}""", 400 },
        { "oversized body", $$"""{"name":"x","aim":"{{new string('a', 2 * 1024 * 1024)}}","goalType":"Other","launchDate":"2022-08-01"}""", 413 },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Creating_a_network_with_bad_input_is_a_problem_and_writes_nothing(string why, string body, int expected)
    {
        var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var before = await CountNetworksAsync(token);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/networks")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // As a well-behaved client of large uploads does: the server can refuse an oversized body before it is sent,
        // instead of closing the connection under the client mid-upload.
        request.Headers.ExpectContinue = true;
        using var response = await platform.Api.Http.SendAsync(request);

        Assert.True(expected == (int)response.StatusCode, $"{why}: expected {expected}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(expected, problem.GetProperty("status").GetInt32());
        Assert.Equal(before, await CountNetworksAsync(token));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused()
    {
        var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/networks") { Content = new StringContent("name=x", Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await platform.Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_id_format_is_not_found_not_an_error()
    {
        var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        using var response = await platform.Api.SendAsync(HttpMethod.Get, "/api/networks/not-a-guid", token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<int> CountNetworksAsync(string token) =>
        (await platform.Api.GetAsync<JsonElement[]>("/api/networks", token)).Length;
}
