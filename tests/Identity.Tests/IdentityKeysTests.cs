using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Platform.Identity.Application;

namespace Identity.Tests;

/// <summary>Identity's signing and encryption keys come from configuration, the same on every replica; production refuses to run without them.</summary>
public sealed class IdentityKeysTests
{
    private static string NewKey(int bits = 2048)
    {
        using var rsa = RSA.Create(bits);
        return Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void A_key_has_the_same_id_from_its_pem_and_from_its_base64_body_on_every_read()
    {
        var key = NewKey();
        var pem = $"-----BEGIN PRIVATE KEY-----\n{key}\n-----END PRIVATE KEY-----";
        var id = IdentityKeys.Parse(key, "k").KeyId;
        Assert.Equal(id, IdentityKeys.Parse(pem, "k").KeyId);
        Assert.Equal(id, IdentityKeys.Parse(key, "k").KeyId);
        Assert.NotEqual(id, IdentityKeys.Parse(NewKey(), "k").KeyId);
    }

    [Fact]
    public void Keys_keep_their_configured_order_so_the_first_is_the_one_in_use_during_a_rollover()
    {
        var (current, previous) = (NewKey(), NewKey());
        var keys = IdentityKeys.From(Config(("Identity:Keys:Signing:1", previous), ("Identity:Keys:Signing:0", current), ("Identity:Keys:Encryption:0", NewKey())));
        Assert.Equal([IdentityKeys.Parse(current, "k").KeyId, IdentityKeys.Parse(previous, "k").KeyId], keys.Signing.Select(k => k.KeyId));
        Assert.Single(keys.Encryption);
    }

    [Fact]
    public void Only_development_runs_without_configured_keys()
    {
        Assert.Null(IdentityKeys.ForEnvironment(Config(), isDevelopment: true));
        var missing = Assert.Throws<InvalidOperationException>(() => IdentityKeys.ForEnvironment(Config(), isDevelopment: false));
        Assert.Contains("Identity:Keys:Signing", missing.Message);
        // Half a configuration is a mistake in any environment.
        Assert.Throws<InvalidOperationException>(() => IdentityKeys.ForEnvironment(Config(("Identity:Keys:Signing:0", NewKey())), isDevelopment: true));
        Assert.NotNull(IdentityKeys.ForEnvironment(Config(("Identity:Keys:Signing:0", NewKey()), ("Identity:Keys:Encryption:0", NewKey())), isDevelopment: false));
    }

    [Fact]
    public void A_bad_or_short_key_is_refused_naming_the_setting()
    {
        Assert.Contains("Identity:Keys:Signing:0", Assert.Throws<InvalidOperationException>(() =>
            IdentityKeys.From(Config(("Identity:Keys:Signing:0", "not a key")))).Message);
        Assert.Contains("1024-bit", Assert.Throws<InvalidOperationException>(() => IdentityKeys.Parse(NewKey(1024), "k")).Message);
    }
}
