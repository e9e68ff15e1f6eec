using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Local;

namespace EndToEnd.Tests;

/// <summary>
/// Security checks generated from the services' OpenAPI documents, so a new endpoint is covered without a test of its
/// own. (1) Every operation with an id in its path, called with a fresh Riverbend network's id (shared with no funder)
/// by another hub, by a funder, by a member of the same hub who is not in that network and without a token, is refused: a read only with 401/403/404, a write never with a 2xx or
/// a 5xx. (2) Every operation with a body, sent hostile bodies by a hub admin of the right network, never answers 5xx,
/// and every refusal is problem+json; malformed JSON is always a 4xx.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class GeneratedSecurityTests(PlatformFixture platform)
{
    private static readonly string[] Services = ["tenants", "networks", "surveys", "assessments", "improvement", "reporting"];

    private sealed record Operation(string Method, string Template, JsonElement Spec)
    {
        public bool HasBody => Spec.TryGetProperty("requestBody", out _);
        public override string ToString() => $"{Method} {Template}";
    }

    private async Task<IReadOnlyList<Operation>> OperationsAsync()
    {
        var operations = new List<Operation>();
        foreach (var service in Services)
        {
            using var response = await platform.Api.SendAsync(HttpMethod.Get, $"/api/{service}/openapi/v1.json", token: null);
            response.EnsureSuccessStatusCode();
            var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            foreach (var path in doc.GetProperty("paths").EnumerateObject())
                foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
                    operations.Add(new Operation(op.Name.ToUpperInvariant(), path.Name, op.Value));
        }
        Assert.True(operations.Count > 50, $"only {operations.Count} operations found");
        return operations;
    }

    /// <summary>
    /// The address: the victim network's id where a network is named, made-up values for other ids, and plausible values
    /// for the required query parameters (so the call reaches the access check rather than stopping at a missing year).
    /// </summary>
    private static string Fill(Operation op, Guid network)
    {
        var path = Parameter().Replace(op.Template, m =>
        {
            var name = m.Groups[1].Value;
            var before = op.Template[..m.Index];
            if (name == "networkId" || (name == "id" && before.EndsWith("/networks/", StringComparison.Ordinal))) return network.ToString();
            return m.Groups[2].Value.Contains("int") ? "1" : Guid.NewGuid().ToString();
        });
        var query = op.Spec.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query" && p.TryGetProperty("required", out var r) && r.GetBoolean())
                .Select(p => $"{p.GetProperty("name").GetString()}={Sample(p)}").ToList()
            : [];
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private static string Sample(JsonElement parameter)
    {
        var name = parameter.GetProperty("name").GetString()!;
        var schema = parameter.TryGetProperty("schema", out var s) ? s.ToString() : "";
        if (name.Contains("year", StringComparison.OrdinalIgnoreCase)) return "2025";
        if (schema.Contains("uuid")) return Guid.NewGuid().ToString();
        return schema.Contains("integer") ? "1" : "x";
    }

    private async Task<Guid> VictimNetworkAsync(string hub)
    {
        var created = await platform.Api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = "Generated security " + Guid.NewGuid().ToString("N")[..6], aim = "Be attacked", goalType = "Other", launchDate = "2024-08-01" });
        return created.GetProperty("id").GetGuid();
    }

    private async Task<(HttpStatusCode Status, string? MediaType)> SendAsync(string method, string path, string? token, HttpContent? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body };
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        using var response = await platform.Api.Http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task No_operation_with_an_id_serves_another_hub_a_funder_a_member_outside_the_network_or_an_anonymous_caller()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var network = await VictimNetworkAsync(hub);
        var callers = new Dictionary<string, string?>
        {
            ["another hub"] = await platform.TokenAsync(PlatformFixture.LakesideAdmin),
            ["a funder"] = await platform.TokenAsync(PlatformFixture.Funder),
            // The hub's own member, on another network's roster: members read their own network's work, never another's.
            ["a member of the hub outside the network"] = await platform.TokenAsync(DemoSurveys.DemoMember),
            ["no token"] = null,
        };
        var failures = new List<string>();
        foreach (var op in (await OperationsAsync()).Where(o => Parameter().IsMatch(o.Template)))
        {
            var path = Fill(op, network);
            foreach (var (who, token) in callers)
            {
                var (status, _) = await SendAsync(op.Method, path, token, op.HasBody ? new StringContent("{}", Encoding.UTF8, "application/json") : null);
                var code = (int)status;
                // A read reveals nothing but "not yours"; a write may also be refused for its (empty) body, which says nothing about the id.
                var allowed = op.Method == "GET" ? code is 401 or 403 or 404 : code is >= 400 and < 500;
                if (!allowed) failures.Add($"{op} as {who}: {code}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Hostile_bodies_get_a_problem_and_never_a_server_error()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var network = await VictimNetworkAsync(hub);
        var deep = new string('[', 5000) + new string(']', 5000);
        var bodies = new (string Name, Func<HttpContent> Body, bool MustRefuse)[]
        {
            ("malformed JSON", () => new StringContent("{\"name\": ", Encoding.UTF8, "application/json"), true),
            ("a JSON array", () => new StringContent("[1, 2, 3]", Encoding.UTF8, "application/json"), true),
            ("deep nesting", () => new StringContent(deep, Encoding.UTF8, "application/json"), true),
            // Just under the 1 MiB body limit (a larger body is cut off with 413 before it is read).
            ("a huge string", () => new StringContent(JsonSerializer.Serialize(new { name = new string('x', 1_000_000), title = "t" }), Encoding.UTF8, "application/json"), false),
            ("wrong types", () => new StringContent("""{"name": 5, "title": [], "teamId": "not-a-guid", "on": "yesterday", "year": "x", "questions": 3}""", Encoding.UTF8, "application/json"), false),
            ("nulls", () => new StringContent("""{"name": null, "title": null, "teamId": null, "on": null, "aim": null, "questions": [null], "decisions": [null], "findings": [null]}""", Encoding.UTF8, "application/json"), false),
        };
        var failures = new List<string>();
        foreach (var op in (await OperationsAsync()).Where(o => o.HasBody && !o.Template.Contains("/connect/", StringComparison.Ordinal)))
        {
            var path = Fill(op, network);
            foreach (var (name, body, mustRefuse) in bodies)
            {
                var (status, mediaType) = await SendAsync(op.Method, path, hub, body());
                var code = (int)status;
                if (code >= 500) failures.Add($"{op} with {name}: {code}");
                else if (code >= 400 && mediaType != "application/problem+json") failures.Add($"{op} with {name}: {code} as {mediaType}, not problem+json");
                else if (mustRefuse && code < 400) failures.Add($"{op} with {name}: accepted ({code})");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
