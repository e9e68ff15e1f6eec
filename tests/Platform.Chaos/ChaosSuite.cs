using System.Diagnostics;
using System.Globalization;
using Platform.Local;

namespace Platform.Chaos;

public sealed record ScenarioResult(Scenario Scenario, bool Passed, Tally? Tally, IReadOnlyList<string> Problems)
{
    /// <summary>The scenario's one line: what was acknowledged, failed, lost and duplicated, and how long recovery took.</summary>
    public string Line => Tally is { } t
        ? string.Create(CultureInfo.InvariantCulture, $"{(Passed ? "PASS" : "FAIL")} {Scenario.Name,-19} acknowledged {t.Acknowledged}, failed {t.Failed}, lost {t.Lost}, "
            + $"duplicated {t.Duplicated}, recovered in {(t.RecoverSeconds is { } s ? $"{s:F1} s" : "-")} (stored {t.Stored}, counted {t.Counted})")
        : $"FAIL {Scenario.Name,-19} {Problems.FirstOrDefault()}";
}

/// <summary>Runs scenarios on a <see cref="ChaosPlatform"/>: a fresh wave each, the load and the trickle while the fault is injected, then the checker.</summary>
public static class ChaosSuite
{
    public static async Task<ScenarioResult> RunAsync(ChaosPlatform chaos, Scenario scenario, int submissions, TimeSpan? loadFor = null)
    {
        try
        {
            await chaos.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
            if (scenario.Prepare is not null) await scenario.Prepare(chaos);
            var hub = await chaos.Api.GetTokenAsync("hubadmin@riverbend.demo", LocalPlatform.DemoPassword);
            chaos.Progress($"{scenario.Name}: a wave of {submissions:N0} members ...");
            var wave = await SurveyWave.OpenAsync(chaos, hub, submissions, scenario.Name);
            var gateway = chaos.Platform.Options.GatewayUrl;
            var load = new SubmissionLoad(wave, gateway);
            var trickle = new WriteTrickle(gateway, hub, wave.Network);
            var run = new ScenarioRun(chaos, loadFor ?? scenario.LoadFor);
            chaos.Progress($"{scenario.Name}: {scenario.Fault}, while {submissions:N0} submits arrive over {run.LoadFor.TotalSeconds:F0} s ...");

            using var loadEnded = new CancellationTokenSource();
            var days = SubmissionLoad.LetDaysPassAsync(chaos.Platform.Postgres.ConnectionString("surveys"), wave.Wave, loadEnded.Token);
            var trickling = trickle.RunAsync(loadEnded.Token);
            var fault = Task.Run(() => scenario.Inject(run));
            await load.RunAsync(run.LoadFor);
            await fault;
            // Recovery is timed from the later of the fault's end and the last submit's answer.
            var sinceFaultEnded = Stopwatch.StartNew();
            await loadEnded.CancelAsync();
            await Task.WhenAll(days, trickling);

            var tally = await new Checker(chaos, hub, wave).CheckAsync(load, trickle, sinceFaultEnded);
            var problems = tally.Problems.ToList();
            if (load.GaveUp > 0) problems.Add($"{load.GaveUp} submits gave up after two minutes of retries");
            if (scenario.AlsoCheck is not null && await scenario.AlsoCheck(chaos) is { } also) problems.Add(also);
            var passed = tally.Lost == 0 && tally.Duplicated == 0 && tally.RecoverSeconds is not null && problems.Count == 0;
            return new ScenarioResult(scenario, passed, tally, problems);
        }
        catch (Exception e)
        {
            return new ScenarioResult(scenario, false, null, [$"{e.GetType().Name}: {e.Message}"]);
        }
    }
}
