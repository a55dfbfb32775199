using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

/// <summary>
/// Disk specs as the file's toolstack reads them: xl's parser for the xl dialect, xm/xend's for xm. Spans are inside
/// the string; a problem xl (or xend) refuses the spec for is an error whatever the descriptor's default.
/// </summary>
public class DiskSpecRuleTests
{
    private const string Invalid = " libxl refuses it when the domain is created (\"Invalid or unsupported virtual disk identifier\").";

    private static string Disk(string spec) => $"name = 'a'\ndisk = [ '{spec}' ]\n";

    [Fact]
    public void An_xvd_name_without_a_letter_is_an_invalid_vdev() =>
        RuleAssert.ReportsWithSeverity("XCFG0120", Disk("phy:/dev/vg/a,[|xvd1|],w"), Dialect.Xl, DiagnosticSeverity.Error,
            "`xvd1` is not a virtual disk name." + Invalid + " Use a name such as `xvda`, `xvdb1`, `hda` or `sda1`.");

    [Fact]
    public void A_partition_with_a_leading_zero_is_an_invalid_vdev() =>
        RuleAssert.Reports("XCFG0120", Disk("/dev/vg/b,,[|xvda01|]"),
            "The partition number in `xvda01` starts with 0." + Invalid + " Write `xvda1`.");

    [Fact]
    public void Xend_could_not_number_an_invalid_vdev_either() =>
        RuleAssert.ReportsWithSeverity("XCFG0120", Disk("phy:/dev/vg/a,[|xvd1|],w"), Dialect.Xm, DiagnosticSeverity.Error,
            "xend cannot find a device number for `xvd1` (\"Unable to find number for device\"). Use a name such as `xvda`, `xvdb1`, `hda` or `sda1`.");

