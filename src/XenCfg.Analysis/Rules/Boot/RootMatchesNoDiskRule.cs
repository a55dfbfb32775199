using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Rules.Disk;
using XenCfg.Analysis.Specs.Disk;

namespace XenCfg.Analysis.Rules.Boot;

/// <summary>
/// <c>root = "/dev/X"</c> naming a device that no disk of the domain provides: the guest kernel cannot find its
/// root file system and panics. A partition of a whole disk counts (<c>xvda1</c> on disk <c>xvda</c>), and on HVM
/// hdX and xvdX are the same disk (docs/man/xen-vbd-interface.7.pandoc). Root names that only an initramfs
/// resolves (UUID=, LABEL=, /dev/mapper/...) are not checked, nor a root the kernel never gets (no kernel and no
/// bootloader, or xl's cmdline).
/// </summary>
public sealed class RootMatchesNoDiskRule : ConfigRule
{
    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0150", "root names no disk of the domain",
        "`root` is `{0}`, but no disk of this domain is `{1}`{2}: the guest will not find its root file system; use the vdev of its root disk",
        DiagnosticSeverity.Warning,
        "The root device is named as the guest sees it: a disk's vdev, or a partition of a whole-disk vdev.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen docs/man/xen-vbd-interface.7.pandoc; docs/man/xl.cfg.5.pod.in (root)", "kernel = \"/boot/vmlinuz\"\ndisk = [ 'phy:/dev/vg/vm1,xvda,w' ]\nroot = \"/dev/xvdb1 ro\"", "kernel = \"/boot/vmlinuz\"\ndisk = [ 'phy:/dev/vg/vm1,xvda,w' ]\nroot = \"/dev/xvda1 ro\""),
    ];

    /// <summary>Reads the disks, the boot settings and the guest type.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Of(["disk"], RuleKeys.Boot, RuleKeys.GuestType);

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void Analyze(RuleContext context)
    {
        var model = context.Model;
        if (model.Kind != ConfigKind.Domain || model.Boot.RootValue is not { GuestDevice: { } root } rootValue || model.Disks.Count == 0)
        {
            return;
        }

        // root reaches the kernel with direct kernel boot, and through a bootloader too: libxl passes the command
        // line to it as --args (libxl_bootloader.c, make_bootloader_args) and pygrub appends that to the menu entry's
        // arguments, so the config's root= comes last and wins (pygrub, run_grub; with --kernel it is used as is).
        // Without either (an HVM guest booting from its disk) root is not used. Only xl has cmdline, which replaces root.
        if ((model.Boot.Cmdline is not null && context.Dialect == XenCfg.Syntax.Dialect.Xl) || (model.Boot.Kernel is null && model.Boot.Bootloader is null))
        {
            return;
        }

        // A disk whose vdev cannot be read (a spec the disk rule already reports, or an xm Python expression such as
        // 'phy:sda%d,sda1,w' % (7+vmid)) may be the root disk: no verdict then.
        if (model.Disks.Any(disk => disk.Device is not { IsValid: true }) || model.HasComputedListItems("disk"))
        {
            return;
        }

        var isHvm = model.Domain.Type == GuestType.Hvm;
        if (model.Disks.Any(disk => disk.Device is { IsValid: true } device && Provides(device, root, isHvm)))
        {
            return;
        }

        var known = string.Join(", ", model.Disks.Where(disk => disk.Vdev is not null).Select(disk => disk.Vdev));
        var hint = known.Length > 0 ? $" (its disks: {known})" : string.Empty;
        context.Report(Descriptor, model.Boot.Root!.Setting.Syntax.Value.Span, rootValue.Device.Value, root.CanonicalName ?? rootValue.Device.Value, hint);
    }

    /// <summary>
    /// A modern PV Linux guest names an hdX or sdX disk /dev/xvdX (Linux drivers/block/xen-blkfront.c), so
    /// root=/dev/xvda1 finds disk sda1 there (the IDE/SCSI name itself gets its own warning, XCFG0133).
    /// </summary>
    private static bool NamedXvdByPvGuest(VirtualDeviceScheme disk, VirtualDeviceScheme root) =>
        root == VirtualDeviceScheme.Xvd && disk is VirtualDeviceScheme.Ide or VirtualDeviceScheme.Scsi;

    /// <summary>A disk provides the root device if it is that device, or the whole disk the root partition is on.</summary>
    private static bool Provides(VirtualDevice disk, VirtualDevice root, bool isHvm)
    {
        if (disk.DeviceNumber == root.DeviceNumber)
        {
            return true;
        }

        var sameDisk = disk.DiskIndex == root.DiskIndex
            && (disk.Scheme == root.Scheme || (isHvm ? DuplicateVdevRule.AreHvmAliases(disk.Scheme, root.Scheme) : NamedXvdByPvGuest(disk.Scheme, root.Scheme)));
        return sameDisk && (disk.Partition is null or 0 || disk.Partition == root.Partition);
    }
}
