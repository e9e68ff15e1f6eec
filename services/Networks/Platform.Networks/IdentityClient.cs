using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Platform.Networks;

/// <summary>
/// Networks' calls into Identity, as the <c>networks-service</c> client (client credentials). Direct HTTP to
/// <c>Identity:Authority</c>; the token is cached until shortly before it expires.
/// </summary>
public sealed class IdentityClient(HttpClient http, IConfiguration config)
{
    private string? _token;
    private DateTimeOffset _expires;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public enum LoginResult { Created, AlreadyExists, Rejected }

    /// <summary>Creates a member login in the hub's tenant; a weak password comes back as Rejected with Identity's reasons.</summary>
    public async Task<(LoginResult Result, string? Problem)> CreateMemberLoginAsync(Guid tenantId, string email, string password, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/service/tenants/{tenantId}/member-logins")
        {
            Content = JsonContent.Create(new { email, password }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct));
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode switch
        {
            HttpStatusCode.Created => (LoginResult.Created, null),
            HttpStatusCode.Conflict => (LoginResult.AlreadyExists, null),
            HttpStatusCode.BadRequest => (LoginResult.Rejected, await response.Content.ReadAsStringAsync(ct)),
            _ => throw new HttpRequestException($"Identity answered {(int)response.StatusCode} to a member-login request.", null, response.StatusCode),
        };
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            if (_token is not null && DateTimeOffset.UtcNow < _expires) return _token;
            using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "networks-service",
                ["client_secret"] = config["Identity:ClientSecret"] ?? "", ["scope"] = "identity",
            }), ct);
            response.EnsureSuccessStatusCode();
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
            _token = body.GetProperty("access_token").GetString();
            _expires = DateTimeOffset.UtcNow.AddSeconds(body.GetProperty("expires_in").GetInt32() - 60);
            return _token!;
        }
        finally
        {
            _lock.Release();
        }
    }
}