    [Fact]
    public void Disk_spec_with_w_bang_is_an_error_under_xl() =>
        RuleAssert.ReportsWithSeverity("XCFG0122", Disk("phy:/dev/vg/c,xvdb,[|w!|]"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl refuses the access mode `w!` (\"unknown value for access\"); it was xm's way to skip the sharing check, and xl has no such mode. Write `w` (and make sure no other domain uses the disk), or share it read-only with `r`.");

    [Fact]
    public void Disk_spec_with_w_bang_is_a_warning_under_xm() =>
        RuleAssert.ReportsWithSeverity("XCFG0122", Disk("phy:/dev/vg/c,xvdb,[|w!|]"), Dialect.Xm, DiagnosticSeverity.Warning,
            "`w!` (write without the sharing check) works only under xm; xl refuses it. Under xl write `w`, and make sure no other domain uses the disk.");

    [Fact]
    public void Rw_is_refused_by_xend() =>
        RuleAssert.ReportsWithSeverity("XCFG0123", Disk("phy:/dev/vg/d,xvdc,[|rw|]"), Dialect.Xm, DiagnosticSeverity.Error,
            "xend refuses the mode `rw` (\"Invalid mode\"): it accepts only r, w and w!. Write `w`, which xl accepts too.");

    [Fact]
    public void Ro_is_refused_by_xend() =>
        RuleAssert.ReportsWithSeverity("XCFG0123", Disk("phy:/dev/vg/e,xvdd,[|ro|]"), Dialect.Xm, DiagnosticSeverity.Error,
            "xend refuses the mode `ro` (\"Invalid mode\"): it accepts only r, w and w!. Write `r`, which xl accepts too.");

    [Fact]
    public void Ro_under_xm_suggests_r() =>
        RuleAssert.Reports("XCFG0123", Disk("phy:/dev/vg/e,xvdd,[|ro|]"), Dialect.Xm,
            "xend refuses the mode `ro` (\"Invalid mode\"): it accepts only r, w and w!. Write `r`, which xl accepts too.");

    [Theory]
    [InlineData("/dev/vg/a,,xvda,rw")]
    [InlineData("/dev/vg/b,,xvdb,ro")]
    [InlineData("vdev=xvdc, access=rw, target=/dev/vg/c")]
    public void Rw_and_ro_are_xl_spellings(string spec) => RuleAssert.Silent("XCFG0123", Disk(spec));

    [Fact]
    public void A_spec_without_vdev_is_refused() =>
        RuleAssert.ReportsWithSeverity("XCFG0124", Disk("[|/dev/vg/e|]"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl refuses a disk without a virtual device (\"no vdev specified\"). Add the guest device name, e.g. `vdev=xvda` or as the third positional parameter (`/path,,xvda`).");

    [Fact]
    public void A_spec_without_target_is_refused_unless_it_is_a_cdrom()
    {
        RuleAssert.ReportsWithSeverity("XCFG0125", Disk("[|vdev=xvdg|]"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl refuses a disk without a target unless it is a CD-ROM (\"no target specified (and device not removable)\"). Add `target=/path/to/image-or-device`, or mark an empty drive with `cdrom`.");
        RuleAssert.Silent("XCFG0125", Disk(",,hdc:cdrom,r"));
    }

    [Fact]
    public void Formats_are_lower_case() =>
        RuleAssert.ReportsWithSeverity("XCFG0126", Disk("/x,[|QCOW2|],xvdh,w"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl does not know the disk format `QCOW2` (\"unknown value for format\"). Write one of raw, qcow, qcow2, vhd, qed or empty (lower case); an empty format means raw.");

    [Fact]
    public void Xend_knew_only_its_blktap_drivers() =>
        RuleAssert.ReportsWithSeverity("XCFG0126", Disk("tap:[|foo|]:/x,xvdk,w"), Dialect.Xm, DiagnosticSeverity.Error,
            "`foo` is not a blktap driver. Write one of aio, sync, vmdk, ram, qcow, qcow2 or vhd (e.g. `tap:aio:...`).");

    [Fact]
    public void An_unknown_prefix_is_refused_by_xl() =>
        RuleAssert.ReportsWithSeverity("XCFG0127", Disk("[|lvm:|]/dev/vg/a,xvda,w"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl does not know the disk prefix `lvm:` (\"unknown deprecated disk prefix\") and refuses the disk. Known prefixes are phy:, file:, tap:, tap2:, aio:, raw:, qcow:, qcow2:, vhd:, iscsi:, nbd:, enbd: and drbd:; better, drop the prefix and use `target=` (last) for a target that contains `:`.");

    [Fact]
    public void An_unknown_prefix_is_refused_by_xend() =>
        RuleAssert.ReportsWithSeverity("XCFG0127", Disk("[|lvm|]:vg/x,xvdi,w"), Dialect.Xm, DiagnosticSeverity.Error,
            "xend refuses the prefix `lvm:` (\"Block device type is invalid\") unless a /etc/xen/scripts/block-lvm script exists. Known prefixes are phy:, file:, tap:, tap2:, and those with a block-PREFIX hotplug script (iscsi:, nbd:, enbd:, drbd:).");

    [Theory]
    [InlineData("iscsi:iqn.2001-05.com.example:disk1,xvda,w", true)]
    [InlineData("tap:aio:/srv/a.img,xvda,w", true)]
    [InlineData("drbd:res0,xvda,w", true)]
    [InlineData("raw:/dev/vg/guest-volume,hda,w", false)]
    [InlineData("qcow2:/srv/a.qcow2,xvda,w", false)]
    public void Known_prefixes_are_fine(string spec, bool xendKnewIt)
    {
        RuleAssert.Silent("XCFG0127", Disk(spec));
        if (xendKnewIt)
        {
            RuleAssert.Silent("XCFG0127", Disk(spec), Dialect.Xm);
        }
        else
        {
            Assert.Single(RuleAssert.Analyze(Disk(spec), Dialect.Xm), diagnostic => diagnostic.Id == "XCFG0127");
        }
    }

    [Fact]
    public void An_unknown_parameter_is_refused() =>
        RuleAssert.ReportsWithSeverity("XCFG0128", Disk("vdev=xvdj, [|mode=rw|], target=/dev/y"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl does not know the disk parameter `mode=` (\"unknown parameter\") and refuses the disk. To set read-only or read-write, write `access=ro` or `access=rw`.");

    [Fact]
    public void Target_that_is_not_last_swallows_the_rest() =>
        RuleAssert.ReportsWithSeverity("XCFG0129", Disk("vdev=xvdc, target=/dev/x[|, access=r|]"), Dialect.Xl, DiagnosticSeverity.Warning,
            "`target=` takes the rest of the string, commas included, so xl reads the target as `/dev/x, access=r` and never sees `access=r`. Put `target=` last: `access=r, target=/dev/x`.");

    [Fact]
    public void A_blank_before_a_comma_stays_in_the_target() =>
        RuleAssert.ReportsWithSeverity("XCFG0130", Disk("/dev/vg/d[| |],raw,xvde,w"), Dialect.Xl, DiagnosticSeverity.Warning,
            "The blank after `/dev/vg/d` is part of the value: xl reads `/dev/vg/d `. Remove the blank before the comma (blanks after a comma are fine).");

    [Fact]
    public void A_blank_after_a_comma_is_skipped_by_xl() =>
        RuleAssert.Silent("XCFG0130", Disk("/dev/vg/d, raw, xvde, w"));

    [Fact]
    public void Under_xm_a_blank_in_the_device_field_makes_xend_refuse_the_disk() =>
        RuleAssert.ReportsWithSeverity("XCFG0130", Disk("phy:/dev/z,[| |]xvdm,w"), Dialect.Xm, DiagnosticSeverity.Error,
            "The blank before `xvdm` is part of the field: unlike xl, xm keeps blanks after a comma, so xend refuses the disk. Remove it.");

    [Fact]
    public void Under_xm_a_blank_after_the_target_is_a_warning() =>
        RuleAssert.ReportsWithSeverity("XCFG0130", Disk("phy:/dev/y[| |],xvdl,w"), Dialect.Xm, DiagnosticSeverity.Warning,
            "The blank after `phy:/dev/y` is part of the field: xm splits on commas only and keeps blanks. Remove it.");

    [Fact]
    public void A_relative_target_is_a_warning_under_xl() =>
        RuleAssert.ReportsWithSeverity("XCFG0131", Disk("phy:[|vg/lvm1|],xvda,w"), Dialect.Xl, DiagnosticSeverity.Warning,
            "The target `vg/lvm1` is not an absolute path. xl hands it to libxl as written, and libxl looks it up relative to xl's own working directory (xend used to look for `phy:` names under /dev). Write the full path, e.g. `/dev/vg/lvm1` for a block device.");

    [Fact]
    public void Xend_put_a_relative_phy_name_under_dev_but_not_an_image_path()
    {
        RuleAssert.Silent("XCFG0131", Disk("phy:vg/lvm1,xvda,w"), Dialect.Xm);
        RuleAssert.ReportsWithSeverity("XCFG0131", Disk("file:[|images/a.img|],xvdf,w"), Dialect.Xm, DiagnosticSeverity.Warning,
            "The image path `images/a.img` is not absolute: the hotplug script resolves it from its own working directory, not from the config's. Write the full path (`/...`).");
    }

    [Fact]
    public void The_positional_trap_puts_the_vdev_where_the_format_goes() =>
        RuleAssert.ReportsWithSeverity("XCFG0132", Disk("/dev/sda1,[|xvda|],w"), Dialect.Xl, DiagnosticSeverity.Error,
            "`xvda` is in the format position: the second positional parameter is the format, so xl refuses it (\"unknown value for format\"). Leave the format empty: `/dev/sda1,,xvda,w`, or name the settings (`vdev=xvda, ..., target=...`).");

    [Fact]
    public void A_word_colon_followed_by_a_letter_is_no_prefix_so_the_trap_applies() =>
        RuleAssert.Reports("XCFG0132", Disk("lvm:vg/x,[|xvdi|],w"),
            "`xvdi` is in the format position: the second positional parameter is the format, so xl refuses it (\"unknown value for format\"). Leave the format empty: `lvm:vg/x,,xvdi,w`, or name the settings (`vdev=xvdi, ..., target=...`).");

    [Fact]
    public void After_a_legacy_prefix_the_second_field_is_the_vdev() =>
        RuleAssert.Silent("XCFG0132", Disk("phy:/dev/sda1,xvda,w"));

    [Fact]
    public void A_value_xl_refuses_is_an_error() =>
        RuleAssert.ReportsWithSeverity("XCFG0134", Disk("/srv/cd.iso,raw,hdc,r,devtype=[|dvd|]"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl refuses the device type `dvd` (\"unknown value for type\"). Write `devtype=cdrom` or `devtype=disk`.");

    [Fact]
    public void An_unknown_access_mode_is_a_refused_value() =>
        RuleAssert.Reports("XCFG0134", Disk("/dev/vg/a,,xvda,[|x|]"),
            "xl does not know the access mode `x` (\"unknown value for access\"). Write `r` (read-only) or `w` (read-write).");

    [Fact]
    public void Under_xm_an_unknown_device_type_is_only_a_warning() =>
        RuleAssert.ReportsWithSeverity("XCFG0134", Disk("phy:/dev/vg/a,hdc:[|dvd|],r"), Dialect.Xm, DiagnosticSeverity.Warning,
            "The device type `dvd` is neither `cdrom` nor `disk`: xend passes it to the guest unchecked, and xl refuses it. Write `hdc:cdrom` or just `hdc`.");

    [Fact]
    public void A_parameter_given_twice_with_different_values_is_refused() =>
        RuleAssert.ReportsWithSeverity("XCFG0135", Disk("/dev/vg/vm1,raw,xvdb,w,format=[|qcow2|]"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl refuses a second, different format `qcow2` (\"format respecified\"): it was already raw. Give the format once.");

    [Fact]
    public void A_fifth_positional_parameter_is_refused() =>
        RuleAssert.ReportsWithSeverity("XCFG0136", Disk("/dev/vg/vm1,raw,xvdc,w,[|extra|]"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl refuses `extra`: a disk spec has at most four positional parameters (target, format, vdev, access) (\"too many positional parameters\"). Write flags and other settings as `name=value`, or remove the extra field.");

    [Fact]
    public void Xl_keyword_syntax_is_malformed_under_xm() =>
        RuleAssert.ReportsWithSeverity("XCFG0137", Disk("[|format=raw, vdev=xvdb, access=rw, target=/dev/x|]"), Dialect.Xm, DiagnosticSeverity.Error,
            "This is xl's `name=value` disk syntax, which xm does not have. Under xm write `PREFIX:TARGET,VDEV,MODE`, e.g. `phy:/dev/vg/disk,xvda,w`.");

    [Fact]
    public void Xl_positional_syntax_is_malformed_under_xm_with_the_xm_spelling() =>
        RuleAssert.Reports("XCFG0137", Disk("[|/dev/vg/a,,xvdc,w|]"), Dialect.Xm,
            "This is xl's positional disk syntax (target, format, vdev, access), which xm reads as PREFIX:TARGET,VDEV,MODE. Under xm write `phy:/dev/vg/a,xvdc,w` (or `file:` for an image).");

    [Fact]
    public void Xm_needs_three_to_five_fields() =>
        RuleAssert.Reports("XCFG0137", Disk("[|phy:/dev/x,xvdj|]"), Dialect.Xm,
            "xm refuses the disk spec (\"Invalid disk specifier\"): it needs 3 to 5 comma-separated fields (PREFIX:TARGET,VDEV,MODE[,BACKEND[,PROTOCOL]]), and this one has 2.");

    [Fact]
    public void Xm_needs_a_prefix() =>
        RuleAssert.Reports("XCFG0137", Disk("[|/dev/sda1|],xvda,w"), Dialect.Xm,
            "xend refuses a target without a prefix (\"Block device must have physical details specified\"). Write `phy:/dev/sda1` (phy: for a block device, file: for an image).");

    [Fact]
    public void Every_disk_of_the_list_is_checked_in_order() =>
        RuleAssert.Reports("XCFG0120", "name = 'a'\ndisk = [ '/dev/vg/a,,[|xvd1|]', '/dev/vg/b,,xvdb' ]\ndisk += [ '/dev/vg/c,,[|sdq|]' ]\n",
            "`xvd1` is not a virtual disk name. libxl refuses it when the domain is created (\"Invalid or unsupported virtual disk identifier\"). Use a name such as `xvda`, `xvdb1`, `hda` or `sda1`.",
            "`sdq` is beyond the last sd disk (sdp). libxl refuses it when the domain is created (\"Invalid or unsupported virtual disk identifier\"). Use an xvd name such as `xvdq`.");

    [Theory]
    [InlineData("/dev/vg/guest-volume,,hda")]
    [InlineData("/dev/vg/guest-volume,raw,hda,rw")]
    [InlineData("format=raw, vdev=hda, access=rw, target=/dev/vg/guest-volume")]
    [InlineData("raw:/dev/vg/guest-volume,hda,w")]
    [InlineData("/root/image.iso,,hdc,cdrom")]
    [InlineData("/root/image.iso,raw,hdc,devtype=cdrom")]
    [InlineData("raw:/root/image.iso,hdc:cdrom,ro")]
    [InlineData("iscsi:iqn.2001-05.com.example:disk1,xvda,w")]
    [InlineData(",,hdc:cdrom,r")]
    public void The_worked_examples_of_the_xl_manual_are_fine_under_xl(string spec)
    {
        var ids = RuleAssert.Analyze($"name = 'a'\ntype = 'hvm'\ndisk = [ '{spec}' ]\n").Select(diagnostic => diagnostic.Id);
        Assert.DoesNotContain(ids, id => string.CompareOrdinal(id, "XCFG0120") >= 0 && string.CompareOrdinal(id, "XCFG0137") <= 0);
    }

    [Theory]
    [InlineData("phy:hda3,sda1,w")]
    [InlineData("phy:vg/lvm1,sda2,w")]
    [InlineData("file:/full/path/to/vm1disk,sda1,w")]
    [InlineData("tap:aio:/img,xvda,w")]
    [InlineData("tap:qcow2:/img.qcow2,xvda,w")]
    [InlineData("phy:/dev/vg/a,hdc:cdrom,r")]
    [InlineData("phy:/dev/vg/a,xvda,w,driverdom")]
    public void The_xm_forms_of_the_old_manual_are_fine_under_xm(string spec)
    {
        var ids = RuleAssert.Analyze($"name = 'a'\ndisk = [ '{spec}' ]\n", Dialect.Xm).Select(diagnostic => diagnostic.Id);
        Assert.DoesNotContain(ids, id => string.CompareOrdinal(id, "XCFG0120") >= 0 && string.CompareOrdinal(id, "XCFG0137") <= 0 && id != "XCFG0133");
    }
}
