using Xunit.Abstractions;
using XenCfg.Syntax.Text;

namespace XenCfg.Syntax.Tests.Pathological;

/// <summary>The pathological tests measure time and memory, so nothing may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PathologicalTestGroup
{
    public const string Name = "Pathological inputs";
}

/// <summary>
/// Hostile and huge inputs (issue 7): each parses without a stack overflow, in time linear in its size, with the
/// tree keeping at most 10x the input's bytes (see <see cref="PathologicalInputs"/> for how that is measured).
/// The limits are generous on purpose: these tests guard against blow-ups (quadratic time, a node per byte),
/// not for speed.
/// </summary>
[Collection(PathologicalTestGroup.Name)]
public class PathologicalInputTests(ITestOutputHelper output)
{
    private const double MaxSeconds = 60;
    private const double MaxRetainedRatio = 10;

    /// <summary>Four times the input may take at most this many times the processor time: linear is 4, quadratic 16.</summary>
    private const double MaxGrowth = 10;

    /// <summary>Below this a time is noise, so the growth is measured against at least this.</summary>
    private static readonly TimeSpan TimeFloor = TimeSpan.FromMilliseconds(100);

    /// <summary>Each input at the size issue 7 names (the second size is the one the growth is measured from).</summary>
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
        var small = generate(size / 4);
        var quarterBytes = small.Length;
        var quarter = PathologicalInputs.MeasureParse(small);

        // The faster of two runs: a collection that happens to fall into a run of a fraction of a second doubles it.
        // (The second tree shares green nodes with the first through the cache, so only its time is used.)
        var again = PathologicalInputs.MeasureParse(small);
        quarter.ProcessorTime = again.ProcessorTime < quarter.ProcessorTime ? again.ProcessorTime : quarter.ProcessorTime;
        small = null;
        again = default;
        var bytes = generate(size);
        var (elapsed, processorTime, retained, tree) = PathologicalInputs.MeasureParse(bytes);
        var growth = processorTime / Max(quarter.ProcessorTime, TimeFloor);
        var ratio = (double)retained / bytes.Length;
        output.WriteLine($"{input}: {bytes.Length:N0} bytes parsed in {elapsed.TotalSeconds:F2} s, processor {processorTime.TotalSeconds:F2} s "
            + $"({quarterBytes:N0} bytes: processor {quarter.ProcessorTime.TotalSeconds:F2} s; growth {growth:F1}); tree keeps {retained:N0} bytes = {ratio:F2}x the input "
            + $"({quarter.RetainedBytes / (double)quarterBytes:F2}x at a quarter); {tree.GetDiagnostics().Length} diagnostics");

        Assert.True(elapsed.TotalSeconds < MaxSeconds, $"{elapsed.TotalSeconds:F1} s");
        Assert.True(growth < MaxGrowth, $"4x the input took {growth:F1}x as long");
        Assert.True(ratio < MaxRetainedRatio, $"the tree keeps {ratio:F2}x the input");
        Assert.Equal(tree.Text.Length, tree.Root.FullSpan.Length);
        if (bytes.Length <= 50_000_000)
        {
            Assert.True(ConfigFileEncoding.Encode(tree.Root.ToFullString()).AsSpan().SequenceEqual(bytes), "the tree does not give the bytes back");
        }
    }

    /// <summary>
    /// Walking every token of a file with a million statements is linear too: the red tree computes a child's
    /// position from its left sibling, not by summing the widths of all the children before it.
    /// </summary>
    [Fact]
    public void Walking_the_tokens_of_a_million_lines_is_linear()
    {
        TimeSpan Walk(int lines)
        {
            var tree = SyntaxTree.Parse(string.Concat(Enumerable.Repeat("a = 1\n\n", lines / 2)));
            return PathologicalInputs.ProcessorTime(() => Assert.Equal(lines / 2 * 5 + 1, tree.Root.DescendantTokens().Count()));
        }

        _ = Walk(1000);
        var quarter = Walk(250_000);
        var full = Walk(1_000_000);
        output.WriteLine($"250,000 lines walked in {quarter.TotalSeconds:F2} s, 1,000,000 in {full.TotalSeconds:F2} s");

        Assert.True(full / Max(quarter, TimeFloor) < MaxGrowth, $"{full.TotalSeconds:F2} s against {quarter.TotalSeconds:F2} s");
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

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>What a file sets (<see cref="ConfigSettings"/>) on huge inputs.</summary>
[Collection(PathologicalTestGroup.Name)]
public class PathologicalSettingsTests(ITestOutputHelper output)
{
    /// <summary>
    /// A key appended to with '+=' on every line: the effective value is built once, not copied on every append
    /// (which was quadratic: 200,000 appends to a string copied about 20 GB of characters).
    /// </summary>
    [Theory]
    [InlineData("extra += 'x'\n", 'x')]
    [InlineData("disk += [ 'a' ]\n", 'a')]
    public void Appending_on_every_line_is_linear(string line, char item)
    {
        TimeSpan Read(int lines, out ConfigValue? value)
        {
            var tree = SyntaxTree.Parse(string.Concat(Enumerable.Repeat(line, lines)));
            ConfigSettings? settings = null;
            var elapsed = PathologicalInputs.ProcessorTime(() => settings = ConfigSettings.From(tree));
            value = settings![settings.Keys.Single()];
            return elapsed;
        }

        _ = Read(1000, out _);
        var quarter = Read(50_000, out _);
        var full = Read(200_000, out var value);
        output.WriteLine($"{line.Trim()}: 50,000 lines in {quarter.TotalSeconds:F2} s, 200,000 in {full.TotalSeconds:F2} s");

        switch (value)
        {
            case StringConfigValue text:
                Assert.Equal(new string(item, 200_000), text.Value);
                break;
            case ListConfigValue list:
                Assert.Equal(200_000, list.Items.Length);
                break;
        }

        Assert.True(full.TotalSeconds < 20, $"{full.TotalSeconds:F1} s");
        Assert.True(full / (quarter > TimeSpan.FromMilliseconds(100) ? quarter : TimeSpan.FromMilliseconds(100)) < 10, $"{full.TotalSeconds:F2} s against {quarter.TotalSeconds:F2} s");
    }
}
