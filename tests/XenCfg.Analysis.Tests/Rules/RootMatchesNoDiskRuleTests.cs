using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class RootMatchesNoDiskRuleTests
{
    private static string Boot(string settings) => $"name = 'a'\nkernel = '/boot/vmlinuz'\n{settings}\n";

    [Fact]
    public void A_root_that_no_disk_provides_is_a_warning_listing_the_disks() =>
        RuleAssert.ReportsWithSeverity("XCFG0150", Boot("disk = [ '/dev/vg/a,,xvda1', '/dev/vg/b,,xvdb' ]\nroot = [|'/dev/xvdc1 ro'|]"), Dialect.Xl, DiagnosticSeverity.Warning,
            "`root` is `/dev/xvdc1`, but no disk of this domain is `xvdc1` (its disks: xvda1, xvdb): the guest will not find its root file system; use the vdev of its root disk");

    [Fact]
    public void A_whole_disk_root_is_not_provided_by_one_of_its_partitions() =>
        RuleAssert.Reports("XCFG0150", Boot("disk = [ 'phy:/dev/vg/a,xvda1,w' ]\nroot = [|'/dev/xvda'|]"),
            "`root` is `/dev/xvda`, but no disk of this domain is `xvda` (its disks: xvda1): the guest will not find its root file system; use the vdev of its root disk");

    [Fact]
    public void Under_xm_a_leading_root_prefix_is_dropped_before_matching() =>
        RuleAssert.Reports("XCFG0150", Boot("disk = [ 'phy:/dev/vg/a,xvda,w' ]\nroot = [|'root=/dev/xvdb1'|]"), Dialect.Xm,
            "`root` is `/dev/xvdb1`, but no disk of this domain is `xvdb1` (its disks: xvda): the guest will not find its root file system; use the vdev of its root disk");

    [Fact]
    public void On_a_pv_guest_an_ide_or_scsi_disk_provides_the_xvd_name_a_modern_guest_gives_it() =>
        RuleAssert.Silent("XCFG0150", Boot("disk = [ '/dev/vg/a,,hda', '/dev/vg/b,,sdb2' ]\nroot = '/dev/xvdb2'"));

    [Fact]
    public void On_a_pv_guest_an_xvd_disk_does_not_provide_an_ide_name() =>
        RuleAssert.Reports("XCFG0150", Boot("disk = [ '/dev/vg/a,,xvda' ]\nroot = [|'/dev/hda1'|]"),
            "`root` is `/dev/hda1`, but no disk of this domain is `hda1` (its disks: xvda): the guest will not find its root file system; use the vdev of its root disk");

    [Theory]
    [InlineData("disk = [ '/dev/vg/a,,xvda' ]\nroot = '/dev/xvda1 ro'")]
    [InlineData("disk = [ '/dev/vg/a,,xvda1' ]\nroot = '/dev/xvda1'")]
    [InlineData("disk = [ 'phy:/dev/vg/a,sda1,w' ]\nroot = '/dev/sda1 ro'")]
    public void A_disk_or_the_whole_disk_of_the_root_partition_provides_it(string settings) =>
        RuleAssert.Silent("XCFG0150", Boot(settings));

    [Theory]
    [InlineData("type = 'hvm'\ndisk = [ '/dev/vg/a,,hda' ]\nroot = '/dev/xvda1'")]
    [InlineData("type = 'hvm'\ndisk = [ '/dev/vg/a,,xvdc' ]\nroot = '/dev/hdc2'")]
    public void On_hvm_hdX_and_xvdX_are_the_same_disk(string settings) =>
        RuleAssert.Silent("XCFG0150", Boot(settings));

    [Theory]
    [InlineData("root = 'UUID=0e5f2c3a-1111-2222-3333-444455556666 ro'")]
    [InlineData("root = 'LABEL=root'")]
    [InlineData("root = 'PARTUUID=0e5f2c3a-01'")]
    [InlineData("root = '/dev/mapper/vg-root'")]
    [InlineData("root = '/dev/nfs'")]
    public void Names_only_an_initramfs_or_the_network_resolves_are_not_checked(string root) =>
        RuleAssert.Silent("XCFG0150", Boot($"disk = [ '/dev/vg/a,,xvda' ]\n{root}"));

    [Fact]
    public void Without_a_kernel_or_a_bootloader_root_is_not_used_and_not_checked() =>
        RuleAssert.Silent("XCFG0150", "name = 'a'\ntype = 'hvm'\ndisk = [ '/dev/vg/a,,hda' ]\nroot = '/dev/xvdb1'\n");

    [Fact]
    public void With_cmdline_xl_ignores_root_so_it_is_not_checked() =>
        RuleAssert.Silent("XCFG0150", Boot("disk = [ '/dev/vg/a,,xvda' ]\ncmdline = 'root=/dev/xvda1'\nroot = '/dev/xvdb1'"));

    // pygrub appends xl's command line (root=ROOT EXTRA, passed as --args) to the menu entry's arguments, so the
    // config's root= is the one the kernel uses (tools/pygrub/src/pygrub, run_grub; libxl_bootloader.c).
    [Theory]
    [InlineData("name = 'a'\nbootloader = '/usr/bin/pygrub'\n")]
    [InlineData("name = 'a'\nbootloader = '/usr/bin/pygrub'\nkernel = '/boot/vmlinuz'\n")]
    public void With_a_bootloader_root_is_still_passed_to_the_kernel_and_checked(string boot) =>
        RuleAssert.Reports("XCFG0150", $"{boot}disk = [ '/dev/vg/a,,xvda' ]\nroot = [|'/dev/xvdb1 ro'|]\n",
            "`root` is `/dev/xvdb1`, but no disk of this domain is `xvdb1` (its disks: xvda): the guest will not find its root file system; use the vdev of its root disk");

    [Fact]
    public void The_xen_tools_layout_with_pygrub_and_a_matching_root_is_fine() =>
        RuleAssert.Silent("XCFG0150", "name = 'a'\nbootloader = '/usr/lib/xen-4.11/bin/pygrub'\nroot = '/dev/xvda2 ro'\ndisk = [ 'phy:/dev/vg/a-disk,xvda2,w', 'phy:/dev/vg/a-swap,xvda1,w' ]\n");

    [Fact]
    public void Xm_had_no_cmdline_key_so_root_is_still_checked_under_xm() =>
        RuleAssert.Reports("XCFG0150", Boot("disk = [ 'phy:/dev/vg/a,xvda,w' ]\ncmdline = 'root=/dev/xvda1'\nroot = [|'/dev/xvdb1'|]"), Dialect.Xm,
            "`root` is `/dev/xvdb1`, but no disk of this domain is `xvdb1` (its disks: xvda): the guest will not find its root file system; use the vdev of its root disk");

    [Fact]
    public void No_verdict_when_a_disk_of_an_xm_config_is_computed_by_python() =>
        RuleAssert.Silent("XCFG0150", Boot("vmid = 1\ndisk = [ 'phy:sda%d,sda1,w' % (7+vmid), 'phy:sda6,sda6,r' ]\nroot = '/dev/sda1 ro'"), Dialect.Xm);

    [Theory]
    [InlineData("disk = [ '/dev/HostVG/XenGuest2,raw,xvda,w,backendtype=qdisk' ]", Dialect.Xm)]
    [InlineData("disk = [ '/dev/vg/a,,xvda', '/dev/vg/b,,xvd1' ]", Dialect.Xl)]
    [InlineData("disk = [ '/dev/vg/a,,xvda', '/dev/vg/b' ]", Dialect.Xl)]
    public void No_verdict_when_a_disk_has_no_readable_vdev(string disks, Dialect dialect) =>
        RuleAssert.Silent("XCFG0150", Boot($"{disks}\nroot = '/dev/xvdb1'"), dialect);

    [Fact]
    public void A_domain_without_disks_is_not_checked() =>
        RuleAssert.Silent("XCFG0150", Boot("root = '/dev/xvda1'"));

    [Fact]
    public void Files_that_are_not_domain_configs_are_not_checked() =>
        RuleAssert.Silent("XCFG0150", Boot("disk = [ '/dev/vg/a,,xvda' ]\nroot = '/dev/xvdb1'"), Dialect.Xl, "/etc/xen/xl.conf");
}
