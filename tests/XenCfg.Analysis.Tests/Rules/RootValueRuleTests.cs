using Microsoft.CodeAnalysis;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Tests.Rules;

public class RootValueRuleTests
{
    private const string Head = "name = 'a'\nkernel = '/boot/vmlinuz'\ndisk = [ '/dev/vg/a,,xvda' ]\n";

    [Fact]
    public void Root_written_with_root_equals_is_an_error_under_xl() =>
        RuleAssert.ReportsWithSeverity("XCFG0152", Head + "root = '[|root=|]/dev/xvda1 ro'\n", Dialect.Xl, DiagnosticSeverity.Error,
            "xl writes `root=` itself, so the kernel gets `root=root=/dev/xvda1` and cannot find the root device (xm used to drop the extra `root=`). Write `root = \"/dev/xvda1\"`.");

    [Fact]
    public void Xm_dropped_a_leading_root_equals() =>
        RuleAssert.Silent("XCFG0152", Head + "root = 'root=/dev/xvda1 ro'\n", Dialect.Xm);

    [Fact]
    public void A_name_outside_dev_is_an_error() =>
        RuleAssert.ReportsWithSeverity("XCFG0152", Head + "root = '[|xvda1|] ro'\n", Dialect.Xl, DiagnosticSeverity.Error,
            "The kernel looks up a root device by name only under /dev/, so `xvda1` will not be found. Write `/dev/xvda1`.");

    [Fact]
    public void A_uuid_is_a_note_that_an_initramfs_is_needed() =>
        RuleAssert.ReportsWithSeverity("XCFG0152", Head + "root = '[|UUID=0f3c2a1e-1111-2222-3333-444455556666|] ro'\n", Dialect.Xl, DiagnosticSeverity.Info,
            "The kernel itself does not understand `UUID=0f3c2a1e-1111-2222-3333-444455556666`: only an initramfs resolves UUID= and LABEL=. Boot with a ramdisk, or name the device (`/dev/xvda1`) or use PARTUUID=.");

    [Theory]
    [InlineData("root = '/dev/xvda1 ro'\n")]
    [InlineData("root = '/dev/nfs'\n")]
    [InlineData("")]
    public void Plain_device_names_are_fine(string root) => RuleAssert.Silent("XCFG0152", Head + root);
}
