using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class CmdlineOverridesRootRuleTests
{
    [Fact]
    public void Root_and_extra_are_reported_when_cmdline_is_set() =>
        RuleAssert.ReportsWithSeverity("XCFG0151", "name = 'a'\ncmdline = \"console=hvc0\"\n[|root|] = \"/dev/xvda1\"\n[|extra|] = \"quiet\"\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`root` is ignored: `cmdline` is set, and xl then passes cmdline alone to the kernel; move this into cmdline or remove cmdline",
            "`extra` is ignored: `cmdline` is set, and xl then passes cmdline alone to the kernel; move this into cmdline or remove cmdline");

    [Fact]
    public void Only_the_key_that_is_set_is_reported_wherever_cmdline_is() =>
        RuleAssert.Reports("XCFG0151", "name = 'a'\n[|extra|] = \"SHOULD BE IGNORED\"\ncmdline = \"root=/dev/xvda1 console=hvc0\"\n",
            "`extra` is ignored: `cmdline` is set, and xl then passes cmdline alone to the kernel; move this into cmdline or remove cmdline");

    [Fact]
    public void The_assignment_that_counts_is_the_one_reported() =>
        RuleAssert.Reports("XCFG0151", "name = 'a'\ncmdline = 'console=hvc0'\nextra = 'a'\n[|extra|] += ' b'\n",
            "`extra` is ignored: `cmdline` is set, and xl then passes cmdline alone to the kernel; move this into cmdline or remove cmdline");

    [Theory]
    [InlineData("name = 'a'\nroot = \"/dev/xvda1\"\nextra = \"quiet\"\n")]
    [InlineData("name = 'a'\ncmdline = \"root=/dev/xvda1 quiet\"\n")]
    [InlineData("name = 'a'\ncmdline = [ \"x\" ]\nroot = \"/dev/xvda1\"\n")]
    public void Root_and_extra_without_cmdline_or_cmdline_alone_are_fine(string text) =>
        RuleAssert.Silent("XCFG0151", text);

    [Fact]
    public void Xm_has_no_cmdline_so_root_and_extra_are_used_there() =>
        RuleAssert.Silent("XCFG0151", "name = 'a'\ncmdline = \"console=hvc0\"\nroot = \"/dev/xvda1\"\nextra = \"quiet\"\n", Dialect.Xm);
}
