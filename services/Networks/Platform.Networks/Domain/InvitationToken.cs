using System.Buffers.Text;
using System.Security.Cryptography;

namespace Platform.Networks.Domain;

/// <summary>
/// A personal invitation link's token: the hub's tenant id (so the link can be resolved under row-level security)
/// followed by 32 random bytes (the secret), base64url. Only its SHA-256 is stored.
/// </summary>
public static class InvitationToken
{
    public static string Create(Guid tenantId) =>
        Base64Url.EncodeToString([.. tenantId.ToByteArray(), .. RandomNumberGenerator.GetBytes(32)]);

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
}
