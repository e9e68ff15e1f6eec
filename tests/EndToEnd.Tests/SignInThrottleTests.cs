using System.Net;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// Wrong passwords slow the guesser down and never lock the owner out: after several, the answer is the same for an
/// email with an account and one without, and once the wait is over the right password works.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SignInThrottleTests(PlatformFixture platform)
{
    private async Task<(HttpStatusCode Status, string Error, string Description)> TryAsync(string email, string password)
    {
        using var response = await platform.Api.Http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = email, ["password"] = password,
        }));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, body.TryGetProperty("error", out var e) ? e.GetString()! : "",
            body.TryGetProperty("error_description", out var d) ? d.GetString()! : "");
    }

    private async Task WrongPasswordAsync(string email, string password)
    {
        while (true)
        {
            var answer = await TryAsync(email, password);
            var wait = System.Text.RegularExpressions.Regex.Match(answer.Description, @"Try again in (\d+) seconds");
            if (!wait.Success)
            {
                Assert.Contains("not right", answer.Description);
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(int.Parse(wait.Groups[1].Value)));
        }
    }

    [Fact]
    public async Task Seven_wrong_passwords_slow_the_guesser_alike_for_any_email_and_the_right_password_still_works()
    {
        var admin = await platform.TokenAsync(PlatformFixture.PlatformAdmin);
        var tenant = (await platform.Api.GetAsync<JsonElement[]>("/api/tenants", admin)).First(t => t.GetProperty("kind").GetString() == "Hub").GetProperty("id").GetGuid();
        var email = $"target-{Guid.NewGuid():N}@throttle.test";
        await platform.Api.PostAsync<JsonElement>($"/api/tenants/{tenant}/users", admin, new { email, password = "Target-pass-2026", role = "hub-staff" });
        var nobody = $"nobody-{Guid.NewGuid():N}@throttle.test";

        // Seven wrong passwords each, each after the wait the previous answer asked for (past four free ones it doubles: 1, 2, then 4 s).
        for (var i = 0; i < 7; i++)
            foreach (var who in new[] { email, nobody })
                await WrongPasswordAsync(who, $"wrong-{i}");

        // The next attempt comes too soon: the same answer whether or not the account exists, the password not even checked.
        // Only the seconds left may differ: each email's wait runs from its own last wrong password, and those were
        // a wait apart (CI once read 3 and 4 s).
        var known = await TryAsync(email, "Target-pass-2026");
        var unknown = await TryAsync(nobody, "Target-pass-2026");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (known.Status, known.Error));
        Assert.Matches(@"^Too many sign-in attempts\. Try again in \d+ seconds\.$", known.Description);
        static string WithoutSeconds((HttpStatusCode Status, string Error, string Description) answer) =>
            $"{answer.Status} {answer.Error} {System.Text.RegularExpressions.Regex.Replace(answer.Description, @"\d+", "N")}";
        Assert.Equal(WithoutSeconds(known), WithoutSeconds(unknown));

        // Once the wait is over, the owner's right password works: nothing was locked.
        await Task.Delay(TimeSpan.FromSeconds(4.5));
        var token = await platform.Api.GetTokenAsync(email, "Target-pass-2026");
        Assert.Equal(email, PlatformFixture.ClaimsOf(token).GetProperty("email").GetString());
    }
}
