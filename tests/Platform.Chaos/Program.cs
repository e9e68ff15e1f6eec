using Platform.Chaos;

// ./dev chaos [SCENARIO ...] [--submissions N]: the fault-injection suite on its own throwaway platform (docs/reliability.md).
// One line per scenario and a closing "N passed, N failed" on stdout; progress and the reasons of failures on stderr.
var submissions = 10_000;
var names = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--submissions" && i + 1 < args.Length && int.TryParse(args[++i], out var n) && n > 0) submissions = n;
    else if (Scenarios.All.Any(s => s.Name == args[i])) names.Add(args[i]);
    else
    {
        Console.Error.WriteLine($"usage: ./dev chaos [{string.Join('|', Scenarios.All.Select(s => s.Name))} ...] [--submissions N]");
        return 2;
    }
}
var chosen = Scenarios.All.Where(s => names.Count == 0 || names.Contains(s.Name)).ToList();
var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent?.Name ?? "Release";

var clock = System.Diagnostics.Stopwatch.StartNew();
await using var chaos = await ChaosPlatform.StartAsync(configuration, line => Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}"));
int passed = 0, failed = 0;
foreach (var scenario in chosen)
{
    var result = await ChaosSuite.RunAsync(chaos, scenario, submissions);
    Console.WriteLine(result.Line);
    foreach (var problem in result.Problems) Console.Error.WriteLine($"  {scenario.Name}: {problem}");
    if (!result.Passed)
        foreach (var line in chaos.ErrorLines(5)) Console.Error.WriteLine($"  {line}");
    if (result.Passed) passed++; else failed++;
}
Console.WriteLine($"{passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
