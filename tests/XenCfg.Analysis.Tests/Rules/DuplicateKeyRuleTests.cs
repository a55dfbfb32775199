using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class DuplicateKeyRuleTests
{
    [Fact]
    public void The_ignored_assignment_is_reported_with_the_line_that_wins() =>
        RuleAssert.ReportsWithSeverity("XCFG0103", "name = 'a'\n[|memory|] = 512\nvcpus = 2\nmemory = 1024\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`memory` is set again on line 4, and the last assignment wins: this value is ignored; remove one of them");

    [Fact]
    public void The_related_location_points_at_the_winning_assignment()
    {
        var diagnostic = RuleAssert.Single("XCFG0103", "memory = 512\nmemory = 1024\n");

        var related = Assert.Single(diagnostic.RelatedLocations);
        Assert.Equal(1, related.LineSpan.Start.Line);
        Assert.Equal(0, related.LineSpan.Start.Character);
        Assert.Equal("/etc/xen/test.cfg", related.FilePath);
        Assert.Equal("`memory` is set again here", related.Message);
    }

    [Fact]
    public void Each_replaced_assignment_points_at_the_next_one() =>
        RuleAssert.Reports("XCFG0103", "[|kernel|] = '/a'\n[|kernel|] = '/b'\nkernel = '/c'\n",
            "`kernel` is set again on line 2, and the last assignment wins: this value is ignored; remove one of them",
            "`kernel` is set again on line 3, and the last assignment wins: this value is ignored; remove one of them");

    [Fact]
    public void A_python_config_read_by_xm_keeps_the_last_assignment_too() =>
        RuleAssert.Reports("XCFG0103", "name = 'a'\n[|disk|] = [ 'phy:/dev/vg/a,xvda,w' ]\ndisk = [ 'phy:/dev/vg/b,xvda,w' ]\n", Dialect.Xm,
            "`disk` is set again on line 3, and the last assignment wins: this value is ignored; remove one of them");

    [Theory]
    [InlineData("extra = 'a'\nextra += ' b'\n")]
    [InlineData("name = 'a'\nmemory = 512\n")]
    [InlineData("disk = [ '/dev/vg/a,,xvda' ]\ndisk += [ '/dev/vg/b,,xvdb' ]\n")]
    public void Appending_and_single_assignments_are_fine(string text) => RuleAssert.Silent("XCFG0103", text);

    [Fact]
    public void An_assignment_appended_to_before_being_replaced_is_still_reported_once() =>
        RuleAssert.Reports("XCFG0103", "extra = 'a'\n[|extra|] += 'b'\nextra = 'c'\n",
            "`extra` is set again on line 3, and the last assignment wins: this value is ignored; remove one of them");
}
