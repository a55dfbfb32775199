using XenCfg.Syntax;

namespace XenCfg.Analysis.Tests.Workspace;

public class SuppressionTests
{
    private static List<(string Id, int Line)> Findings(string text)
    {
        var tree = SyntaxTree.Parse(text, filePath: "/t.cfg");
        return [.. ConfigAnalyzer.Analyze(tree, AnalysisOptions.Default).Select(d => (d.Id, tree.Text.Lines.GetLinePosition(d.Span.Start).Line + 1))];
    }

    [Fact]
    public void Disable_next_line_silences_only_that_id_on_the_next_line()
    {
        var found = Findings("name = 'a'\n# xcfg-disable-next-line XCFG0100\nmemroy = 1\nmemroi = 2\n");

        Assert.Equal([("XCFG0100", 4)], found);
    }

    [Fact]
    public void Disable_next_line_without_ids_silences_everything_on_the_next_line()
    {
        Assert.Empty(Findings("name = 'a'\n# xcfg-disable-next-line\nmemroy = 0512M\n"));
    }

    [Fact]
    public void Disable_and_enable_delimit_a_region()
    {
        var found = Findings("name = 'a'\n# xcfg-disable XCFG0100\nmemroy = 1\nmemroi = 2\n# xcfg-enable XCFG0100\nmemrou = 3\n");

        Assert.Equal([("XCFG0100", 6)], found);
    }

    [Fact]
    public void Disable_without_enable_lasts_to_the_end_of_the_file()
    {
        Assert.Empty(Findings("name = 'a'\n# xcfg-disable XCFG0100\nmemroy = 1\n\nmemroi = 2\n"));
    }

    [Fact]
    public void A_suppression_that_suppresses_nothing_is_reported_where_it_is()
    {
        var tree = SyntaxTree.Parse("name = 'a'\n# xcfg-disable-next-line XCFG0100\nmemory = 1\n", filePath: "/t.cfg");

        var unused = Assert.Single(ConfigAnalyzer.Analyze(tree, AnalysisOptions.Default));

        Assert.Equal("XCFG0901", unused.Id);
        Assert.Equal("# xcfg-disable-next-line XCFG0100", tree.Text.ToString(unused.Span));
        Assert.Equal("this `xcfg-disable-next-line` comment suppresses nothing (XCFG0100 is not reported there): remove it, or correct the ID", unused.Message);
    }

    [Fact]
    public void An_unknown_id_is_reported()
    {
        var found = Findings("name = 'a'\n# xcfg-disable-next-line XCFG100\nmemroy = 1\n");

        Assert.Equal([("XCFG0902", 2), ("XCFG0100", 3)], found);
    }

    [Fact]
    public void A_trailing_comment_directive_counts_from_its_own_line()
    {
        var found = Findings("name = 'a'\nvcpus = 1 # xcfg-disable-next-line XCFG0100\nmemroy = 1\nmemroi = 2\n");

        Assert.Equal([("XCFG0100", 4)], found);
    }

    [Fact]
    public void Severity_overrides_apply_to_suppression_warnings_too()
    {
        var tree = SyntaxTree.Parse("name = 'a'\n# xcfg-disable-next-line XCFG0100\nmemory = 1\n", filePath: "/t.cfg");
        var options = AnalysisOptions.Default with { SeverityOverrides = AnalysisOptions.Default.SeverityOverrides.Add("XCFG0901", RuleSeverity.Off) };

        Assert.Empty(ConfigAnalyzer.Analyze(tree, options));
    }

    [Fact]
    public void A_suppression_of_a_rule_turned_off_is_not_reported_unused()
    {
        var tree = SyntaxTree.Parse("name = 'a'\n# xcfg-disable-next-line XCFG0100\nmemroy = 1\n", filePath: "/t.cfg");
        var options = AnalysisOptions.Default with { SeverityOverrides = AnalysisOptions.Default.SeverityOverrides.Add("XCFG0100", RuleSeverity.Off) };

        Assert.Empty(ConfigAnalyzer.Analyze(tree, options));
    }

    [Fact]
    public void A_rule_lists_at_most_a_thousand_findings_per_file_and_says_how_many_more()
    {
        var text = "name = 'a'\n" + string.Concat(Enumerable.Range(0, 1500).Select(i => $"memroy{i} = 1\n"));
        var diagnostics = ConfigAnalyzer.Analyze(SyntaxTree.Parse(text, filePath: "/t.cfg"), AnalysisOptions.Default);

        Assert.Equal(1000, diagnostics.Count(d => d.Id == "XCFG0100"));
        var note = Assert.Single(diagnostics, d => d.Id == "XCFG0903");
        Assert.Equal("`XCFG0100` was found 500 more times in this file; only the first 1000 are listed", note.Message);
    }
}
