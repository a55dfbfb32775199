using XenCfg.Analysis.Formatting;
using XenCfg.Syntax;
using XenCfg.Syntax.Tests.Pathological;
using Xunit.Abstractions;

namespace XenCfg.Analysis.Tests.Properties;

/// <summary>These tests compare timings, so nothing of this assembly may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PathologicalAnalysisTestGroup
{
    public const string Name = "Pathological analysis";
}

/// <summary>
/// The analyzer and the formatter on the pathological inputs of the syntax tests (issue 7): no exception, no
/// internal error, and processor time linear in the size (four times the input: less than ten times the time).
/// Sizes are smaller than the parser's, as these walk the whole red tree and report per setting.
/// </summary>
[Collection(PathologicalAnalysisTestGroup.Name)]
public class PathologicalAnalysisTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Cases => new()
    {
        { "valid settings", 5_000_000 },
        { "one huge line", 5_000_000 },
        { "empty lines", 1_000_000 },
        { "control bytes", 5_000_000 },
        { "NUL and control bytes in settings", 5_000_000 },
        { "invalid UTF-8 in settings", 5_000_000 },
        { "nested brackets in a setting", 100_000 },
        { "one long string", 10_000_000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analysis_and_formatting_are_linear_and_never_fail(string input, int size)
    {
        var generate = PathologicalInputs.All[input];
        _ = Run(generate(16 * 1024), out _);
        var quarter = Run(generate(size / 4), out _);
        var full = Run(generate(size), out var findings);
        output.WriteLine($"{input}: {size:N0} bytes analysed and formatted in {full.TotalSeconds:F2} s of processor time "
            + $"(a quarter: {quarter.TotalSeconds:F2} s); {findings} findings");

        Assert.True(full.TotalSeconds < 60, $"{full.TotalSeconds:F1} s");
        Assert.True(full / (quarter > TimeSpan.FromMilliseconds(100) ? quarter : TimeSpan.FromMilliseconds(100)) < 10,
            $"{full.TotalSeconds:F2} s against {quarter.TotalSeconds:F2} s for a quarter of the input");
    }

    private static TimeSpan Run(byte[] bytes, out int findings)
    {
        var tree = SyntaxTree.ParseBytes(bytes);
        var count = 0;
        var elapsed = PathologicalInputs.ProcessorTime(() =>
        {
            var diagnostics = ConfigAnalyzer.Analyze(tree, AnalysisOptions.Default);
            Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "XCFG0900");
            count = diagnostics.Length;
            if (ConfigFormatter.FormatText(tree) is { } formatted)
            {
                Assert.Equal(tree.Root.DescendantTokens().Count(), SyntaxTree.Parse(formatted).Root.DescendantTokens().Count());
            }
        });
        findings = count;
        return elapsed;
    }
}
