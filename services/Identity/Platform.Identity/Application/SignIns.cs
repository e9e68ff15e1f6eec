using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Platform.Data;
using Platform.Identity.Data;
using Platform.Identity.Domain;

namespace Platform.Identity.Application;

/// <summary>The answer to a sign-in: the user, or nothing; RetryAfter when the attempt was not even checked (throttled).</summary>
public sealed record SignInCheck(PlatformUser? User, TimeSpan? RetryAfter)
{
    public static readonly SignInCheck Refused = new(null, null);
}

/// <summary>
/// Checks a password under <see cref="SignInThrottle"/>: the same answers whether or not the email has an account (the
/// throttle is keyed by the name typed, and a password is hashed either way), every failure logged with the address, and
/// no account ever locked by someone else's guesses. The portal's browser carries a device cookie naming the accounts
/// it has signed into, which the account throttle lets through.
/// </summary>
public sealed class SignIns(Database db, SignInFailureStore failures, UserManager<PlatformUser> users, IDataProtectionProvider protection,
    TimeProvider clock, ILogger<SignIns> logger)
{
    public const string DeviceCookie = "nh.device";
    private const int MaxKnownAccounts = 5;

    // Hashing a password for an email with no account takes as long as checking one that has (same hasher, same cost).
    private static string? unknownAccountHash;

    private IDataProtector Devices => protection.CreateProtector("Identity.KnownDevice.v1");

    public async Task<SignInCheck> CheckAsync(string? email, string? password, string? address, IReadOnlySet<Guid> knownAccounts, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return SignInCheck.Refused;
        var account = SignInThrottle.AccountKey(email);
        var from = SignInThrottle.AddressKey(address ?? "unknown");
        var now = clock.GetUtcNow();
        var user = await users.FindByNameAsync(email.Trim());

        await using var uow = await db.BeginSystemAsync(ct);
        var stored = (await failures.FindAsync(uow, [account, from], ct)).ToDictionary(f => f.Key);
        var knownDevice = user is not null && knownAccounts.Contains(user.Id);
        var until = new[]
        {
            knownDevice ? null : Until(stored.GetValueOrDefault(account), SignInThrottle.FreeAccountFailures, now),
            Until(stored.GetValueOrDefault(from), SignInThrottle.FreeAddressFailures, now),
        }.Max();
        if (until is { } wait)
        {
            logger.LogWarning("Sign-in throttled for {Account} from {Address} until {Until}", Masked(email), address, wait);
            return new SignInCheck(null, wait - now);
        }

        bool passed;
        if (user is null)
        {
            unknownAccountHash ??= users.PasswordHasher.HashPassword(new PlatformUser(), Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(new PlatformUser(), unknownAccountHash, password);
            passed = false;
        }
        else passed = !await users.IsLockedOutAsync(user) && await users.CheckPasswordAsync(user, password);
        if (!passed)
        {
            foreach (var key in new[] { account, from })
            {
                var before = stored.GetValueOrDefault(key);
                await failures.SaveAsync(uow, key, before is null ? 1 : SignInThrottle.AfterFailure(before.Count, before.LastFailureAt, now), now, ct);
            }
            await uow.CommitAsync(ct);
            logger.LogWarning("Failed sign-in for {Account} from {Address}", Masked(email), address);
            return SignInCheck.Refused;
        }
        if (stored.ContainsKey(account)) await failures.ForgetAsync(uow, account, ct);
        await uow.CommitAsync(ct);
        return new SignInCheck(user, null);
    }

    /// <summary>The accounts a device cookie names (none when it is missing or was not made by us).</summary>
    public IReadOnlySet<Guid> KnownAccounts(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie)) return new HashSet<Guid>();
        try
        {
            return Devices.Unprotect(cookie).Split(',').Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return new HashSet<Guid>();
        }
    }

    /// <summary>The device cookie's value after a sign-in: this account first, a few others kept.</summary>
    public string RememberDevice(IReadOnlySet<Guid> known, Guid user) =>
        Devices.Protect(string.Join(',', new[] { user }.Concat(known.Where(id => id != user)).Take(MaxKnownAccounts)));

    private static DateTimeOffset? Until(SignInFailureStore.Failures? f, int free, DateTimeOffset now) =>
        f is null ? null : SignInThrottle.BlockedUntil(f.Count, f.LastFailureAt, free, now);

    // The log keeps enough to follow an attack on one account without writing every address typed in full.
    private static string Masked(string email)
    {
        var at = email.IndexOf('@');
        return at <= 1 ? "***" + email[Math.Max(at, 0)..] : email[0] + "***" + email[at..];
    }
}
