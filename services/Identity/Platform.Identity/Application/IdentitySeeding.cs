using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.Identity.Data;
using Platform.Identity.Domain;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Application;

/// <summary>
/// Start-up: registers the OpenID Connect clients from configuration (idempotent) and, when configured,
/// the first platform admin. Everything else (demo tenants and users) is seeded through the public API.
/// </summary>
public static class IdentitySeeding
{
    private const string PlatformTenantName = "Platform";

    public static async Task SeedIdentityAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var config = app.Configuration;
        var apps = sp.GetRequiredService<IOpenIddictApplicationManager>();
        var publicUrl = (config["Identity:Issuer"] ?? "").TrimEnd('/');

        // The portal: a confidential server-side client using authorization code + PKCE.
        if (config["Identity:Clients:Portal:Secret"] is { Length: > 0 } portalSecret)
        {
            var portal = new OpenIddictApplicationDescriptor
            {
                ClientId = "portal", ClientSecret = portalSecret, ClientType = ClientTypes.Confidential,
                DisplayName = "Network Health Portal", ConsentType = ConsentTypes.Implicit,
                RedirectUris = { new Uri($"{publicUrl}/signin-oidc") },
                PostLogoutRedirectUris = { new Uri($"{publicUrl}/signout-callback-oidc") },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            portal.Permissions.UnionWith([
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles,
                .. ApiScopes.All.Select(s => Permissions.Prefixes.Scope + s)]);
            await UpsertAsync(apps, portal);
        }

        // The dev/test CLI: password grant, only when the server allows it.
        if (config.GetValue("Identity:AllowPasswordGrant", false))
        {
            var cli = new OpenIddictApplicationDescriptor { ClientId = "platform-cli", ClientType = ClientTypes.Public, DisplayName = "Platform CLI (dev/test)" };
            cli.Permissions.UnionWith([
                Permissions.Endpoints.Token, Permissions.GrantTypes.Password, Permissions.GrantTypes.RefreshToken,
                Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles,
                .. ApiScopes.All.Select(s => Permissions.Prefixes.Scope + s)]);
            await UpsertAsync(apps, cli);
        }
        else if (await apps.FindByClientIdAsync("platform-cli") is { } stale)
        {
            await apps.DeleteAsync(stale);
        }

        // One client-credentials client per service (Identity:ServiceClients:{name} = secret).
        foreach (var client in config.GetSection("Identity:ServiceClients").GetChildren().Where(c => !string.IsNullOrEmpty(c.Value)))
        {
            var service = new OpenIddictApplicationDescriptor
            {
                ClientId = $"{client.Key}-service", ClientSecret = client.Value, ClientType = ClientTypes.Confidential,
                DisplayName = $"{client.Key} service",
            };
            service.Permissions.UnionWith([
                Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials,
                // Only Networks calls Identity (member logins for accepted invitations).
                .. ApiScopes.All.Where(s => s != ApiScopes.Identity || client.Key == "networks").Select(s => Permissions.Prefixes.Scope + s)]);
            await UpsertAsync(apps, service);
        }

        await EnsureBootstrapAdminAsync(sp, config);
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager apps, OpenIddictApplicationDescriptor descriptor)
    {
        if (await apps.FindByClientIdAsync(descriptor.ClientId!) is { } existing)
            await apps.UpdateAsync(existing, descriptor);
        else
            await apps.CreateAsync(descriptor);
    }

    private static async Task EnsureBootstrapAdminAsync(IServiceProvider sp, IConfiguration config)
    {
        var email = config["Identity:BootstrapAdmin:Email"];
        var password = config["Identity:BootstrapAdmin:Password"];
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password)) return;
        var users = sp.GetRequiredService<IdentityDb>().Users;
        if (await users.AnyAsync(u => u.NormalizedUserName == email.ToUpperInvariant())) return;

        var registration = sp.GetRequiredService<TenantRegistration>();
        var tenant = await registration.FindTenantByNameAsync(PlatformTenantName, CancellationToken.None);
        if (tenant is null)
        {
            var created = await registration.CreateTenantAsync(PlatformTenantName, TenantKind.Platform, null, CancellationToken.None);
            tenant = created is TenantRegistration.Outcome<Tenant>.Done(var t)
                ? t : throw new InvalidOperationException($"Could not create the platform tenant: {created}");
        }
        var user = await registration.CreateUserAsync(tenant.Id, email, password, "platform-admin", CancellationToken.None);
        if (user is not TenantRegistration.Outcome<PlatformUser>.Done)
            throw new InvalidOperationException($"Could not create the bootstrap admin: {user}");
    }

    /// <summary>The SQL that creates the EF-mapped tables (ASP.NET Core Identity + OpenIddict).</summary>
    public static string StoreSchemaScript(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IdentityDb>().Database.GenerateCreateScript();
    }
}
