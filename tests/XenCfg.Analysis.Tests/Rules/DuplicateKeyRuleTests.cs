namespace XenCfg.Analysis.Tests.Rules;

public class DuplicateKeyRuleTests
{
    [Fact]
    public void The_ignored_assignment_is_reported_with_the_line_that_wins()
    {
        RuleAssert.Reports("XCFG0103", "name = 'a'\n[|memory|] = 512\nvcpus = 2\nmemory = 1024\n",
            "`memory` is set again on line 4, and the last assignment wins: this value is ignored; remove one of them");
    }

    [Fact]
    public void The_related_location_points_at_the_winning_assignment()
    {
        var diagnostic = Assert.Single(RuleAssert.Analyze("memory = 512\nmemory = 1024\n"), d => d.Id == "XCFG0103");

        var related = Assert.Single(diagnostic.RelatedLocations);
        Assert.Equal(1, related.LineSpan.Start.Line);
        Assert.Equal("/etc/xen/test.cfg", related.FilePath);
    }

    [Theory]
    [InlineData("extra = 'a'\nextra += ' b'\n")]
    [InlineData("name = 'a'\nmemory = 512\n")]
    public void Appending_and_single_assignments_are_fine(string text) => RuleAssert.Silent("XCFG0103", text);

    [Fact]
    public void An_assignment_appended_to_before_being_replaced_is_still_reported_once() =>
        RuleAssert.Reports("XCFG0103", "extra = 'a'\n[|extra|] += 'b'\nextra = 'c'\n");
}
