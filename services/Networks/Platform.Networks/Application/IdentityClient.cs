using System.Net;
using System.Net.Http.Headers;
using Platform.ServiceDefaults;

namespace Platform.Networks.Application;

/// <summary>
/// Networks' calls into Identity, as the <c>networks-service</c> client (client credentials). Direct HTTP to
/// <c>Identity:Authority</c>.
/// </summary>
public sealed class IdentityClient(HttpClient http, ServiceTokens tokens)
{
    public enum LoginResult { Created, AlreadyExists, Rejected }

    /// <summary>Creates a member login in the hub's tenant; a weak password comes back as Rejected with Identity's reasons.</summary>
    public async Task<(LoginResult Result, string? Problem)> CreateMemberLoginAsync(Guid tenantId, string email, string password, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/service/tenants/{tenantId}/member-logins")
        {
            Content = JsonContent.Create(new { email, password }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.ForScopeAsync("identity", ct));
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode switch
        {
            HttpStatusCode.Created => (LoginResult.Created, null),
            HttpStatusCode.Conflict => (LoginResult.AlreadyExists, null),
            HttpStatusCode.BadRequest => (LoginResult.Rejected, await response.Content.ReadAsStringAsync(ct)),
            _ => throw new HttpRequestException($"Identity answered {(int)response.StatusCode} to a member-login request.", null, response.StatusCode),
        };
    }
}
