using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Rules.Disk;

/// <summary>
/// Two disks of one domain on the same virtual device: libxl turns each vdev into a device number
/// (docs/man/xen-vbd-interface.7.pandoc) and the second disk cannot be attached. On an HVM guest hdX and xvdX
/// with the same letter are the same emulated disk, so they collide too.
/// </summary>
public sealed class DuplicateVdevRule : ConfigRule
{
    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0121", "Virtual device used twice",
        "`{0}` is the same guest device as `{1}` of disk {2}{3}; each disk needs its own vdev",
        DiagnosticSeverity.Error,
        "libxl identifies a disk by its device number; two disks with the same number cannot both be attached.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen docs/man/xen-vbd-interface.7.pandoc; tools/libs/light/libxl_device.c", "type = \"hvm\"\ndisk = [ '/dev/vg/a,,hda', '/dev/vg/b,,xvda' ]", "type = \"hvm\"\ndisk = [ '/dev/vg/a,,hda', '/dev/vg/b,,xvdb' ]"),
    ];

    /// <summary>Reads the disks and the guest type.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Of(["disk"], RuleKeys.GuestType);

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void Analyze(RuleContext context)
    {
        var model = context.Model;
        var isHvm = model.Domain.Type == GuestType.Hvm;
        var seen = new List<DiskEntry>();
        foreach (var disk in model.Disks)
        {
            if (disk.Device is not { IsValid: true } device)
            {
                continue;
            }

            var earlier = seen.FirstOrDefault(other => other.Device!.DeviceNumber == device.DeviceNumber
                || (isHvm && other.Device!.DiskIndex == device.DiskIndex && other.Device.Partition == device.Partition
                    && AreHvmAliases(other.Device.Scheme, device.Scheme)));
            if (earlier is not null)
            {
                var span = VdevSpan(disk);
                var earlierSpan = VdevSpan(earlier);
                var why = earlier.Device!.DeviceNumber == device.DeviceNumber ? string.Empty : " (on an HVM guest hdX and xvdX are the same emulated disk)";
                var related = ImmutableArray.Create(new RelatedLocation(context.Tree.FilePath, earlierSpan,
                    context.Tree.Text.Lines.GetLinePositionSpan(earlierSpan), $"disk {earlier.Index + 1} uses `{earlier.Vdev}`"));
                context.Report(ConfigDiagnostic.Create(Descriptor, span, disk.Vdev, earlier.Vdev, earlier.Index + 1, why).WithRelatedLocations(related));
            }

            seen.Add(disk);
        }
    }

    /// <summary>
    /// On HVM an emulated IDE disk is also offered as the Xen disk of the same letter: hda is xvda
    /// (docs/man/xen-vbd-interface.7.pandoc).
    /// </summary>
    internal static bool AreHvmAliases(VirtualDeviceScheme left, VirtualDeviceScheme right) =>
        (left, right) is (VirtualDeviceScheme.Xvd, VirtualDeviceScheme.Ide) or (VirtualDeviceScheme.Ide, VirtualDeviceScheme.Xvd);

    /// <summary>Where the vdev is written in the file (the whole string when it cannot be located).</summary>
    internal static TextSpan VdevSpan(DiskEntry disk)
    {
        if (disk.Xm?.Device is { } xmDevice)
        {
            return disk.SourceSpan(xmDevice.Span);
        }

        return disk.Xl.SettingOf(XlDiskField.Vdev) is { } parameter ? disk.SourceSpan(parameter.ValueSpan) : disk.Syntax.Span;
    }
}
