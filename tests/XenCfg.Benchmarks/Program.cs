using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using XenCfg.Benchmarks;

// Benchmarks of `xcfg lint` (run with `dotnet run -c Release --project tests/XenCfg.Benchmarks -- COMMAND`):
//   generate DIR [--count N]          write the generated tree of N configs (default 10,000) to DIR
//   lint-tree [--xcfg PATH] [--count N] [--runs R] [--dir DIR]
//                                     wall clock of `xcfg lint DIR` end to end (a separate process, output to
//                                     /dev/null), best and median of R runs; PATH is the binary to time (default: the
//                                     JIT build beside this program; give the Native AOT binary to check the budget)
//   startup [--xcfg PATH] [--runs R]  wall clock of `xcfg lint one.cfg` (start-up dominated), best/median/p90
//   phases [--count N] [--runs R]     in-process time of each stage (find, read/parse/analyse, diagnostics,
//                                     report) and the GC collections and pause, to see where the time goes
//   fleet --dir DIR [--xcfg PATH] [--runs R]
//                                     issue 13's budget: `xcfg lint DIR` (whole process) against Xen's libxlu parsing
//                                     the same *.cfg files from memory (libxlu/xlu-parse.c, compiled with gcc; needs
//                                     Debian's libxenmisc4.17), alternating, R rounds; ratio of medians, xcfg's peak RSS
//   bdn [BenchmarkDotNet arguments]   the BenchmarkDotNet suite: in-process lint of 1,000 and 10,000 generated files
//                                     (LintBenchmarks); parse, format and lint per file of a real corpus, and the
//                                     corpus repeated to ~20 MB as one file (CorpusBenchmarks)
// Budgets (issue 4): 10,000 configs in under 1 s on 2 cores with the AOT binary; AOT start-up under 20 ms.
var command = args.Length > 0 ? args[0] : "help";
var options = Options.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "generate":
        var target = options.Positional ?? throw new ArgumentException("generate DIR");
        var written = new ConfigTreeGenerator().Write(target, options.Count);
        Console.WriteLine($"wrote {written.Count} configs under {target}");
        return 0;
    case "lint-tree":
        return Timing.LintTree(options);
    case "startup":
        return Timing.Startup(options);
    case "fleet":
        return Fleet.Run(options);
    case "phases":
        return Phases.Run(options);
    case "bdn":
        BenchmarkSwitcher.FromAssembly(typeof(LintBenchmarks).Assembly).Run([.. args.Skip(1)]);
        return 0;
    default:
        Console.WriteLine("commands: generate DIR | lint-tree | startup | fleet | phases | bdn (see tests/XenCfg.Benchmarks/Program.cs)");
        return command == "help" ? 0 : 2;
}

/// <summary>The few options the commands take.</summary>
internal sealed record Options(string? Positional, string Xcfg, int Count, int Runs, string? Directory)
{
    public static Options Parse(string[] args)
    {
        string? positional = null, directory = null;
        var xcfg = Path.Combine(AppContext.BaseDirectory, "xcfg");
        int count = 10_000, runs = 10;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--xcfg":
                    xcfg = Path.GetFullPath(args[++i]);
                    break;
                case "--count":
                    count = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--runs":
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--dir":
                    directory = args[++i];
                    break;
                default:
                    positional = args[i];
                    break;
            }
        }

        return new Options(positional, xcfg, count, runs, directory);
    }
}

/// <summary>Wall-clock timing of the xcfg binary as a separate process, as a user or CI runs it.</summary>
internal static class Timing
{
    public static int LintTree(Options options)
    {
        var directory = options.Directory ?? Path.Combine(Path.GetTempPath(), $"xcfg-bench-tree-{options.Count}");
        if (!Directory.Exists(directory))
        {
            new ConfigTreeGenerator().Write(directory, options.Count);
        }

        Machine.Print();
        Console.WriteLine($"xcfg lint {directory} ({options.Count} configs) with {options.Xcfg}");
        Run(options.Xcfg, ["lint", directory]);
        var times = Enumerable.Range(0, options.Runs).Select(_ => Run(options.Xcfg, ["lint", directory])).ToList();
        Report("lint of the tree", times);
        return 0;
    }

    public static int Startup(Options options)
    {
        var directory = Path.Combine(Path.GetTempPath(), "xcfg-bench-one");
        Directory.CreateDirectory(Path.Combine(directory, ".git"));
        var file = Path.Combine(directory, "one.cfg");
        File.WriteAllText(file, new ConfigTreeGenerator().Config(1));
        Machine.Print();
        Console.WriteLine($"xcfg lint one.cfg with {options.Xcfg}");
        Run(options.Xcfg, ["lint", file]);
        var times = Enumerable.Range(0, Math.Max(options.Runs, 20)).Select(_ => Run(options.Xcfg, ["lint", file])).ToList();
        Report("start-up (lint one.cfg)", times);
        return 0;
    }

    private static double Run(string xcfg, string[] arguments)
    {
        var start = new ProcessStartInfo(xcfg) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        output.Wait();
        clock.Stop();
        if (process.ExitCode > 1)
        {
            throw new InvalidOperationException($"xcfg exited {process.ExitCode}: {error.Result}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static void Report(string what, List<double> milliseconds)
    {
        milliseconds.Sort();
        var median = milliseconds[milliseconds.Count / 2];
        var p90 = milliseconds[(int)(milliseconds.Count * 0.9)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: best {milliseconds[0]:F1} ms, median {median:F1} ms, p90 {p90:F1} ms over {milliseconds.Count} runs; load average now {Machine.LoadAverage()}"));
    }
}

/// <summary>What the figures were measured on.</summary>
internal static class Machine
{
    public static void Print()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores ({model ?? "unknown CPU"}), load average {LoadAverage()}"));
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
