using XenCfg.Analysis.Formatting;
using XenCfg.Syntax;
using XenCfg.Syntax.Tests.Pathological;
using XenCfg.TestKit;
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
/// internal error, and processor time that grows linearly with the size (measured up to a quarter of the size
/// below, as <see cref="Scaling"/> describes), then one run at the full size. Sizes are smaller than the parser's,
/// as these walk the whole red tree and report per setting.
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
        var warmUp = generate(16 * 1024);
        for (var i = 0; i < 20; i++)
        {
            _ = ParseAnalyzeAndFormat(warmUp);
        }

        var time = Scaling.ProcessorTime(Scaling.Doublings(size / 4), n =>
        {
            var bytes = generate(n);
            return () => ParseAnalyzeAndFormat(bytes);
        });
        var findings = ParseAnalyzeAndFormat(generate(size));
        output.WriteLine($"{input}: processor time (s) {time}; {findings} findings at {size:N0} bytes");

        Assert.True(time.Exponent < Scaling.LinearLimit, $"analysis and formatting grow faster than linearly: {time}");
    }

    /// <summary>
    /// Parses, analyzes and formats the bytes, checking that nothing fails; returns the number of findings. (A fresh
    /// tree each time: the semantic model is cached per tree, and a repeated run would time the cache.)
    /// </summary>
    private static int ParseAnalyzeAndFormat(byte[] bytes)
    {
        var tree = SyntaxTree.ParseBytes(bytes);
        var diagnostics = ConfigAnalyzer.Analyze(tree, AnalysisOptions.Default);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "XCFG0900");
        if (ConfigFormatter.FormatText(tree) is { } formatted)
        {
            Assert.Equal(tree.Root.DescendantTokens().Count(), SyntaxTree.Parse(formatted).Root.DescendantTokens().Count());
        }

        return diagnostics.Length;
    }
}
