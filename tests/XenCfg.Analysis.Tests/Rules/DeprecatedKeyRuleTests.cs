using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class DeprecatedKeyRuleTests
{
    [Fact]
    public void Builder_is_an_info_on_its_key_with_what_to_write() =>
        RuleAssert.ReportsWithSeverity("XCFG0109", "name = 'a'\n[|builder|] = \"hvm\"\n", Dialect.Xl, DiagnosticSeverity.Info,
            "`builder` is deprecated: Write `type = \"pv\"` instead of `builder = \"generic\"` (or xm's `\"linux\"`), and `type = \"hvm\"` instead of `builder = \"hvm\"`.");

    [Theory]
    [InlineData("stdvga", "1", "Write `vga = \"stdvga\"` instead of `stdvga = 1`, and `vga = \"cirrus\"` instead of `stdvga = 0`.")]
    [InlineData("vncviewer", "1", "Remove it and start the viewer with `xl create -V` or `xl vncviewer DOMAIN`.")]
    [InlineData("device_model", "'/usr/lib/xen/bin/qemu-dm'", "Remove it; to run another QEMU binary write `device_model_override = \"PATH\"`, and for a stub-domain device model `device_model_stubdomain_override = 1`.")]
    [InlineData("altp2mhvm", "1", "Write `altp2m = \"mixed\"` instead of `altp2mhvm = 1`.")]
    [InlineData("slice", "10", "Remove it: it has had no effect since the SEDF scheduler was removed.")]
    public void Deprecated_keys_say_what_to_write_instead(string key, string value, string replacement) =>
        RuleAssert.Reports("XCFG0109", $"name = 'a'\n[|{key}|] = {value}\n", $"`{key}` is deprecated: {replacement}");

    [Fact]
    public void Only_the_assignment_that_counts_is_reported() =>
        RuleAssert.Reports("XCFG0109", "name = 'a'\nbuilder = \"generic\"\n[|builder|] = \"hvm\"\n",
            "`builder` is deprecated: Write `type = \"pv\"` instead of `builder = \"generic\"` (or xm's `\"linux\"`), and `type = \"hvm\"` instead of `builder = \"hvm\"`.");

    [Fact]
    public void Xm_read_these_keys_natively_so_nothing_is_said_under_xm() =>
        RuleAssert.Silent("XCFG0109", "name = 'a'\nbuilder = \"hvm\"\ndevice_model = '/usr/lib/xen/bin/qemu-dm'\nstdvga = 0\n", Dialect.Xm);

    [Fact]
    public void Keys_only_xm_read_are_left_to_the_xm_only_rule() =>
        RuleAssert.Silent("XCFG0109", "name = 'a'\nnfs_server = '192.0.2.1'\nparallel = 'none'\n");

    [Fact]
    public void Current_keys_and_other_files_are_fine()
    {
        RuleAssert.Silent("XCFG0109", "name = 'a'\ntype = \"hvm\"\nvga = \"stdvga\"\n");
        RuleAssert.Silent("XCFG0109", "builder = \"hvm\"\n", Dialect.Xl, "/etc/xen/xl.conf");
    }
}
