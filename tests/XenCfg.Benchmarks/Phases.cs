using XenCfg.Cli;

namespace XenCfg.Benchmarks;

/// <summary>
/// Where a lint of the generated tree spends its time: runs `xcfg lint --timings` in process several times (the first
/// run includes JIT compilation) and prints the stage times it reports.
/// </summary>
internal static class Phases
{
    public static int Run(Options options)
    {
        var directory = options.Directory ?? Path.Combine(Path.GetTempPath(), $"xcfg-bench-tree-{options.Count}");
        if (!Directory.Exists(directory))
        {
            new ConfigTreeGenerator().Write(directory, options.Count);
        }

        Machine.Print();
        for (var run = 0; run < options.Runs; run++)
        {
            var timings = new StringWriter();
            XcfgApp.Run(["lint", directory, "--timings"], new CliConsole(TextWriter.Null, timings, () => Stream.Null, currentDirectory: directory));
            Console.Write($"run {run + 1}: {timings}");
        }

        return 0;
    }
}
