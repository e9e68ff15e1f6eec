using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Local;

/// <summary>
/// Calls the platform through the gateway as a signed-in user (password grant of the dev/test CLI client). A request
/// gives up after <paramref name="timeout"/> (30 s unless given: benchmarks set up bulk data, such as a wave of 26,000).
/// </summary>
public sealed class PlatformApiClient(Uri gateway, TimeSpan? timeout = null)
{
    /// <summary>The claims in an access token's payload (read by scripts and tests, never trusted).</summary>
    public static JsonElement ClaimsOf(string token) =>
        JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement;

    public static Guid TenantOf(string token) => ClaimsOf(token).GetProperty("tenant_id").GetGuid();

    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public HttpClient Http => _http;

    /// <summary>
    /// A token for the user. When Identity throttles the name (someone tried wrong passwords), waits as it says, up to a
    /// minute in all, then tries again; a sign-in that still fails says plainly which login could not be used.
    /// </summary>
    public async Task<string> GetTokenAsync(string username, string password, CancellationToken ct = default)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            using var response = await _http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = username, ["password"] = password,
            }), ct);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
            if (response.IsSuccessStatusCode) return body.GetProperty("access_token").GetString()!;
            var reason = body.TryGetProperty("error_description", out var d) ? d.GetString() : $"HTTP {(int)response.StatusCode}";
            var wait = System.Text.RegularExpressions.Regex.Match(reason ?? "", @"Too many sign-in attempts\. Try again in (\d+) seconds");
            if (wait.Success && waited < TimeSpan.FromMinutes(1))
            {
                var seconds = TimeSpan.FromSeconds(int.Parse(wait.Groups[1].Value) + 1);
                waited += seconds;
                await Task.Delay(seconds, ct);
                continue;
            }
            throw new InvalidOperationException($"Could not sign in as {username}: {reason}");
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await _http.SendAsync(request, ct);
    }

    public async Task<T> GetAsync<T>(string path, string token, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, path, token, ct: ct);
        await EnsureAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<T>(ct))!;
    }

    public async Task<T> PostAsync<T>(string path, string token, object body, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Post, path, token, body, ct);
        await EnsureAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<T>(ct))!;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} -> {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}",
            null, response.StatusCode);
    }

    public static bool IsConflict(HttpRequestException e) => e.StatusCode == HttpStatusCode.Conflict;
}
