using Platform.Identity.Application;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Data;
using Platform.Identity.Domain;
using Platform.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Apis;

public sealed record LoginForm(string Email, string Password, string? ReturnUrl);

/// <summary>The OpenID Connect endpoints OpenIddict passes through to us, and the sign-in page.</summary>
public static class ConnectEndpoints
{
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("/connect").ExcludeFromDescription();
        connect.MapGet("/login", LoginPage);
        connect.MapPost("/login", Login);
        connect.MapMethods("/authorize", ["GET", "POST"], Authorize).DisableAntiforgery();
        connect.MapPost("/token", Token).DisableAntiforgery();
        connect.MapMethods("/logout", ["GET", "POST"], (Delegate)Logout).DisableAntiforgery();
        return app;
    }

    private static IResult LoginPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var message = error is null ? "" : $"""<p class="error" role="alert">{WebUtility.HtmlEncode(error)}</p>""";
        return Results.Content($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · Network Health</title>
            <style>
              body{font-family:system-ui,sans-serif;background:#f4f6f8;color:#1b1f24;display:grid;place-items:center;min-height:100vh;margin:0}
              form{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;width:min(22rem,90vw)}
              label{display:block;margin:.8rem 0 .3rem;font-weight:600} input{width:100%;padding:.55rem;font-size:1rem;box-sizing:border-box}
              button{margin-top:1.2rem;width:100%;padding:.65rem;font-size:1rem;background:#1d4ed8;color:#fff;border:0;border-radius:4px}
              .error{color:#b91c1c}
            </style></head>
            <body><main><form method="post" action="/connect/login">
              <h1>Sign in</h1>{{message}}
              <input type="hidden" name="{{tokens.FormFieldName}}" value="{{tokens.RequestToken}}">
              <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
              <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required autofocus>
              <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form></main></body></html>
            """, "text/html; charset=utf-8");
    }

    private static async Task<IResult> Login(HttpContext http, [FromForm] LoginForm form, SignIns signIns, IAntiforgery antiforgery)
    {
        var returnUrl = IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/";
        var known = signIns.KnownAccounts(http.Request.Cookies[SignIns.DeviceCookie]);
        var (user, retryAfter) = await signIns.CheckAsync(form.Email, form.Password, Address(http), known, http.RequestAborted);
        if (retryAfter is { } wait)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = Seconds(wait).ToString();
            return LoginPage(http, antiforgery, returnUrl, TooMany(wait));
        }
        if (user is null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return LoginPage(http, antiforgery, returnUrl, "The email or password is not right.");
        }
        http.Response.Cookies.Append(SignIns.DeviceCookie, signIns.RememberDevice(known, user.Id), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/connect", MaxAge = TimeSpan.FromDays(180),
        });
        var identity = new ClaimsIdentity(IdentityServices.LoginScheme, Claims.Subject, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Id.ToString()));
        await http.SignInAsync(IdentityServices.LoginScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> Authorize(HttpContext http, UserManager<PlatformUser> users, TenantRegistration tenants)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var login = await http.AuthenticateAsync(IdentityServices.LoginScheme);
        var user = login.Succeeded ? await users.FindByIdAsync(login.Principal.FindFirstValue(Claims.Subject)!) : null;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return Results.Challenge(new AuthenticationProperties
            {
                RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(
                    http.Request.HasFormContentType ? [.. http.Request.Form] : [.. http.Request.Query]),
            }, [IdentityServices.LoginScheme]);
        }
        var principal = await CreatePrincipalAsync(user, tenants, request.GetScopes(), http.RequestAborted);
        return principal is null ? Forbid(Errors.AccessDenied, "The account's tenant no longer exists.") : Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Token(HttpContext http, UserManager<PlatformUser> users, SignIns signIns, TenantRegistration tenants)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var ct = http.RequestAborted;

        if (request.IsPasswordGrantType())
        {
            var (user, retryAfter) = await signIns.CheckAsync(request.Username, request.Password, Address(http), new HashSet<Guid>(), ct);
            if (retryAfter is { } wait) return Forbid(Errors.InvalidGrant, TooMany(wait));
            if (user is null) return Forbid(Errors.InvalidGrant, "The username or password is not right.");
            var principal = await CreatePrincipalAsync(user, tenants, request.GetScopes(), ct);
            return principal is null ? Forbid(Errors.InvalidGrant, "The account's tenant no longer exists.") : Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = await users.FindByIdAsync(result.Principal?.GetClaim(Claims.Subject) ?? "");
            if (user is null || await users.IsLockedOutAsync(user)) return Forbid(Errors.InvalidGrant, "The account is no longer allowed to sign in.");
            var principal = await CreatePrincipalAsync(user, tenants, result.Principal!.GetScopes(), ct);
            return principal is null ? Forbid(Errors.InvalidGrant, "The account's tenant no longer exists.") : Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsClientCredentialsGrantType())
        {
            // Service-to-service: the client is the subject; it acts for no tenant.
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId).SetClaim(Claims.Role, "service");
            var scopes = request.GetScopes().Intersect(ApiScopes.All).ToArray();
            identity.SetScopes(scopes).SetResources(scopes.Select(ApiScopes.Audience));
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> Logout(HttpContext http)
    {
        await http.SignOutAsync(IdentityServices.LoginScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>The client's address: the gateway forwards it (X-Forwarded-For, honoured where ASPNETCORE_FORWARDEDHEADERS_ENABLED is set).</summary>
    private static string? Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    private static int Seconds(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);

    // The same words for every email, with or without an account (the throttle is keyed by the name typed).
    private static string TooMany(TimeSpan wait) => $"Too many sign-in attempts. Try again in {Seconds(wait)} seconds.";

    /// <summary>
    /// The claims every token carries: sub, tenant_id, tenant_kind, role, each given its destinations explicitly
    /// (OpenIddict drops claims without one). Without requested API scopes, the role's API scopes are granted.
    /// </summary>
    private static async Task<ClaimsPrincipal?> CreatePrincipalAsync(PlatformUser user, TenantRegistration tenants,
        IEnumerable<string> requestedScopes, CancellationToken ct)
    {
        var tenant = await tenants.FindTenantAsync(user.TenantId, ct);
        if (tenant is null) return null;

        var allowedApis = TenantRules.ScopesFor(user.Role);
        var requested = requestedScopes.ToHashSet(StringComparer.Ordinal);
        var apiScopes = requested.Overlaps(ApiScopes.All) ? allowedApis.Where(requested.Contains).ToArray() : allowedApis.ToArray();
        var scopes = requested.Except(ApiScopes.All).Concat(apiScopes).Distinct().ToArray();

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.Email)
            .SetClaim(PlatformClaims.TenantId, tenant.Id.ToString())
            .SetClaim(PlatformClaims.TenantKind, tenant.KindClaim)
            .SetClaim(Claims.Role, user.Role);
        identity.SetScopes(scopes).SetResources(apiScopes.Select(ApiScopes.Audience));
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject or PlatformClaims.TenantId or PlatformClaims.TenantKind or Claims.Role =>
                [Destinations.AccessToken, Destinations.IdentityToken],
            // APIs recognise a signed-in person in hub terms (a hub-staff rater, a member) by email.
            Claims.Email when scopes.Contains(Scopes.Email) || scopes.Contains(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Email => [Destinations.AccessToken],
            Claims.Name when scopes.Contains(Scopes.Email) || scopes.Contains(Scopes.Profile) => [Destinations.IdentityToken],
            _ => [],
        });
        return new ClaimsPrincipal(identity);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
