using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class ValueShapeRuleTests
{
    [Fact]
    public void A_disk_given_as_one_string_leaves_the_guest_without_a_disk() =>
        RuleAssert.ReportsWithSeverity("XCFG0101", "name = 'a'\ndisk = [|'phy:/dev/vg/a,xvda,w'|]\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`disk` must be a list; xl warns \"is a single value but should be a list\" and ignores it, so the guest gets no disk at all: write `disk = [ ... ]`");

    [Fact]
    public void A_vif_given_as_one_string_leaves_the_guest_without_a_network_interface() =>
        RuleAssert.Reports("XCFG0101", "name = 'a'\nvif = [|'bridge=xenbr0'|]\n",
            "`vif` must be a list; xl warns \"is a single value but should be a list\" and ignores it, so the guest gets no network interface: write `vif = [ ... ]`");

    [Fact]
    public void Other_list_keys_given_one_string_are_reported_without_a_consequence() =>
        RuleAssert.Reports("XCFG0101", "name = 'a'\npci = [|'0000:00:1d.0'|]\n",
            "`pci` must be a list; xl warns \"is a single value but should be a list\" and ignores it: write `pci = [ ... ]`");

    [Fact]
    public void A_single_value_key_given_a_list_is_reported_on_the_list() =>
        RuleAssert.ReportsWithSeverity("XCFG0102", "name = 'a'\nkernel = [|[ \"/boot/vmlinuz\" ]|]\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`kernel` takes a single value; xl warns \"is a list but should be a single value\" and ignores it: remove the brackets");

    [Fact]
    public void A_number_key_given_a_list_is_reported() =>
        RuleAssert.Reports("XCFG0102", "name = 'a'\nmemory = [|[512]|]\n",
            "`memory` takes a single value; xl warns \"is a list but should be a single value\" and ignores it: remove the brackets");

    [Fact]
    public void Only_the_effective_value_counts() =>
        RuleAssert.Reports("XCFG0101", "name = 'a'\ndisk = [ '/dev/vg/a,,xvda' ]\ndisk = [|'/dev/vg/b,,xvda'|]\n",
            "`disk` must be a list; xl warns \"is a single value but should be a list\" and ignores it, so the guest gets no disk at all: write `disk = [ ... ]`");

    [Theory]
    [InlineData("name = 'a'\ndisk = [ 'phy:/dev/vg/a,xvda,w' ]\nvif = []\n")]
    [InlineData("name = 'a'\ncpus = \"2-3\"\n")]
    [InlineData("name = 'a'\ncpus = [ \"2\", \"3\" ]\n")]
    [InlineData("name = 'a'\nviridian = 1\n")]
    [InlineData("name = 'a'\nviridian = [ \"base\", \"freq\" ]\n")]
    [InlineData("name = 'a'\nmemory = 512\nkernel = \"/boot/vmlinuz\"\n")]
    [InlineData("name = 'a'\nfrobnicate = [ 1 ]\n")]
    public void Values_of_the_right_shape_and_unknown_keys_are_fine(string text)
    {
        RuleAssert.Silent("XCFG0101", text);
        RuleAssert.Silent("XCFG0102", text);
    }

    [Fact]
    public void Files_that_are_not_domain_configs_are_not_checked() =>
        RuleAssert.Silent("XCFG0101", "disk = 'phy:/dev/vg/a,xvda,w'\n", Dialect.Xl, "/etc/xen/xl.conf");
}
