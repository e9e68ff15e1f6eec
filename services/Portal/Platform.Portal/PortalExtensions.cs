using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.Portal.Api;
using Platform.Portal.Components;
using Platform.ServiceDefaults;

namespace Platform.Portal;

public static class PortalExtensions
{
    /// <summary>Calls the APIs through the gateway, the one public origin.</summary>
    public const string GatewayClient = "gateway";

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<AccessTokenHandler>();
        // Anonymous calls (invitations, survey links) carry no token; the typed client carries the signed-in user's.
        builder.AddServiceClient(GatewayClient, "gateway", "Identity:Issuer");
        builder.AddServiceClient<GatewayApi>("gateway", "Identity:Issuer").AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddKeyedTransient(GatewayApi.Anonymous, (services, _) =>
            new GatewayApi(services.GetRequiredService<IHttpClientFactory>().CreateClient(GatewayClient)));
        builder.Services.AddCascadingAuthenticationState();
        builder.AddSharedDataProtection("network-health-portal"); // the sign-in cookie reads the same on every replica

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "nh.portal";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.AccessDeniedPath = "/forbidden";
            })
            .AddOpenIdConnect(o =>
            {
                // The public origin (the gateway): the browser and the tokens both see this issuer.
                o.Authority = config["Identity:Issuer"] ?? throw new InvalidOperationException("Identity:Issuer is not configured");
                o.RequireHttpsMetadata = o.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                o.ClientId = "portal";
                o.ClientSecret = config["Portal:ClientSecret"];
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email", "roles", "identity", "networks", "surveys", "assessments", "improvement", "reporting" })
                    o.Scope.Add(scope);
                // Identity and the portal share the gateway's origin, so Lax cookies survive the form_post callback;
                // Secure follows the request, so plain-HTTP local runs work and HTTPS deployments stay Secure.
                foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
                {
                    cookie.SameSite = SameSiteMode.Lax;
                    cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }
                // The portal session lasts as long as the access token it holds; after that the next request signs in
                // again through Identity (silently while Identity's own session lasts), so a page never calls with a stale token.
                o.Events.OnTokenResponseReceived = context =>
                {
                    if (int.TryParse(context.TokenEndpointResponse.ExpiresIn, out var seconds))
                        context.Properties!.ExpiresUtc = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(seconds);
                    return Task.CompletedTask;
                };
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
            });
        builder.Services.AddAuthorization();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        // Behind the gateway: redirect URIs must use the public host, which YARP forwards in X-Forwarded-Host.
        app.UseForwardedHeaders();
        // An answer with a status and no body (an unknown address, say) gets the portal's page for that status;
        // pages that find nothing call NavigationManager.NotFound(), which renders the same not-found page.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapGet("/account/login", (string? returnUrl) => Results.Challenge(
            new AuthenticationProperties { RedirectUri = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//") ? returnUrl : "/" }));
        app.MapPost("/account/logout", () => Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapDownloads();
        app.MapRazorComponents<App>();
        return app;
    }
}
