using BenchmarkDotNet.Attributes;
using XenCfg.Analysis;
using XenCfg.Analysis.Formatting;
using XenCfg.Syntax;

namespace XenCfg.Benchmarks;

/// <summary>
/// Throughput on a corpus of real configs (issue 7): each benchmark handles one file per call, taking the corpus's
/// files in turn, so BenchmarkDotNet's mean is the time per file and its "Allocated" the allocation per file.
/// MB/s = average file size / mean; files/s = 1 / mean. <see cref="ParseCorpusAsOneFile"/> reads the corpus
/// repeated to ~20 MB as a single file (Xen's C parser reads the same at ~88 MB/s on this machine kind).
/// The corpus is the directory in XCFG_BENCH_CORPUS, else the shared corpus's real-world folder (found as the tests
/// find it: XCFG_CORPUS, or ../shared/corpus), else the repository's own tests/samples.
/// </summary>
[MemoryDiagnoser]
public class CorpusBenchmarks
{
    private const int TargetBytes = 20_000_000;

    private byte[][] _files = [];
    private SyntaxTree[] _trees = [];
    private byte[] _oneFile = [];
    private int _next;
    private readonly AnalysisOptions _options = new(Dialect.Xl);

    [GlobalSetup]
    public void Load()
    {
        var corpus = Corpus.Directory();
        _files = [.. Corpus.Files(corpus).Select(File.ReadAllBytes)];
        _trees = [.. _files.Select(bytes => SyntaxTree.ParseBytes(bytes))];
        var pass = _files.Sum(bytes => (long)bytes.Length);

        // A file that lacks its last newline would glue its last line to the next file's first.
        var joined = _files.SelectMany(bytes => bytes.Length > 0 && bytes[^1] != (byte)'\n' ? [.. bytes, (byte)'\n'] : bytes).ToArray();
        var repeats = (int)Math.Ceiling(TargetBytes / (double)joined.Length);
        _oneFile = [.. Enumerable.Repeat(joined, repeats).SelectMany(bytes => bytes)];
        Console.WriteLine($"// corpus {corpus}: {_files.Length} files, {pass:N0} bytes, average file {pass / (double)_files.Length:N0} bytes; one file of {_oneFile.Length:N0} bytes");
    }

    [Benchmark(Description = "parse one file (lossless tree and its diagnostics)")]
    public int ParseFile() => SyntaxTree.ParseBytes(NextFile()).GetDiagnostics().Length;

    [Benchmark(Description = "format one parsed file")]
    public int FormatFile() => ConfigFormatter.FormatText(NextTree())?.Length ?? 0;

    // A fresh tree each call: the semantic model is cached per tree, and a lint reads each file once.
    [Benchmark(Description = "lint one file (parse, then every single-file rule)")]
    public int LintFile() => ConfigAnalyzer.Analyze(SyntaxTree.ParseBytes(NextFile()), _options).Length;

    [Benchmark(Description = "parse the corpus repeated to ~20 MB as one file")]
    public int ParseCorpusAsOneFile() => SyntaxTree.ParseBytes(_oneFile).GetDiagnostics().Length;

    private byte[] NextFile() => _files[_next++ % _files.Length];

    private SyntaxTree NextTree() => _trees[_next++ % _trees.Length];
}

/// <summary>Where the corpus benchmarks find their configs.</summary>
internal static class Corpus
{
    public static string Directory()
    {
        if (Environment.GetEnvironmentVariable("XCFG_BENCH_CORPUS") is { Length: > 0 } chosen)
        {
            return Path.GetFullPath(chosen);
        }

        // The shared corpus as the tests find it (XCFG_CORPUS, or ../shared/corpus), else the repository's samples.
        return XenCfg.TestKit.Corpus.Root is not null ? XenCfg.TestKit.Corpus.RealWorld : Path.Combine(RepositoryRoot(), "tests", "samples");
    }

    /// <summary>Every file below the directory but the corpus's own bookkeeping (MANIFEST.tsv, README.md).</summary>
    public static IEnumerable<string> Files(string directory) =>
        System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) is not ("MANIFEST.tsv" or "README.md"))
            .Order(StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "XenCfgTools.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository (XenCfgTools.sln) is not above " + AppContext.BaseDirectory);
    }
}
