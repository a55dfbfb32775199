namespace XenCfg.Analysis.Tests.Rules;

public class CmdlineOverridesRootRuleTests
{
    [Fact]
    public void Root_and_extra_are_reported_when_cmdline_is_set() =>
        RuleAssert.Reports("XCFG0151", "name = 'a'\ncmdline = \"console=hvc0\"\n[|root|] = \"/dev/xvda1\"\n[|extra|] = \"quiet\"\n",
            "`root` is ignored: `cmdline` is set, and xl then passes cmdline alone to the kernel; move this into cmdline or remove cmdline",
            "`extra` is ignored: `cmdline` is set, and xl then passes cmdline alone to the kernel; move this into cmdline or remove cmdline");

    [Fact]
    public void Root_and_extra_without_cmdline_are_fine() =>
        RuleAssert.Silent("XCFG0151", "name = 'a'\nroot = \"/dev/xvda1\"\nextra = \"quiet\"\n");
}
