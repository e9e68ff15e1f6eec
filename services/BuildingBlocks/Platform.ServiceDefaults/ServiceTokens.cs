using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.ServiceDefaults;

/// <summary>
/// This service's own access tokens (client credentials as <c>{service}-service</c> with <c>Identity:ClientSecret</c>),
/// cached per scope until shortly before they expire. For calls to another service's API, never its database.
/// </summary>
public sealed class ServiceTokens(IHttpClientFactory http, IConfiguration config, TimeProvider clock, string clientId)
{
    public const string HttpClientName = "identity-tokens";
    // A token's life is measured on the monotonic timestamp, not the wall clock: it lasts so many seconds at the issuer,
    // whatever this process's clock says (a test may move that clock, MovableTestClock).
    private readonly Dictionary<string, (string Token, long IssuedAt, TimeSpan Lifetime)> _cache = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<string> ForScopeAsync(string scope, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            if (_cache.TryGetValue(scope, out var cached) && clock.GetElapsedTime(cached.IssuedAt) < cached.Lifetime) return cached.Token;
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = config["Identity:ClientSecret"] ?? "",
                ["scope"] = scope,
            }), ct);
            response.EnsureSuccessStatusCode();
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct) ?? throw new InvalidOperationException("Empty token response.");
            _cache[scope] = (token.AccessToken, clock.GetTimestamp(), TimeSpan.FromSeconds(token.ExpiresIn - 60));
            return token.AccessToken;
        }
        finally
        {
            _lock.Release();
        }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken, [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

public static class ServiceTokensExtensions
{
    /// <summary>Lets this service call other services' APIs as <c>{service}-service</c>, through Identity (Dapr app id <c>identity</c>, else <c>Identity:Authority</c>).</summary>
    public static WebApplicationBuilder AddServiceTokens(this WebApplicationBuilder builder, string service)
    {
        builder.AddServiceClient(ServiceTokens.HttpClientName, "identity", "Identity:Authority");
        builder.Services.AddSingleton(sp => new ServiceTokens(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<TimeProvider>(), $"{service}-service"));
        return builder;
    }
}
