using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults;

namespace BuildingBlocks.Tests;

/// <summary>Outside Development a cookie-protecting service needs the shared key ring; a bad key is named.</summary>
public sealed class SharedDataProtectionTests
{
    private static WebApplicationBuilder Builder(string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        return builder;
    }

    [Fact]
    public void Production_refuses_to_start_without_the_key_ring_and_development_does_not()
    {
        Assert.Contains("DataProtection:Keys", Assert.Throws<InvalidOperationException>(() => Builder("Production").AddSharedDataProtection("test")).Message);
        Builder("Development").AddSharedDataProtection("test");
    }

    [Fact]
    public void A_key_that_is_not_a_key_element_is_refused_naming_the_setting()
    {
        Assert.Contains("DataProtection:Keys:0", Assert.Throws<InvalidOperationException>(() =>
            Builder("Production", ("DataProtection:Keys:0", "<not-a-key/>")).AddSharedDataProtection("test")).Message);
        Assert.Contains("DataProtection:Keys:0", Assert.Throws<InvalidOperationException>(() =>
            Builder("Production", ("DataProtection:Keys:0", "<key")).AddSharedDataProtection("test")).Message);
    }
}
