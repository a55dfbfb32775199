using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace XenCfg.Benchmarks;

/// <summary>
/// Issue 13's speed budget, side by side: `xcfg lint DIR` as a whole process against Xen's own parser (libxlutil)
/// reading the same files from memory (libxlu/xlu-parse.c, built here with gcc). Runs alternate, one of each per
/// round, so both see the same load; the ratio of medians is the figure (≤ 1.0 is the budget for the fleet,
/// ≤ 3.0 for clones). The resident peak of each xcfg run is sampled from /proc (VmHWM).
/// Make the fleets with the shared generator: `make-fleet.py OUT 20000` and `make-fleet.py OUT 20000 --duplicates`.
/// </summary>
internal static partial class Fleet
{
    public static int Run(Options options)
    {
        var directory = options.Directory ?? options.Positional
            ?? throw new ArgumentException("fleet --dir DIR (a tree made by make-fleet.py)");
        var parser = BuildParser();
        Machine.Print();
        Console.WriteLine($"fleet {directory}: xcfg lint with {options.Xcfg} against libxlu parse-only ({parser})");

        RunXcfg(options.Xcfg, directory); // warm the page cache and the binary
        var xcfgTimes = new List<double>();
        var parseTimes = new List<double>();
        long peakKilobytes = 0;
        string files = "?";
        for (var round = 0; round < options.Runs; round++)
        {
            var (parseMilliseconds, fileCount) = RunParser(parser, directory);
            parseTimes.Add(parseMilliseconds);
            files = fileCount;
            var (lintMilliseconds, peak) = RunXcfg(options.Xcfg, directory);
            xcfgTimes.Add(lintMilliseconds);
            peakKilobytes = Math.Max(peakKilobytes, peak);
        }

        xcfgTimes.Sort();
        parseTimes.Sort();
        double Median(List<double> values) => values[values.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{files} files; libxlu parse: best {parseTimes[0]:F0} ms, median {Median(parseTimes):F0} ms; " +
            $"xcfg lint (whole process): best {xcfgTimes[0]:F0} ms, median {Median(xcfgTimes):F0} ms, peak resident {peakKilobytes / 1024} MB; " +
            $"ratio of medians {Median(xcfgTimes) / Median(parseTimes):F2}, of bests {xcfgTimes[0] / parseTimes[0]:F2} " +
            $"({options.Runs} rounds; load average now {Machine.LoadAverage()})"));
        return 0;
    }

    /// <summary>Compiles the C driver next to this program (gcc, -O2) unless it is already there.</summary>
    private static string BuildParser()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "libxlu", "xlu-parse.c");
        var binary = Path.Combine(AppContext.BaseDirectory, "libxlu", "xlu-parse");
        if (!File.Exists(binary) || File.GetLastWriteTimeUtc(binary) < File.GetLastWriteTimeUtc(source))
        {
            var (exit, _, error) = Execute("gcc", ["-O2", "-o", binary, source, "-ldl"]);
            if (exit != 0)
            {
                throw new InvalidOperationException($"gcc failed to build {source}: {error}");
            }
        }

        return binary;
    }

    private static (double Milliseconds, string Files) RunParser(string parser, string directory)
    {
        var (exit, output, error) = Execute(parser, [directory, "1"]);
        var match = ParserOutput().Match(output);
        if (exit != 0 || !match.Success)
        {
            throw new InvalidOperationException($"xlu-parse exited {exit}: {error}{output}");
        }

        return (double.Parse(match.Groups["best"].Value, CultureInfo.InvariantCulture), match.Groups["files"].Value);
    }

    private static (double Milliseconds, long PeakKilobytes) RunXcfg(string xcfg, string directory)
    {
        var start = new ProcessStartInfo(xcfg) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("lint");
        start.ArgumentList.Add(directory);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(5))
        {
            peak = Math.Max(peak, PeakResidentKilobytes(process.Id));
        }

        output.Wait();
        clock.Stop();
        if (process.ExitCode > 1)
        {
            throw new InvalidOperationException($"xcfg exited {process.ExitCode}: {error.Result}");
        }

        return (clock.Elapsed.TotalMilliseconds, peak);
    }

    /// <summary>VmHWM of a running process, 0 once it has gone.</summary>
    private static long PeakResidentKilobytes(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    private static (int Exit, string Output, string Error) Execute(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    [GeneratedRegex(@"files=(?<files>\d+) .*best_ms=(?<best>[0-9.]+)")]
    private static partial Regex ParserOutput();
}
