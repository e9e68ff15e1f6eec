using Platform.Identity.Domain;

namespace Identity.Tests;

public sealed class SignInThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_failures_are_free_then_each_one_doubles_the_wait_up_to_the_cap()
    {
        Assert.Equal(TimeSpan.Zero, SignInThrottle.Delay(4, free: 4));
        Assert.Equal(TimeSpan.FromSeconds(1), SignInThrottle.Delay(5, free: 4));
        Assert.Equal(TimeSpan.FromSeconds(2), SignInThrottle.Delay(6, free: 4));
        Assert.Equal(TimeSpan.FromSeconds(512), SignInThrottle.Delay(14, free: 4));
        Assert.Equal(SignInThrottle.MaxDelay, SignInThrottle.Delay(15, free: 4));
        Assert.Equal(SignInThrottle.MaxDelay, SignInThrottle.Delay(int.MaxValue, free: 4));
    }

    [Fact]
    public void A_key_waits_until_its_delay_has_passed_and_a_quiet_hour_forgets_it()
    {
        var last = Now.AddMilliseconds(-500);
        Assert.Equal(last.AddSeconds(1), SignInThrottle.BlockedUntil(5, last, 4, Now));
        Assert.Null(SignInThrottle.BlockedUntil(5, Now.AddSeconds(-1), 4, Now));
        Assert.Null(SignInThrottle.BlockedUntil(4, Now, 4, Now));
        Assert.Null(SignInThrottle.BlockedUntil(100, Now - SignInThrottle.ForgetAfter, 4, Now));
        Assert.Equal(Now.AddMinutes(5), SignInThrottle.BlockedUntil(100, Now.AddMinutes(-10), 4, Now));
    }

    [Fact]
    public void A_failure_after_a_quiet_hour_counts_from_one()
    {
        Assert.Equal(8, SignInThrottle.AfterFailure(7, Now.AddMinutes(-59), Now));
        Assert.Equal(1, SignInThrottle.AfterFailure(7, Now - SignInThrottle.ForgetAfter, Now));
    }

    [Fact]
    public void The_account_key_is_the_name_typed_in_any_case()
    {
        Assert.Equal(SignInThrottle.AccountKey("Ana@School.org "), SignInThrottle.AccountKey("ana@school.org"));
    }
}
