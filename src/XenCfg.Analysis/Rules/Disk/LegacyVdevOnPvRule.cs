using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs.Disk;

namespace XenCfg.Analysis.Rules.Disk;

/// <summary>
/// <c>hd*</c>/<c>sd*</c> vdevs on a PV guest: a PV guest gets every disk as a Xen VBD only, and modern Linux
/// names them /dev/xvd*, so the advice for PV guests is to give xvd* names only
/// (docs/man/xen-vbd-interface.7.pandoc, "Notes on Linux as a guest").
/// </summary>
public sealed class LegacyVdevOnPvRule : ConfigRule
{
    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0133", "IDE or SCSI name on a PV guest",
        "`{0}` on a {2} guest: a modern Linux guest names this disk `/dev/{1}`, not `/dev/{0}`; write `{1}` (and use it in `root`)",
        DiagnosticSeverity.Warning,
        "PV guests see only Xen virtual disks. Old Linux guests took over hd/sd names; modern ones use xvd names, so hd*/sd* in a PV config no longer match the device inside the guest.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen docs/man/xen-vbd-interface.7.pandoc (Notes on Linux as a guest); Linux drivers/block/xen-blkfront.c (xen_translate_vdev)", "disk = [ 'phy:/dev/vg/vm1,sda1,w' ]\nroot = \"/dev/sda1 ro\"", "disk = [ 'phy:/dev/vg/vm1,xvda1,w' ]\nroot = \"/dev/xvda1 ro\""),
    ];

    /// <summary>Reads the disks and the guest type.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Of(["disk"], RuleKeys.GuestType);

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void Analyze(RuleContext context)
    {
        var model = context.Model;
        if (model.Kind != ConfigKind.Domain || model.Domain.Type == GuestType.Hvm)
        {
            return;
        }

        foreach (var disk in model.Disks)
        {
            if (disk.Device is { IsValid: true, Scheme: VirtualDeviceScheme.Ide or VirtualDeviceScheme.Scsi, DiskIndex: >= 0 } device)
            {
                var xvd = "xvd" + VirtualDeviceParser.DiskLetters(device.DiskIndex!.Value) + (device.Partition > 0 ? device.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
                context.Report(Descriptor, DuplicateVdevRule.VdevSpan(disk), disk.Vdev, xvd, model.Domain.Type == GuestType.Pvh ? "PVH" : "PV");
            }
        }
    }
}
