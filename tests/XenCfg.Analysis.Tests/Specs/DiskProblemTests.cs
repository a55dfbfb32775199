using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Specs.Disk;

namespace XenCfg.Analysis.Tests.Specs;

/// <summary>Every problem kind, with its exact span and message (spans are relative to the parsed string).</summary>
public sealed class DiskProblemTests
{
    [Theory]
    [InlineData("foo=bar,/x,,xvda", DiskProblemKind.UnknownParameter, 0, 7, true,
        "xl does not know the disk parameter `foo=` (\"unknown parameter\") and refuses the disk. Check the spelling against xl-disk-configuration(5).")]
    [InlineData("/x,bogus,xvda", DiskProblemKind.UnknownFormat, 3, 5, true,
        "xl does not know the disk format `bogus` (\"unknown value for format\"). Write one of raw, qcow, qcow2, vhd, qed or empty (lower case); an empty format means raw.")]
    [InlineData("/x,,xvda,rw!", DiskProblemKind.BadAccessMode, 9, 3, true,
        "xl does not know the access mode `rw!` (\"unknown value for access\"). Write `r` (read-only) or `w` (read-write).")]
    [InlineData("/x,,xvda,w!", DiskProblemKind.XmOnlyAccessMode, 9, 2, true,
        "xl refuses the access mode `w!` (\"unknown value for access\"); it was xm's way to skip the sharing check, and xl has no such mode. Write `w` (and make sure no other domain uses the disk), or share it read-only with `r`.")]
    [InlineData("devtype=floppy,/x,,xvda", DiskProblemKind.UnknownDeviceType, 8, 6, true,
        "xl refuses the device type `floppy` (\"unknown value for type\"). Write `devtype=cdrom` or `devtype=disk`.")]
    [InlineData(",,hdc:tape,r", DiskProblemKind.UnknownDeprecatedType, 6, 4, true,
        "xl does not know the device type `tape` after the vdev (\"unknown deprecated type\"). Write `hdc:cdrom` or `hdc:disk`, or better `devtype=cdrom`.")]
    [InlineData("backendtype=vbd,/x,,xvda", DiskProblemKind.UnknownBackendType, 12, 3, true,
        "xl refuses the backend type `vbd` (\"unknown value for backendtype\"). Write `phy`, `qdisk`, `tap` or `standalone`, or leave `backendtype=` out to let libxl choose.")]
    [InlineData("specification=blk,/x,,xvda", DiskProblemKind.UnknownSpecification, 14, 3, true,
        "xl refuses the specification `blk` (\"unknown value for specification\"). Write `xen` or `virtio`.")]
    [InlineData("colo-port=x,/x,,xvda", DiskProblemKind.BadColoPort, 10, 1, true,
        "xl refuses the COLO port `x` (\"unknown value for colo_port\"): it must read as a non-zero number. Write a port number such as `colo-port=9000`.")]
    [InlineData("vdev=xvda,vdev=xvdb,target=/x", DiskProblemKind.Respecified, 15, 4, true,
        "xl refuses a second vdev `xvdb` (\"vdev respecified\"): it already has `xvda`. Give the vdev once.")]
    [InlineData("raw:/x,qcow2:xvda", DiskProblemKind.Respecified, 7, 5, true,
        "xl refuses a second, different format `qcow2` (\"format respecified\"): it was already raw. Give the format once.")]
    [InlineData("/x,,xvda,w,extra", DiskProblemKind.TooManyPositional, 11, 5, true,
        "xl refuses `extra`: a disk spec has at most four positional parameters (target, format, vdev, access) (\"too many positional parameters\"). Write flags and other settings as `name=value`, or remove the extra field.")]
    [InlineData("vbd:/x,xvda,w", DiskProblemKind.UnknownPrefix, 0, 4, true,
        "xl does not know the disk prefix `vbd:` (\"unknown deprecated disk prefix\") and refuses the disk. Drop the prefix and give the backend with `backendtype=`.")]
    [InlineData("grant_usage=2,/x,,xvda", DiskProblemKind.BadSyntax, 11, 11, true,
        "xl cannot read the disk spec from the `=` at `=2,/x,,xvda` (\"bad disk syntax\"): only known parameter names, written in lower case, may come before `=`. Check the name before the `=`, or move a target that contains `=` into `target=` at the end.")]
    [InlineData("/x,,xvda,=\n", DiskProblemKind.BadSyntax, 9, 2, true,
        "An `=` directly followed by a newline makes xl's disk scanner abort (\"flex scanner jammed\"), which ends xl. Remove the `=` or the newline.")]
    [InlineData("/x", DiskProblemKind.NoVdev, 0, 2, true,
        "xl refuses a disk without a virtual device (\"no vdev specified\"). Add the guest device name, e.g. `vdev=xvda` or as the third positional parameter (`/path,,xvda`).")]
    [InlineData("vdev=xvda", DiskProblemKind.NoTarget, 0, 9, true,
        "xl refuses a disk without a target unless it is a CD-ROM (\"no target specified (and device not removable)\"). Add `target=/path/to/image-or-device`, or mark an empty drive with `cdrom`.")]
    [InlineData("/dev/sda1,xvda,w", DiskProblemKind.VdevInFormatPosition, 10, 4, true,
        "`xvda` is in the format position: the second positional parameter is the format, so xl refuses it (\"unknown value for format\"). Leave the format empty: `/dev/sda1,,xvda,w`, or name the settings (`vdev=xvda, ..., target=...`).")]
    [InlineData("vdev=xvda, target=/x, access=rw", DiskProblemKind.TargetNotLast, 20, 11, false,
        "`target=` takes the rest of the string, commas included, so xl reads the target as `/x, access=rw` and never sees `access=rw`. Put `target=` last: `access=rw, target=/x`.")]
    [InlineData("/dev/sda1 ,,xvda", DiskProblemKind.BlankBeforeComma, 9, 1, false,
        "The blank after `/dev/sda1` is part of the value: xl reads `/dev/sda1 `. Remove the blank before the comma (blanks after a comma are fine).")]
    [InlineData("/x,raw ,xvda", DiskProblemKind.BlankBeforeComma, 6, 1, true,
        "The blank after `raw` is part of the value, so xl reads the format `raw ` and refuses it. Remove the blank before the comma.")]
    [InlineData("phy:hda1,hda1,w", DiskProblemKind.RelativeTarget, 4, 4, false,
        "The target `hda1` is not an absolute path. xl hands it to libxl as written, and libxl looks it up relative to xl's own working directory (xend used to look for `phy:` names under /dev). Write the full path, e.g. `/dev/hda1` for a block device.")]
    [InlineData("/x,,xvda01", DiskProblemKind.InvalidVdev, 4, 6, false,
        "The partition number in `xvda01` starts with 0. libxl refuses it when the domain is created (\"Invalid or unsupported virtual disk identifier\"). Write `xvda1`.")]
    [InlineData("/x,,xvda\0junk", DiskProblemKind.EmbeddedNul, 8, 5, false,
        "The disk spec contains a NUL character; xl stops reading there and ignores everything after it. Remove it.")]
    public void Xl_disk_problem_has_exact_span_and_message(string input, DiskProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = XlDiskSpecParser.Parse(input).Problems;
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData("phy:/dev/x,xvda,rw", DiskProblemKind.XlOnlyAccessMode, 16, 2, true,
        "xend refuses the mode `rw` (\"Invalid mode\"): it accepts only r, w and w!. Write `w`, which xl accepts too.")]
    [InlineData("phy:/dev/x,xvda,w!", DiskProblemKind.XmOnlyAccessMode, 16, 2, false,
        "`w!` (write without the sharing check) works only under xm; xl refuses it. Under xl write `w`, and make sure no other domain uses the disk.")]
    [InlineData("phy:/dev/x,xvda,x", DiskProblemKind.BadAccessMode, 16, 1, true,
        "xend refuses the mode `x` (\"Invalid mode\"). Write `r` (read-only) or `w` (read-write).")]
    [InlineData("/dev/sda1,xvda,w", DiskProblemKind.MissingPrefix, 0, 9, true,
        "xend refuses a target without a prefix (\"Block device must have physical details specified\"). Write `phy:/dev/sda1` (phy: for a block device, file: for an image).")]
    [InlineData("file:disk.img,xvda,w", DiskProblemKind.RelativeTarget, 5, 8, false,
        "The image path `disk.img` is not absolute: the hotplug script resolves it from its own working directory, not from the config's. Write the full path (`/...`).")]
    [InlineData("raw:/x,xvda,w", DiskProblemKind.UnknownPrefix, 0, 3, true,
        "xend refuses the prefix `raw:` (\"Block device type is invalid\") unless a /etc/xen/scripts/block-raw script exists. For a raw image write `file:...` or `tap:aio:...`.")]
    [InlineData("tap:foo:/x,xvda,w", DiskProblemKind.UnknownFormat, 4, 3, true,
        "`foo` is not a blktap driver. Write one of aio, sync, vmdk, ram, qcow, qcow2 or vhd (e.g. `tap:aio:...`).")]
    [InlineData("phy:/dev/x,xvda", DiskProblemKind.WrongFieldCount, 0, 15, true,
        "xm refuses the disk spec (\"Invalid disk specifier\"): it needs 3 to 5 comma-separated fields (PREFIX:TARGET,VDEV,MODE[,BACKEND[,PROTOCOL]]), and this one has 2.")]
    [InlineData("phy:/dev/x, xvda,w", DiskProblemKind.BlankBeforeComma, 11, 1, true,
        "The blank before `xvda` is part of the field: unlike xl, xm keeps blanks after a comma, so xend refuses the disk. Remove it.")]
    [InlineData("phy:/dev/x ,xvda,w", DiskProblemKind.BlankBeforeComma, 10, 1, false,
        "The blank after `phy:/dev/x` is part of the field: xm splits on commas only and keeps blanks. Remove it.")]
    [InlineData("format=raw,vdev=xvda,target=/x", DiskProblemKind.XlSyntaxUnderXm, 0, 30, true,
        "This is xl's `name=value` disk syntax, which xm does not have. Under xm write `PREFIX:TARGET,VDEV,MODE`, e.g. `phy:/dev/vg/disk,xvda,w`.")]
    [InlineData("phy:/dev/x,xvda99,w", DiskProblemKind.InvalidVdev, 11, 6, true,
        "xend cannot find a device number for `xvda99` (\"Unable to find number for device\"). Use a name such as `xvda`, `xvdb1`, `hda` or `sda1`.")]
    [InlineData("file:/x.iso,hdc:tape,r", DiskProblemKind.UnknownDeprecatedType, 16, 4, false,
        "The device type `tape` is neither `cdrom` nor `disk`: xend passes it to the guest unchecked, and xl refuses it. Write `hdc:cdrom` or just `hdc`.")]
    public void Xm_disk_problem_has_exact_span_and_message(string input, DiskProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = XmDiskSpecParser.Parse(input).Problems;
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData("floppy", VirtualDeviceProblemKind.Unsupported, 0, 6, true,
        "`floppy` is not a virtual disk name. libxl refuses it when the domain is created (\"Invalid or unsupported virtual disk identifier\"). Use a name such as `xvda`, `xvdb1`, `hda` or `sda1`.")]
    [InlineData("xvda01", VirtualDeviceProblemKind.LeadingZeroPartition, 0, 6, true,
        "The partition number in `xvda01` starts with 0. libxl refuses it when the domain is created (\"Invalid or unsupported virtual disk identifier\"). Write `xvda1`.")]
    [InlineData("hde", VirtualDeviceProblemKind.DiskIndexOutOfRange, 0, 3, true,
        "`hde` is beyond the last hd disk (hdd). libxl refuses it when the domain is created (\"Invalid or unsupported virtual disk identifier\"). Use an xvd name such as `xvde`.")]
    [InlineData("sdq1", VirtualDeviceProblemKind.DiskIndexOutOfRange, 0, 4, true,
        "`sdq1` is beyond the last sd disk (sdp). libxl refuses it when the domain is created (\"Invalid or unsupported virtual disk identifier\"). Use an xvd name such as `xvdq1`.")]
    [InlineData("hda64", VirtualDeviceProblemKind.PartitionOutOfRange, 0, 5, true,
        "`hda64` has partition 64, but hd names allow partitions 1–63. libxl refuses it when the domain is created (\"Invalid or unsupported virtual disk identifier\"). Use a lower partition number or an xvd name.")]
    [InlineData("xvda+1", VirtualDeviceProblemKind.NonCanonical, 0, 6, false,
        "libxl reads the virtual device name `xvda+1` as `xvda1`; write `xvda1`.")]
    [InlineData("hd", VirtualDeviceProblemKind.NonCanonical, 0, 2, false,
        "libxl reads the virtual device name `hd` as `hdb`; write `hdb`.")]
    public void Virtual_device_problem_has_exact_span_and_message(string input, VirtualDeviceProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = VirtualDeviceParser.Parse(input).Problems;
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }
}
