using Platform.Benchmarks;

// ./dev bench <name>: each benchmark starts its own platform (like the tests), measures, and prints figures and ratios.
return args.FirstOrDefault() switch
{
    "roster" => await RosterBenchmark.RunAsync(),
    "survey" => await SurveyBenchmark.RunAsync(),
    "reporting" => await ReportingBenchmark.RunAsync(args[1..]),
    "portal" => await PortalBenchmark.RunAsync(),
    "improvement" => await ImprovementBenchmark.RunAsync(),
    "memory" => await MemoryBenchmark.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ./dev bench roster|survey|portal|improvement|memory|reporting [responses per network year]");
    return 2;
}
