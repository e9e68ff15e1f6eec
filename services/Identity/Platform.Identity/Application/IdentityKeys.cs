using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Identity.Application;

/// <summary>
/// The keys Identity signs and encrypts tokens with, from configuration (a secret: Dapr's secret store on Kubernetes,
/// <c>.data/dev-secrets.json</c> locally), so every replica signs with the same key and a token from one validates on
/// the others. <c>Identity:Keys:Signing</c> and <c>Identity:Keys:Encryption</c> are lists of RSA private keys (PKCS#8,
/// PEM or its base64 body, which fits an environment variable). The first key of each list is the one in use; the others
/// stay published and accepted, which is how a key is rolled over: add the new key first, remove the old one once the
/// tokens it signed have expired. Outside Development a missing key stops the start (no per-process keys in production).
/// </summary>
public sealed record IdentityKeys(IReadOnlyList<SecurityKey> Signing, IReadOnlyList<SecurityKey> Encryption)
{
    public const string Section = "Identity:Keys";

    public bool IsEmpty => Signing.Count == 0 && Encryption.Count == 0;

    public static IdentityKeys From(IConfiguration config) =>
        new(Read(config.GetSection($"{Section}:Signing"), "Signing"), Read(config.GetSection($"{Section}:Encryption"), "Encryption"));

    /// <summary>The keys, or why they cannot be used; null keys (with no reason) mean Development's own certificates.</summary>
    public static IdentityKeys? ForEnvironment(IConfiguration config, bool isDevelopment)
    {
        var keys = From(config);
        if (keys.Signing.Count > 0 && keys.Encryption.Count > 0) return keys;
        if (keys.IsEmpty && isDevelopment) return null;
        throw new InvalidOperationException(keys.IsEmpty
            ? $"{Section}:Signing and {Section}:Encryption are not configured: outside Development Identity needs shared keys (see docs/runbook.md)."
            : $"Both {Section}:Signing and {Section}:Encryption must be configured.");
    }

    private static List<SecurityKey> Read(IConfigurationSection list, string name) =>
        list.GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue).Select(c => Parse(c.Value, $"{Section}:{name}:{c.Key}")).ToList();

    /// <summary>An RSA private key as a security key whose id is its RFC 7638 thumbprint: the same on every replica.</summary>
    public static SecurityKey Parse(string? text, string setting)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InvalidOperationException($"{setting} is empty.");
        var rsa = RSA.Create();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal)) rsa.ImportFromPem(text);
            else rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(text.Trim()), out _);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"{setting} is not an RSA private key (PKCS#8, PEM or base64).", e);
        }
        if (rsa.KeySize < 2048)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"{setting} is a {rsa.KeySize}-bit key; use 2048 bits or more.");
        }
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}
