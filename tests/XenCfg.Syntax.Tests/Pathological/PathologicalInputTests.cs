using Xunit.Abstractions;
using XenCfg.Syntax.Text;
using XenCfg.TestKit;

namespace XenCfg.Syntax.Tests.Pathological;

/// <summary>The pathological tests measure time and memory, so nothing may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PathologicalTestGroup
{
    public const string Name = "Pathological inputs";
}

/// <summary>
/// Hostile and huge inputs (issue 7): each parses without a stack overflow, with processor time and kept memory
/// that grow linearly with its size (see <see cref="Scaling"/> for how growth is measured so that a busy machine
/// cannot fail linear code), and with the tree keeping at most 10x the input's bytes at the size issue 7 names (see
/// <see cref="PathologicalInputs"/> for how that is measured). These tests guard against blow-ups (quadratic time, a
/// node per byte), not for speed: speed is measured by the benchmarks.
/// </summary>
[Collection(PathologicalTestGroup.Name)]
public class PathologicalInputTests(ITestOutputHelper output)
{
    private const double MaxRetainedRatio = 10;

    /// <summary>
    /// Each input at the size issue 7 names; processor time's growth is measured up to an eighth of it, memory's from
    /// an eighth to the full size.
    /// </summary>
    public static TheoryData<string, int> Cases => new()
    {
        { "nested brackets", 100_000 },
        { "nested brackets in a setting", 100_000 },
        { "nested parentheses", 100_000 },
        { "nested lists and tuples", 100_000 },
        { "unary operators", 100_000 },
        { "valid settings", 100_000_000 },
        { "one long string", 10_000_000 },
        { "empty lines", 1_000_000 },
        { "NUL bytes", 10_000_000 },
        { "control bytes", 10_000_000 },
        { "NUL and control bytes in settings", 10_000_000 },
        { "invalid UTF-8", 10_000_000 },
        { "invalid UTF-8 in settings", 10_000_000 },
        { "one huge line", 50_000_000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parses_in_linear_time_and_memory_within_10x(string input, int size)
    {
        var generate = PathologicalInputs.All[input];
        PathologicalInputs.WarmUp(generate);

        var (time, memory, bytes, tree, retained) = PathologicalInputs.MeasureParse(generate, size / 8, size);
        var ratio = (double)retained / bytes.Length;
        output.WriteLine($"{input}: processor time (s) {time}");
        output.WriteLine($"{input}: kept memory (bytes) {memory}; at {bytes.Length:N0} bytes the tree keeps {ratio:F2}x the input; "
            + $"{tree.GetDiagnostics().Length} diagnostics");

        Assert.True(time.Exponent < Scaling.LinearLimit, $"processor time grows faster than linearly: {time}");
        Assert.True(memory.Exponent < Scaling.LinearLimit, $"kept memory grows faster than linearly: {memory}");
        Assert.True(ratio < MaxRetainedRatio, $"the tree keeps {ratio:F2}x the input");
        Assert.Equal(tree.Text.Length, tree.Root.FullSpan.Length);
        Assert.True(ConfigFileEncoding.Encode(tree.Root.ToFullString()).AsSpan().SequenceEqual(bytes), "the tree does not give the bytes back");
    }

    /// <summary>
    /// Walking every token of a file of hundreds of thousands of statements is linear too: the red tree computes a
    /// child's position from its left sibling, not by summing the widths of all the children before it. (Each run
    /// parses afresh: red nodes are cached once made, and a second walk of one tree would time the cache.)
    /// </summary>
    [Fact]
    public void Walking_every_token_is_linear_in_the_number_of_lines()
    {
        var time = Scaling.ProcessorTime(Scaling.Doublings(500_000), lines =>
        {
            var text = string.Concat(Enumerable.Repeat("a = 1\n\n", lines / 2));
            return () => Assert.Equal(lines / 2 * 5 + 1, SyntaxTree.Parse(text).Root.DescendantTokens().Count());
        });
        output.WriteLine($"walking the tokens: {time}");

        Assert.True(time.Exponent < Scaling.LinearLimit, $"walking the tokens grows faster than linearly: {time}");
    }

    /// <summary>A flood of the same mistake keeps the first thousand diagnostics of its kind, which is what bounds the memory.</summary>
    [Fact]
    public void A_million_broken_lines_keep_a_thousand_diagnostics_of_each_kind_and_stay_unreadable_by_xl()
    {
        var tree = SyntaxTree.Parse(string.Concat(Enumerable.Repeat("x\n", 1_000_000)));

        var diagnostics = tree.GetDiagnostics();
        Assert.All(diagnostics.GroupBy(diagnostic => diagnostic.Id), group => Assert.Equal(1000, group.Count()));
        Assert.False(tree.IsReadableByXl);
        Assert.Equal(1_000_001, tree.Root.ChildCount);
    }
}

/// <summary>What a file sets (<see cref="ConfigSettings"/>) on huge inputs.</summary>
[Collection(PathologicalTestGroup.Name)]
public class PathologicalSettingsTests(ITestOutputHelper output)
{
    /// <summary>
    /// A key appended to with '+=' on every line: the effective value is built once, not copied on every append
    /// (which was quadratic: 200,000 appends to a string copied about 20 GB of characters, 100,000 about 5 GB).
    /// </summary>
    [Theory]
    [InlineData("extra += 'x'\n", 'x')]
    [InlineData("disk += [ 'a' ]\n", 'a')]
    public void Appending_on_every_line_is_linear(string line, char item)
    {
        var time = Scaling.ProcessorTime(Scaling.Doublings(100_000), lines =>
        {
            var tree = SyntaxTree.Parse(string.Concat(Enumerable.Repeat(line, lines)));
            return () =>
            {
                var settings = ConfigSettings.From(tree);
                switch (settings[settings.Keys.Single()])
                {
                    case StringConfigValue text:
                        Assert.Equal(new string(item, lines), text.Value);
                        break;
                    case ListConfigValue list:
                        Assert.Equal(lines, list.Items.Length);
                        break;
                    case var other:
                        Assert.Fail($"unexpected value {other}");
                        break;
                }
            };
        });
        output.WriteLine($"{line.Trim()}: {time}");

        Assert.True(time.Exponent < Scaling.LinearLimit, $"appending grows faster than linearly: {time}");
    }
}
