using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Chaos;

/// <summary>
/// A hub admin's steady trickle beside the survey load: a network registered, then a member added to the scenario's
/// network, four writes a second. They are not retried (neither is idempotent: a browser's form would ask first); what
/// was acknowledged must reach the services that keep read models of it (Reporting's networks, Surveys' members).
/// </summary>
public sealed class WriteTrickle(Uri gateway, string hub, Guid network)
{
    public ConcurrentBag<Guid> Networks { get; } = [];
    public ConcurrentBag<Guid> Memberships { get; } = [];
    public Answers Answers { get; } = new();

    public async Task RunAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hub);
        for (var i = 0; !ct.IsCancellationRequested; i++)
        {
            var tag = Guid.NewGuid().ToString("N")[..10];
            var (path, body, into, idOf) = i % 2 == 0
                ? ("/api/networks", (object)new { name = $"Trickle {tag}", aim = "Stay whole", goalType = "Other", launchDate = "2024-08-01" }, Networks, "id")
                : ($"/api/networks/{network}/members", new { email = $"t-{tag}@trickle.test", givenName = "Tri", familyName = "Ckle", role = "TeamMember", startDate = "2025-09-01" },
                    Memberships, "membershipId");
            try
            {
                using var response = await http.PostAsJsonAsync(path, body, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                    into.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(idOf).GetGuid());
                else if (await Answers.IsCleanFailureAsync(response)) Answers.FailedClean();
                else Answers.FailedUnclean($"POST {path}: {(int)response.StatusCode} {SubmissionLoad.Shorten(await response.Content.ReadAsStringAsync())}");
            }
            catch (Exception e) when (Answers.IsConnectionFailure(e))
            {
                Answers.FailedClean();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
