using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Local;

namespace EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class IdentityTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_password_grant_without_scope_gets_a_token_for_every_api_its_role_may_call()
    {
        var hub = PlatformFixture.ClaimsOf(await platform.TokenAsync(PlatformFixture.RiverbendAdmin));
        Assert.Equal("hub-admin", hub.GetProperty("role").GetString());
        Assert.Equal("hub", hub.GetProperty("tenant_kind").GetString());
        Assert.True(Guid.TryParse(hub.GetProperty("tenant_id").GetString(), out _));
        Assert.True(Guid.TryParse(hub.GetProperty("sub").GetString(), out _));
        var audiences = hub.GetProperty("aud").EnumerateArray().Select(a => a.GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "identity-api", "networks-api", "surveys-api", "assessments-api", "improvement-api", "reporting-api" }, audiences);

        var admin = PlatformFixture.ClaimsOf(await platform.TokenAsync(PlatformFixture.PlatformAdmin));
        Assert.Equal("platform", admin.GetProperty("tenant_kind").GetString());
        Assert.Equal("platform-admin", admin.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_wrong_password_is_an_oauth_error_not_a_token()
    {
        using var response = await platform.Api.Http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = PlatformFixture.Funder, ["password"] = "wrong-password-1",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_platform_admin_creates_tenants_and_users_who_can_sign_in()
    {
        var admin = await platform.TokenAsync(PlatformFixture.PlatformAdmin);
        var name = "Hillside Hub " + Guid.NewGuid().ToString("N")[..6];
        var tenant = await platform.Api.PostAsync<JsonElement>("/api/tenants", admin, new { name, kind = "hub", hostType = "District" });
        var id = tenant.GetProperty("id").GetGuid();
        Assert.Contains(await platform.Api.GetAsync<JsonElement[]>("/api/tenants", admin), t => t.GetProperty("id").GetGuid() == id);

        var email = $"lead-{Guid.NewGuid():N}@hillside.test";
        var user = await platform.Api.PostAsync<JsonElement>($"/api/tenants/{id}/users", admin, new { email, password = "Hillside-pass-1", role = "hub-staff" });
        Assert.Equal("hub-staff", user.GetProperty("role").GetString());

        var claims = PlatformFixture.ClaimsOf(await platform.Api.GetTokenAsync(email, "Hillside-pass-1"));
        Assert.Equal(id.ToString(), claims.GetProperty("tenant_id").GetString());
        Assert.Equal("hub-staff", claims.GetProperty("role").GetString());

        // The tenant's users, as the admin lists them: email and role, nothing secret.
        var listed = Assert.Single(await platform.Api.GetAsync<JsonElement[]>($"/api/tenants/{id}/users", admin));
        Assert.Equal(email, listed.GetProperty("email").GetString());
        Assert.Equal("hub-staff", listed.GetProperty("role").GetString());
        Assert.False(listed.TryGetProperty("passwordHash", out _));
        using (var unknown = await platform.Api.SendAsync(HttpMethod.Get, $"/api/tenants/{Guid.NewGuid()}/users", admin))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var hubAdmin = await platform.Api.SendAsync(HttpMethod.Get, $"/api/tenants/{id}/users", await platform.TokenAsync(PlatformFixture.RiverbendAdmin)))
            Assert.Equal(HttpStatusCode.Forbidden, hubAdmin.StatusCode);

        using var duplicate = await platform.Api.SendAsync(HttpMethod.Post, $"/api/tenants/{id}/users", admin, new { email, password = "Hillside-pass-1", role = "member" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var sameName = await platform.Api.SendAsync(HttpMethod.Post, "/api/tenants", admin, new { name = name.ToUpperInvariant(), kind = "hub", hostType = "NGO" });
        Assert.Equal(HttpStatusCode.Conflict, sameName.StatusCode);
    }

    public static TheoryData<string, string> BadTenantRequests => new()
    {
        { "unknown kind", """{"name":"X","kind":"school"}""" },
        { "hub without host type", """{"name":"X","kind":"hub"}""" },
        { "funder with host type", """{"name":"X","kind":"funder","hostType":"NGO"}""" },
        { "bad host type", """{"name":"X","kind":"hub","hostType":"Church"}""" },
        { "empty name", """{"name":"","kind":"funder"}""" },
        { "unknown field", """{"name":"X","kind":"funder","id":"00000000-0000-0000-0000-000000000001"}""" },
    };

    [Theory]
    [MemberData(nameof(BadTenantRequests))]
    public async Task Bad_tenant_requests_are_400_problems(string why, string body)
    {
        var admin = await platform.TokenAsync(PlatformFixture.PlatformAdmin);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tenants") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", admin);
        using var response = await platform.Api.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_role_must_fit_the_tenant_and_the_password_policy_holds()
    {
        var admin = await platform.TokenAsync(PlatformFixture.PlatformAdmin);
        var funderTenant = (await platform.Api.GetAsync<JsonElement[]>("/api/tenants", admin))
            .Single(t => t.GetProperty("name").GetString() == "Demo Foundation").GetProperty("id").GetGuid();

        using var wrongRole = await platform.Api.SendAsync(HttpMethod.Post, $"/api/tenants/{funderTenant}/users", admin,
            new { email = "someone@foundation.test", password = "Foundation-pass-1", role = "hub-admin" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongRole.StatusCode);
        using var weak = await platform.Api.SendAsync(HttpMethod.Post, $"/api/tenants/{funderTenant}/users", admin,
            new { email = "weak@foundation.test", password = "aaaaaaaaaa", role = "funder" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        using var noTenant = await platform.Api.SendAsync(HttpMethod.Post, $"/api/tenants/{Guid.NewGuid()}/users", admin,
            new { email = "nobody@nowhere.test", password = "Nowhere-pass-1", role = "funder" });
        Assert.Equal(HttpStatusCode.NotFound, noTenant.StatusCode);
    }

    [Fact]
    public async Task Only_platform_admins_manage_tenants()
    {
        foreach (var user in new[] { PlatformFixture.RiverbendAdmin, PlatformFixture.Funder })
        {
            using var response = await platform.Api.SendAsync(HttpMethod.Get, "/api/tenants", await platform.TokenAsync(user));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using var anonymous = await platform.Api.SendAsync(HttpMethod.Post, "/api/tenants", token: null, new { name = "X", kind = "funder" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
