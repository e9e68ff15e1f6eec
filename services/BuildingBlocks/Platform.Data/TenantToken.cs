using System.Buffers.Text;
using System.Security.Cryptography;

namespace Platform.Data;

/// <summary>
/// A personal link's token (an onboarding invitation, a survey invitation): the hub's tenant id (so an anonymous
/// request can be resolved under row-level security) followed by 32 random bytes (the secret), base64url.
/// Only hashes of it are stored.
/// </summary>
public static class TenantToken
{
    public static string Create(Guid tenantId) => Create(tenantId, RandomNumberGenerator.GetBytes(32));

    /// <summary>A token around a given 32-byte secret (e.g. one the service can derive again to re-send the same link).</summary>
    public static string Create(Guid tenantId, ReadOnlySpan<byte> secret) =>
        secret.Length == 32 ? Base64Url.EncodeToString([.. tenantId.ToByteArray(), .. secret]) : throw new ArgumentException("The secret is 32 bytes.", nameof(secret));

    public static bool TryReadTenant(string token, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        if (token.Length is < 60 or > 70) return false;
        Span<byte> bytes = stackalloc byte[64];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != 48) return false;
        tenantId = new Guid(bytes[..16]);
        return true;
    }

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));

    /// <summary>
    /// A second, independent key derived from the same token (HMAC keyed by <paramref name="purpose"/>): lets one secret
    /// find two records that the database itself cannot link (a survey invitation and its anonymous response).
    /// </summary>
    public static byte[] Derive(string token, string purpose) =>
        HMACSHA256.HashData(System.Text.Encoding.ASCII.GetBytes(purpose), System.Text.Encoding.ASCII.GetBytes(token));
}
