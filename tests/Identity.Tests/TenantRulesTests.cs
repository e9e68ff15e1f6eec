using Platform.Identity.Domain;

namespace Identity.Tests;

public sealed class TenantRulesTests
{
    [Theory]
    [InlineData(TenantKind.Hub, "hub-admin", true)]
    [InlineData(TenantKind.Hub, "hub-staff", true)]
    [InlineData(TenantKind.Hub, "member", true)]
    [InlineData(TenantKind.Hub, "funder", false)]
    [InlineData(TenantKind.Hub, "platform-admin", false)]
    [InlineData(TenantKind.Funder, "funder", true)]
    [InlineData(TenantKind.Funder, "hub-admin", false)]
    [InlineData(TenantKind.Funder, "member", false)]
    [InlineData(TenantKind.Platform, "platform-admin", true)]
    [InlineData(TenantKind.Platform, "hub-admin", false)]
    [InlineData(TenantKind.Hub, "Hub-Admin", false)]
    public void A_tenant_holds_only_the_roles_of_its_kind(TenantKind kind, string role, bool allowed) =>
        Assert.Equal(allowed, TenantRules.AllowsRole(kind, role));

    [Theory]
    [InlineData(TenantKind.Hub, null, true)]
    [InlineData(TenantKind.Hub, HostType.IHE, false)]
    [InlineData(TenantKind.Funder, HostType.NGO, true)]
    [InlineData(TenantKind.Funder, null, false)]
    [InlineData(TenantKind.Platform, HostType.Other, true)]
    public void Only_hubs_have_a_host_type_and_every_hub_has_one(TenantKind kind, HostType? hostType, bool error) =>
        Assert.Equal(error, TenantRules.HostTypeError(kind, hostType) is not null);

    [Fact]
    public void Every_role_is_issued_tokens_for_every_api_and_each_scope_names_its_audience()
    {
        foreach (var role in new[] { "platform-admin", "funder", "hub-admin", "hub-staff", "member" })
            Assert.Equal(ApiScopes.All, TenantRules.ScopesFor(role));
        Assert.Equal("networks-api", ApiScopes.Audience(ApiScopes.Networks));
    }

    [Fact]
    public void The_kind_claim_is_lower_case()
    {
        var tenant = new Tenant(Guid.NewGuid(), "Demo Foundation", TenantKind.Funder, null, DateTimeOffset.UnixEpoch);
        Assert.Equal("funder", tenant.KindClaim);
    }
}
