using BenchmarkDotNet.Attributes;
using XenCfg.Cli;

namespace XenCfg.Benchmarks;

/// <summary>
/// `xcfg lint` in process on generated trees (the JIT build, warmed up): the steady-state cost of the analysis, as
/// opposed to the end-to-end figures of `lint-tree`, which include start-up.
/// </summary>
[MemoryDiagnoser]
public class LintBenchmarks
{
    private string _directory = string.Empty;

    [Params(1_000, 10_000)]
    public int Files { get; set; }

    [GlobalSetup]
    public void Generate()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"xcfg-bench-tree-{Files}");
        if (!Directory.Exists(_directory))
        {
            new ConfigTreeGenerator().Write(_directory, Files);
        }
    }

    [Benchmark]
    public int Lint() =>
        XcfgApp.Run(["lint", _directory], new CliConsole(TextWriter.Null, TextWriter.Null, () => Stream.Null, currentDirectory: _directory));
}
