using Platform.Benchmarks;

// ./dev bench <name>: each benchmark starts its own platform (like the tests), measures, and prints figures and ratios.
return args.FirstOrDefault() switch
{
    "roster" => await RosterBenchmark.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ./dev bench roster");
    return 2;
}
