using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;
using Platform.Surveys.Application;
using Platform.Surveys.IntegrationEvents;

namespace Platform.Chaos;

/// <summary>What a scenario's writes came to: compared from the services' own databases and Reporting's answer.</summary>
public sealed record Tally(int Acknowledged, long Failed, int Lost, int Duplicated, double? RecoverSeconds, int Stored, int Counted,
    IReadOnlyList<string> Problems);

/// <summary>
/// Compares what the clients were told (acknowledged submits and trickle writes) with what is stored in Surveys and what
/// Reporting shows: every acknowledged submit stored once with the answers it sent and counted once by Reporting, every
/// acknowledged network in Reporting and member in Surveys, within <see cref="Within"/> of the end of the fault.
/// </summary>
public sealed class Checker(ChaosPlatform chaos, string hub, SurveyWave wave)
{
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    public async Task<Tally> CheckAsync(SubmissionLoad load, WriteTrickle trickle, Stopwatch sinceFaultEnded)
    {
        var problems = new List<string>();
        await CloseWaveAsync();

        // Surveys: each acknowledged link's response, found by the key its token derives, with the answers it sent.
        var surveys = chaos.Platform.Postgres.ConnectionString("surveys");
        await using var surveysDb = new NpgsqlConnection(surveys);
        var stored = (await surveysDb.QueryAsync<(byte[] Key, string Answers)>(
                "select response_key, answers::text from survey_responses where wave_id = @Wave and submitted_at is not null", new { wave.Wave }))
            .ToDictionary(r => Convert.ToHexString(r.Key), r => r.Answers);
        var storedTwice = await surveysDb.ExecuteScalarAsync<int>(
            "select count(*) - count(distinct response_key) from survey_responses where wave_id = @Wave", new { wave.Wave });
        var lostInSurveys = 0;
        foreach (var number in load.Acknowledged.Keys)
        {
            if (!stored.TryGetValue(Convert.ToHexString(SurveyLinks.ResponseKey(wave.Tokens[number])), out var answers)) lostInSurveys++;
            else if (!SameRatings(answers, SurveyWave.AnswersFor(number))) { lostInSurveys++; problems.Add($"submit {number} stored with other answers"); }
        }
        if (lostInSurveys > 0) problems.Add($"{lostInSurveys} acknowledged submits not stored in Surveys");

        // Reporting: every stored response counted once (by its id, in the sums and in what the API shows), and the trickle's writes.
        var expectedIds = stored.Keys.Select(k => ResponseEvents.ResponseId(Convert.FromHexString(k))).ToHashSet();
        var acknowledgedIds = load.Acknowledged.Keys.Select(n => ResponseEvents.ResponseId(SurveyLinks.ResponseKey(wave.Tokens[n]))).ToHashSet();
        await using var reportingDb = new NpgsqlConnection(chaos.Platform.Postgres.ConnectionString("reporting"));
        HashSet<Guid> counted = [];
        int respondents = 0, largestN = 0, missingNetworks = 0, missingMembers = 0;
        double? recovered = null;
        while (true)
        {
            try
            {
                counted = (await reportingDb.QueryAsync<Guid>("select response_id from survey_scale_scores where wave_id = @Wave", new { wave.Wave })).ToHashSet();
                (respondents, largestN) = await reportingDb.QuerySingleAsync<(int, int)>("""
                    select coalesce((select respondents from group_respondents where network_id = @Network and network_year = @Year and grouping = 'all'), 0),
                           coalesce((select max(n) from scale_sums where network_id = @Network and network_year = @Year and grouping = 'all'), 0)
                    """, new { wave.Network, wave.Year });
                var networks = trickle.Networks.ToArray();
                missingNetworks = networks.Length - await reportingDb.ExecuteScalarAsync<int>(
                    "select count(*) from networks where network_id = any(@networks)", new { networks });
                var memberships = trickle.Memberships.ToArray();
                missingMembers = memberships.Length - await surveysDb.ExecuteScalarAsync<int>(
                    "select count(*) from members where membership_id = any(@memberships)", new { memberships });
            }
            catch (NpgsqlException) { /* the database is still coming back */ }
            if (expectedIds.IsSubsetOf(counted) && respondents == counted.Count && missingNetworks == 0 && missingMembers == 0)
            {
                recovered = sinceFaultEnded.Elapsed.TotalSeconds;
                break;
            }
            if (sinceFaultEnded.Elapsed > Within) break;
            await Task.Delay(250);
        }
        if (recovered is null)
            problems.Add($"not complete {Within.TotalSeconds:F0} s after the fault: Reporting holds {counted.Count} of {stored.Count} stored responses, counts {respondents}; "
                + $"{missingNetworks} networks missing in Reporting, {missingMembers} members missing in Surveys");

        var shown = await ShownRespondentsAsync();
        if (shown != counted.Count) problems.Add($"Reporting's API shows {shown} respondents, it holds {counted.Count} responses");
        var lostInReporting = acknowledgedIds.Count(id => !counted.Contains(id)) - lostInSurveys;
        var duplicated = storedTwice + Math.Max(0, respondents - counted.Count) + Math.Max(0, largestN - counted.Count) + Math.Max(0, shown - counted.Count);
        if (duplicated > 0) problems.Add($"counted twice: {storedTwice} stored twice, Reporting counts {respondents} respondents and n = {largestN} for {counted.Count} responses");
        foreach (var answer in load.Answers.Unclean.Concat(trickle.Answers.Unclean).Take(5)) problems.Add("unclean answer: " + answer);
        var unclean = load.Answers.Unclean.Count + trickle.Answers.Unclean.Count;
        if (unclean > 5) problems.Add($"... {unclean} unclean answers in all");

        return new Tally(load.Acknowledged.Count, load.Answers.FailedCleanly + trickle.Answers.FailedCleanly + unclean,
            lostInSurveys + Math.Max(0, lostInReporting) + missingNetworks + missingMembers, duplicated, recovered, stored.Count, counted.Count, problems);
    }

    /// <summary>The close releases the wave's last step: everything stored then goes to Reporting.</summary>
    private async Task CloseWaveAsync()
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            try
            {
                using var closed = await chaos.Api.SendAsync(HttpMethod.Post, $"/api/surveys/waves/{wave.Wave}/close", hub, new { });
                if (closed.IsSuccessStatusCode) return;
                if (DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"The wave did not close: {(int)closed.StatusCode} {await closed.Content.ReadAsStringAsync()}");
            }
            catch (Exception e) when (Answers.IsConnectionFailure(e) && DateTime.UtcNow < deadline) { }
            await Task.Delay(500);
        }
    }

    private async Task<int> ShownRespondentsAsync()
    {
        try
        {
            return (await chaos.Api.GetAsync<JsonElement>($"/api/reporting/networks/{wave.Network}/survey?year={wave.Year}", hub)).GetProperty("respondents").GetInt32();
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or KeyNotFoundException)
        {
            return -1;
        }
    }

    private static bool SameRatings(string storedAnswers, Dictionary<string, int> sent)
    {
        var ratings = JsonDocument.Parse(storedAnswers).RootElement.GetProperty("ratings");
        return sent.All(a => ratings.TryGetProperty(a.Key, out var v) && v.GetInt32() == a.Value);
    }
}
