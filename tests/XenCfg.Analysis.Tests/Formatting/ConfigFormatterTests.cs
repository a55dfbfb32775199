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

    [Theory]
    // A block aligned to one column keeps it, a key too long for it keeps one space.
    [InlineData("name    = \"win1\"\nmemory  = 4096\nvnclisten = \"127.0.0.1\"\n", "name    = \"win1\"\nmemory  = 4096\nvnclisten = \"127.0.0.1\"\n")]
    // A key added without padding is padded to the block's column; a missing space is added.
    [InlineData("name   = 'a'\nvcpus = 2\nmemory=512\n", "name   = 'a'\nvcpus  = 2\nmemory = 512\n")]
    // Comment lines and a list's continuation lines stay in the block; a blank line starts a new one.
    [InlineData("name   = 'a'\n# disks\ndisk   = [ 'x',\n  'y' ]\nvif = []\n\nkernel   = 'k'\nroot = 'r'\n", "name   = 'a'\n# disks\ndisk   = [ 'x',\n           'y' ]\nvif    = []\n\nkernel   = 'k'\nroot     = 'r'\n")]
    // Padding to two different columns is no alignment: one space everywhere.
    [InlineData("name  = 'a'\nmemory   = 512\n", "name = 'a'\nmemory = 512\n")]
    // A lone setting with extra blanks has nothing to line up with.
    [InlineData("name    = 'a'\n\nmemory = 512\n", "name = 'a'\n\nmemory = 512\n")]
    // Tabs do not align (their width is the reader's): one space.
    [InlineData("name\t= 'a'\nmemory\t= 512\n", "name = 'a'\nmemory = 512\n")]
    // Only the first setting of a line is aligned; `+=` aligns like `=`.
    [InlineData("a   = 1;  b   = 2\nccc += 3\n", "a   = 1; b = 2\nccc += 3\n")]
    public void Consistent_alignment_of_equals_is_kept(string input, string expected)
    {
        var formatted = ConfigFormatter.FormatText(SyntaxTree.Parse(input));

        Assert.Equal(expected, formatted);
        Assert.Equal(expected, ConfigFormatter.FormatText(SyntaxTree.Parse(expected)));
    }

    [Theory]
    // After `[ 'first',` the items line up under the first; the closing bracket stays at the end of the last item.
    [InlineData("disk = [ 'a',\n'b',\n        'c' ]\n", "disk = [ 'a',\n         'b',\n         'c' ]\n")]
    // A closing bracket on its own line lines up with its `[`.
    [InlineData("disk = [ 'a',\n 'b'\n]\n", "disk = [ 'a',\n         'b'\n       ]\n")]
    // After a `[` that ends its line: four spaces more than that line, the `]` at the line's indentation.
    [InlineData("x = [\n'a', [ 'b',\n'c' ],\n[\n'd'\n]\n]\n", "x = [\n    'a', [ 'b',\n           'c' ],\n    [\n        'd'\n    ]\n]\n")]
    // A comment line inside a list lines up with its items.
    [InlineData("vif = [ 'a',\n# second\n'b' ]\n", "vif = [ 'a',\n        # second\n        'b' ]\n")]
    public void Continuation_lines_of_a_list_line_up_with_its_items(string input, string expected)
    {
        var formatted = ConfigFormatter.FormatText(SyntaxTree.Parse(input));

        Assert.Equal(expected, formatted);
        Assert.Equal(expected, ConfigFormatter.FormatText(SyntaxTree.Parse(expected)));
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
