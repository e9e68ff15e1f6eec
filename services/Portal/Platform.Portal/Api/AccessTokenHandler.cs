using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace Platform.Portal.Api;

/// <summary>Puts the signed-in user's access token (saved at sign-in) on every gateway call made while rendering their page.</summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (accessor.HttpContext is { } context && await context.GetTokenAsync("access_token") is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, ct);
    }
}
