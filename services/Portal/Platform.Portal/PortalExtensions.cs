using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
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
        builder.AddServiceClient(GatewayClient, "gateway", "Identity:Issuer");
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "nh.portal";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
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
                foreach (var scope in new[] { "openid", "profile", "email", "roles", "networks", "surveys", "assessments", "reporting" })
                    o.Scope.Add(scope);
                // Identity and the portal share the gateway's origin, so Lax cookies survive the form_post callback;
                // Secure follows the request, so plain-HTTP local runs work and HTTPS deployments stay Secure.
                foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
                {
                    cookie.SameSite = SameSiteMode.Lax;
                    cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }
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
        app.MapRazorComponents<App>();
        return app;
    }
}
