using Platform.Identity.Application;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenIddict.Validation.AspNetCore;
using Platform.Data;
using Platform.Identity.Data;
using Platform.Identity.Domain;
using Platform.Messaging;
using Platform.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity;

public static class IdentityServices
{
    /// <summary>The cookie that remembers who signed in on the login page, for the authorization endpoint.</summary>
    public const string LoginScheme = "Identity.Login";

    public static WebApplicationBuilder AddIdentityServices(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.AddServiceOpenApi();
        builder.Services.AddValidation();
        builder.Services.AddAntiforgery();
        builder.AddSharedDataProtection("network-health-identity"); // the login cookie and form tokens read the same on every replica
        builder.AddServiceDatabase();
        builder.AddMessaging("identity", x => x.AddConsumer<IntegrationEvents.ReportingRebuildRequestedConsumer>());
        builder.Services.AddSingleton<TenantStore>();
        builder.Services.AddScoped<TenantRegistration>();
        builder.Services.AddSingleton<SignInFailureStore>();
        builder.Services.AddScoped<SignIns>();

        builder.Services.AddDbContext<IdentityDb>((sp, o) =>
        {
            o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>());
            o.UseOpenIddict();
        });
        builder.Services.AddIdentityCore<PlatformUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                // Failed passwords are throttled (SignIns), never turned into a lockout that anyone could cause.
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<IdentityDb>();

        var issuer = config["Identity:Issuer"] ?? throw new InvalidOperationException("Identity:Issuer is not configured");
        var allowPasswordGrant = config.GetValue("Identity:AllowPasswordGrant", false);
        var keys = IdentityKeys.ForEnvironment(config, builder.Environment.IsDevelopment());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(o =>
            {
                o.SetIssuer(new Uri(issuer));
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowClientCredentialsFlow();
                o.AllowRefreshTokenFlow();
                if (allowPasswordGrant) o.AllowPasswordFlow(); // dev/test CLI only: off unless configured
                o.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, .. ApiScopes.All]);
                // Shared keys from configuration (every replica the same); only Development may fall back to per-machine certificates.
                if (keys is null) o.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
                else
                {
                    foreach (var key in keys.Signing) o.AddSigningKey(key);
                    foreach (var key in keys.Encryption) o.AddEncryptionKey(key);
                }
                // APIs validate access tokens locally as signed JWTs.
                o.DisableAccessTokenEncryption();
                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                // On by default; local runs (plain HTTP on loopback) turn it off explicitly.
                if (!config.GetValue("Identity:RequireHttps", true)) aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.AddAudiences(ApiScopes.Audience(ApiScopes.Identity));
                o.UseAspNetCore();
            });

        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .AddCookie(LoginScheme, o =>
            {
                o.LoginPath = "/connect/login";
                o.Cookie.Name = "nh.identity";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        builder.Services.AddPlatformAuthorization();
        builder.Services.AddAuthorizationBuilder().AddPolicy(Apis.ServiceApi.NetworksServicePolicy,
            p => p.RequireRole("service").RequireClaim(Claims.Subject, "networks-service"));
        return builder;
    }
}
