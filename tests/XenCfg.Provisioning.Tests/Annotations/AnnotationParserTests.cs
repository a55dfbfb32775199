using XenCfg.Analysis.Provisioning;

namespace XenCfg.Provisioning.Tests.Annotations;

public class AnnotationParserTests
{
    private static ProvisioningAnnotation Parse(string comment, int start = 100) =>
        AnnotationParser.Parse(comment, start, line: 3, isOwnLine: false) ?? throw new InvalidOperationException("not an annotation");

    [Theory]
    [InlineData("# xcfg: size=2G")]
    [InlineData("#xcfg:size=2G")]
    [InlineData("#   xcfg:\tsize=2G")]
    public void Comments_starting_with_the_marker_are_annotations(string comment) =>
        Assert.Equal(("size", "2G"), Parse(comment).Items.Select(item => (item.Key, item.Value)).Single());

    [Theory]
    [InlineData("# a comment mentioning xcfg: later")]
    [InlineData("# xcfg-disable-next-line XCFG0131")]
    [InlineData("# XCFG: size=2G")]
    [InlineData("# xcfg size=2G")]
    public void Other_comments_are_not_annotations(string comment) => Assert.Null(AnnotationParser.Parse(comment, 0, 0, false));

    [Fact]
    public void Items_keep_order_and_spans_into_the_file()
    {
        const string comment = "# xcfg: size=2G fs=ext4  populate=\"/srv/my root\"";
        var annotation = Parse(comment, start: 40);

        Assert.Empty(annotation.Problems);
        Assert.Equal(["size", "fs", "populate"], annotation.Items.Select(item => item.Key));
        var populate = annotation.Items[2];
        Assert.Equal("/srv/my root", populate.Value);
        Assert.Equal(40 + comment.IndexOf("/srv", StringComparison.Ordinal), populate.ValueSpan.Start);
        Assert.Equal("/srv/my root".Length, populate.ValueSpan.Length);
        Assert.Equal(40 + comment.IndexOf("populate", StringComparison.Ordinal), populate.KeySpan.Start);
        Assert.Equal(40 + comment.Length, populate.Span.End);
    }

    [Fact]
    public void A_carriage_return_at_the_end_is_the_line_end_not_part_of_a_value()
    {
        var annotation = Parse("# xcfg: size=2G\r");

        Assert.Empty(annotation.Problems);
        Assert.Equal("2G", annotation.Items.Single().Value);
    }

    [Theory]
    [InlineData("# xcfg: size", "`size` is not key=value: every item of an annotation is key=value (a value with blanks goes in double quotes)", "size")]
    [InlineData("# xcfg: =2G", "`=2G` has no key: write key=value", "=2G")]
    [InlineData("# xcfg: populate=\"/srv/a b", "the double quote is not closed: a quoted value ends with `\"` on the same line", "\"/srv/a b")]
    [InlineData("# xcfg: label=\"a\"b", "`b` follows the closing quote without a blank: put a blank between items", "b")]
    [InlineData("# xcfg: label=a\"b\"", "`label=a\"b\"` has a double quote inside its value: quote the whole value, as key=\"value\"", "label=a\"b\"")]
    [InlineData("# xcfg:", "the annotation is empty: write key=value items after `xcfg:`, e.g. `# xcfg: size=2G fs=ext4`", "# xcfg:")]
    public void Malformed_items_are_reported_with_their_span(string comment, string message, string underlined)
    {
        var problem = Assert.Single(Parse(comment, start: 0).Problems);

        Assert.Equal(message, problem.Message);
        Assert.Equal(underlined, comment.Substring(problem.Span.Start, problem.Span.Length));
    }

    [Fact]
    public void A_malformed_item_does_not_hide_the_others()
    {
        var annotation = Parse("# xcfg: size=2G oops fs=ext4");

        Assert.Single(annotation.Problems);
        Assert.Equal(["size", "fs"], annotation.Items.Select(item => item.Key));
    }

    [Theory]
    [InlineData("# xcfg: populate=\"/srv/a\u0007b\"", 0x7)]
    [InlineData("# xcfg: populate=/srv/\u001b[31m", 0x1b)]
    [InlineData("# xcfg: label=\"a\tb\"", 0x9)]
    public void Control_characters_in_values_are_refused(string comment, int character)
    {
        var annotation = Parse(comment);

        var problem = Assert.Single(annotation.Problems);
        Assert.Contains($"U+{character:X4}", problem.Message, StringComparison.Ordinal);
        Assert.Empty(annotation.Items);
    }
}
