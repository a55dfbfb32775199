using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.Text;

namespace XenCfg.Syntax.Tests;

public class SourceTextSearchTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4091)]
    [InlineData(4093)]
    [InlineData(4094)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(9000)]
    public void Finds_a_value_wherever_it_lies_also_across_the_reading_windows(int at)
    {
        var plain = new string('x', at) + "xcfg-" + new string('y', 5000);
        Assert.True(SourceTextSearch.Contains(SourceText.From(plain), "xcfg-"));

        // A text built by edits (as the language server's is) answers the same.
        var edited = SourceText.From(new string('x', at) + "xcfgZ" + new string('y', 5000));
        edited = edited.WithChanges(new TextChange(new TextSpan(at + 4, 1), "-"));
        Assert.True(SourceTextSearch.Contains(edited, "xcfg-"));
    }

    [Fact]
    public void Says_no_when_the_value_is_absent_or_cut_off_by_the_end()
    {
        Assert.False(SourceTextSearch.Contains(SourceText.From(new string('x', 10000) + "xcfg"), "xcfg-"));
        Assert.False(SourceTextSearch.Contains(SourceText.From(string.Empty), "xcfg-"));
    }
}
