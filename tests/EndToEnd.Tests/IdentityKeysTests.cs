using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace EndToEnd.Tests;

/// <summary>
/// Identity signs with the key configuration gives it (the platform's generated secret), not with a certificate made on
/// its machine: the published key is the configured one, and access tokens name it. That is what lets a second Identity
/// replica issue tokens every API accepts.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class IdentityKeysTests(PlatformFixture platform)
{
    [Fact]
    public async Task Identity_publishes_and_signs_with_the_configured_key()
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(platform.Platform.Options.Secrets.IdentitySigningKey!), out _);
        var modulus = Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus);

        using var jwks = await platform.Api.Http.GetAsync("/.well-known/jwks");
        jwks.EnsureSuccessStatusCode();
        var key = Assert.Single(JsonDocument.Parse(await jwks.Content.ReadAsStringAsync()).RootElement.GetProperty("keys").EnumerateArray(),
            k => k.GetProperty("use").GetString() == "sig");
        Assert.Equal(modulus, key.GetProperty("n").GetString());

        var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var header = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0])).RootElement;
        Assert.Equal(key.GetProperty("kid").GetString(), header.GetProperty("kid").GetString());
    }
}
