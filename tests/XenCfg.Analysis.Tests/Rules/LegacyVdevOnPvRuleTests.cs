using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class LegacyVdevOnPvRuleTests
{
    [Fact]
    public void A_scsi_partition_on_a_pv_guest_is_a_warning_with_the_xvd_name() =>
        RuleAssert.ReportsWithSeverity("XCFG0133", "name = 'a'\ndisk = [ 'phy:/dev/vg/a,[|sda1|],w' ]\nroot = '/dev/sda1 ro'\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`sda1` on a PV guest: a modern Linux guest names this disk `/dev/xvda1`, not `/dev/sda1`; write `xvda1` (and use it in `root`)");

    [Fact]
    public void An_ide_disk_on_a_pv_guest_is_reported_under_xm_too() =>
        RuleAssert.Reports("XCFG0133", "name = 'a'\ndisk = [ 'phy:hda1,[|hda1|],w', 'file:/srv/cd.iso,[|hdc|]:cdrom,r' ]\n", Dialect.Xm,
            "`hda1` on a PV guest: a modern Linux guest names this disk `/dev/xvda1`, not `/dev/hda1`; write `xvda1` (and use it in `root`)",
            "`hdc` on a PV guest: a modern Linux guest names this disk `/dev/xvdc`, not `/dev/hdc`; write `xvdc` (and use it in `root`)");

    [Fact]
    public void A_guest_without_type_or_builder_is_pv() =>
        RuleAssert.Reports("XCFG0133", "name = 'a'\ndisk = [ '/dev/vg/b,,[|sdb2|]' ]\n",
            "`sdb2` on a PV guest: a modern Linux guest names this disk `/dev/xvdb2`, not `/dev/sdb2`; write `xvdb2` (and use it in `root`)");

    [Theory]
    [InlineData("type = 'hvm'\ndisk = [ '/dev/vg/a,,hda', '/dev/vg/b,,sdb' ]")]
    [InlineData("builder = 'hvm'\ndisk = [ '/dev/vg/a,,hda' ]")]
    [InlineData("disk = [ '/dev/vg/a,,xvda', '/dev/vg/b,,xvdb1', '/dev/vg/c,,d2p1' ]")]
    [InlineData("disk = [ '/dev/vg/a,,hde' ]")]
    public void Hvm_guests_xvd_names_and_invalid_names_are_not_reported(string settings) =>
        RuleAssert.Silent("XCFG0133", $"name = 'a'\n{settings}\n");
}
