using FsCheck.Xunit;
using XenCfg.Analysis.Formatting;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Tests.Formatting;

public class ConfigFormatterTests
{
    [Theory]
    [InlineData("name=\"x\"\n", "name = \"x\"\n")]
    [InlineData("  memory   +=   512   \n", "memory += 512\n")]
    [InlineData("x = 1   # note\n", "x = 1 # note\n")]
    [InlineData("x = 1#note\n", "x = 1 #note\n")]
    [InlineData("   # indented comment\n", "# indented comment\n")]
    [InlineData("disk=['a','b']\n", "disk = [ 'a', 'b' ]\n")]
    [InlineData("x = [   ]\n", "x = []\n")]
    [InlineData("a = 1 ;b = 2\n", "a = 1; b = 2\n")]
    [InlineData("x = [ [1] , 2 ]\n", "x = [ [ 1 ], 2 ]\n")]
    [InlineData("disk = [\n'a',\n\t\t'b' ,\n  # c\n        ]\n", "disk = [\n    'a',\n    'b',\n    # c\n]\n")]
    [InlineData("x = [\n  [\n 'a'\n ]\n]\n", "x = [\n    [\n        'a'\n    ]\n]\n")]
    [InlineData("x = 1", "x = 1")]
    [InlineData("\t\n   \n", "\n\n")]
    public void Formats_blanks_only(string input, string expected)
    {
        var formatted = ConfigFormatter.FormatText(SyntaxTree.Parse(input));

        Assert.Equal(expected, formatted);
    }

    [Fact]
    public void A_file_with_syntax_errors_is_not_formatted()
    {
        Assert.Null(ConfigFormatter.Format(SyntaxTree.Parse("x = 'a\ny  =  1\n")));
    }

    [Fact]
    public void Python_under_the_xm_dialect_is_left_exactly_as_written()
    {
        var input = "import   os\ndef f( x ):\n    return  x\nname = \"vm%d\"   %   vmid\nmemory=512\n";

        var formatted = ConfigFormatter.FormatText(SyntaxTree.Parse(input, ParseOptions.Xm));

        Assert.Equal("import   os\ndef f( x ):\n    return  x\nname = \"vm%d\"   %   vmid\nmemory = 512\n", formatted);
    }

    [Fact]
    public void Range_formatting_touches_only_the_lines_in_the_range()
    {
        var tree = SyntaxTree.Parse("a=1\nb=2\nc=3\n");
        var secondLine = tree.Text.Lines[1].Span;

        var changes = ConfigFormatter.Format(tree, secondLine)!.Value;

        Assert.Equal("a=1\nb = 2\nc=3\n", tree.Text.WithChanges(changes).ToString());
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Syntax.Tests.ConfigArbitraries)])]
    public bool Formatting_is_idempotent_and_changes_no_token(Syntax.Tests.ValidConfig config)
    {
        var tree = SyntaxTree.Parse(config.Text);
        var once = ConfigFormatter.FormatText(tree)!;
        var onceTree = SyntaxTree.Parse(once);
        var twice = ConfigFormatter.FormatText(onceTree);
        var tokensBefore = tree.Root.DescendantTokens().Select(token => (token.Kind, token.Text));
        var tokensAfter = onceTree.Root.DescendantTokens().Select(token => (token.Kind, token.Text));
        return once == twice && tokensBefore.SequenceEqual(tokensAfter) && onceTree.GetDiagnostics().IsEmpty;
    }
}
