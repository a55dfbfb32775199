using XenCfg.Syntax.Text;
using XenCfg.TestKit;

namespace XenCfg.Syntax.Tests.Regressions;

/// <summary>
/// Inputs the fuzzer (tests/XenCfg.Fuzzing) found that crashed or hung the parser, each kept as bytes with the
/// property it broke. A hang is caught by a deadline instead of hanging the test run.
/// </summary>
public class ParserRegressionTests
{
    private static readonly TimeSpan Deadline = HangGuard.Limit;

    /// <summary>Parses in both dialects on another thread and fails if that takes longer than the deadline.</summary>
    internal static SyntaxTree[] ParseWithinDeadline(byte[] bytes)
    {
        var parse = Task.Run(() => new[] { SyntaxTree.ParseBytes(bytes), SyntaxTree.ParseBytes(bytes, ParseOptions.Xm) });
        Assert.True(parse.Wait(Deadline), $"parsing {bytes.Length} bytes did not finish within {Deadline.TotalSeconds} s");
        var trees = parse.Result;
        foreach (var tree in trees)
        {
            Assert.Equal(ConfigFileEncoding.Decode(bytes), tree.Root.ToFullString());
            Assert.All(tree.GetDiagnostics(), diagnostic => Assert.InRange(diagnostic.Span.End, 0, tree.Text.Length));
        }

        return trees;
    }

    /// <summary>
    /// AFL (parser target, 68 "hangs" from one cause): a Python block whose indented line starts with ';'. The
    /// block loop consumed nothing on such a line and asked again whether the next line was indented, forever.
    /// </summary>
    [Fact]
    public void A_python_block_line_that_starts_with_a_semicolon_does_not_hang()
    {
        var trees = ParseWithinDeadline("<:\n ;"u8.ToArray());

        Assert.Single(trees[0].Root.Statements);
    }

    [Fact]
    public void Semicolons_inside_a_python_block_belong_to_the_block()
    {
        var trees = ParseWithinDeadline("if x:\n    a = 1; b = 2\n    ;\nname = 'vm'\n"u8.ToArray());

        var statements = trees[0].Root.Statements.ToList();
        Assert.Equal([SyntaxKind.PythonStatement, SyntaxKind.Assignment], statements.Select(statement => statement.Kind));
        Assert.Equal("name", ((AssignmentSyntax)statements[1]).KeyName);
    }

    /// <summary>The original input AFL reported (an xm config with a few bytes mutated), kept as found.</summary>
    [Fact]
    public void The_original_hanging_xm_config_parses()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Regressions", "python-block-semicolon-hang.cfg");

        ParseWithinDeadline(File.ReadAllBytes(path));
    }
}
