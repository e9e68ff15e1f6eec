using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Platform.Chaos;

/// <summary>
/// Members submitting their survey through the gateway at a steady rate, as browsers do: a submit that fails cleanly is
/// sent again (same link, same answers) after the Retry-After the platform gave, or a second after a broken connection;
/// a 409 to such a retry means an earlier try had committed, so the submit counts as acknowledged. Anything else is
/// recorded as an unclean answer.
/// </summary>
public sealed class SubmissionLoad(SurveyWave wave, Uri gateway)
{
    /// <summary>How long a member keeps trying before giving up (the submit then counts neither as acknowledged nor as lost).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public ConcurrentDictionary<int, bool> Acknowledged { get; } = new();
    public Answers Answers { get; } = new();
    private int _gaveUp;
    public int GaveUp => _gaveUp;

    /// <summary>Submits every link, spread evenly over <paramref name="duration"/>; returns when each has its final answer.</summary>
    public async Task RunAsync(TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30),
        };
        var clock = Stopwatch.StartNew();
        var submits = new List<Task>(wave.Tokens.Count);
        for (var i = 0; i < wave.Tokens.Count; i++)
        {
            var due = duration * ((double)i / wave.Tokens.Count) - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
            var number = i;
            submits.Add(Task.Run(() => SubmitAsync(http, number)));
        }
        await Task.WhenAll(submits);
    }

    private async Task SubmitAsync(HttpClient http, int number)
    {
        var body = JsonSerializer.Serialize(new { answers = SurveyWave.AnswersFor(number) });
        var path = $"api/surveys/respond/{wave.Tokens[number]}/submit";
        var retried = false;
        var started = Stopwatch.StartNew();
        while (started.Elapsed < Patience)
        {
            TimeSpan wait;
            try
            {
                using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.IsSuccessStatusCode || (retried && response.StatusCode == HttpStatusCode.Conflict))
                {
                    Acknowledged[number] = true;
                    return;
                }
                if (!await Answers.IsCleanFailureAsync(response))
                {
                    Answers.FailedUnclean($"submit {number}{(retried ? " (retry)" : "")}: {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync())}");
                    return;
                }
                Answers.FailedClean();
                wait = Min(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (Answers.IsConnectionFailure(e))
            {
                Answers.FailedClean();
                wait = TimeSpan.FromSeconds(1);
            }
            retried = true;
            await Task.Delay(wait);
        }
        Interlocked.Increment(ref _gaveUp);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    internal static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";

    /// <summary>
    /// Responses leave Surveys in released steps at most a day apart (docs/privacy.md). While the load runs, a day passes
    /// every second for the wave (its last step is moved back), so steps keep going out through the fault as over a long wave.
    /// </summary>
    public static async Task LetDaysPassAsync(string surveysSuperuser, Guid waveId, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var surveys = new NpgsqlConnection(surveysSuperuser);
                await surveys.ExecuteAsync("update waves set last_released_at = last_released_at - interval '1 day' where id = @waveId", new { waveId });
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // PostgreSQL is being restarted: the next second will do.
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
