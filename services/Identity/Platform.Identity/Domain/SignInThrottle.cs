namespace Platform.Identity.Domain;

/// <summary>
/// Throttling of failed sign-ins, instead of locking accounts (a lockout lets anyone who knows an email keep its owner
/// out). Failures are counted per account name typed and per client address; past a few free failures each further
/// attempt must wait a delay that doubles with every failure, up to a cap; a quiet period forgets the count. The account
/// count does not hold back a browser that has signed into that account before (its device cookie), so an attacker's
/// guesses slow the attacker, not the owner on their usual device. Addresses get more free failures: a school's staff
/// share one.
/// </summary>
public static class SignInThrottle
{
    public const int FreeAccountFailures = 4, FreeAddressFailures = 30;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15), ForgetAfter = TimeSpan.FromHours(1);

    public static string AccountKey(string email) => "account:" + email.Trim().ToLowerInvariant();

    public static string AddressKey(string address) => "address:" + address;

    /// <summary>How long after the last failure the next attempt must wait: none within the free failures, then 1 s, 2 s, 4 s ... up to the cap.</summary>
    public static TimeSpan Delay(int failures, int free)
    {
        if (failures <= free) return TimeSpan.Zero;
        var doublings = Math.Min(failures - free - 1, 20);
        var delay = TimeSpan.FromSeconds(Math.Pow(2, doublings));
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>When the key may try again (null: now), from its stored failures.</summary>
    public static DateTimeOffset? BlockedUntil(int failures, DateTimeOffset lastFailureAt, int free, DateTimeOffset now)
    {
        if (now - lastFailureAt >= ForgetAfter) return null;
        var until = lastFailureAt + Delay(failures, free);
        return until > now ? until : null;
    }

    /// <summary>The count after one more failure: a count older than the quiet period starts again at one.</summary>
    public static int AfterFailure(int failures, DateTimeOffset lastFailureAt, DateTimeOffset now) =>
        now - lastFailureAt >= ForgetAfter ? 1 : failures + 1;
}
