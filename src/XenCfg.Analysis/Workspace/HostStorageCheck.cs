using System.Collections.Immutable;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Workspace;

/// <summary>How something on the host (dom0) is using a piece of storage right now.</summary>
public enum HostUseKind
{
    /// <summary>A file system on it is mounted in dom0.</summary>
    Mounted,

    /// <summary>dom0 uses it as swap.</summary>
    Swap,

    /// <summary>A running domain has it attached (a block backend in xenstore).</summary>
    Domain,
}

/// <summary>One use of a disk's storage on the host, as the host reports it.</summary>
/// <param name="Kind">Mounted, swap, or attached to a running domain.</param>
/// <param name="Where">The mount point, the swap area, or the domain's name.</param>
/// <param name="ReadWrite">Mounted read-write, or attached read-write (swap is always written).</param>
/// <param name="Via">How the disk reaches it, for the message: empty, or e.g. "through /dev/loop3".</param>
public sealed record HostStorageUse(HostUseKind Kind, string Where, bool ReadWrite, string Via);

/// <summary>
/// The dom0 check of the Xen manual ("Xend will attempt to prevent you from doing this by checking that the device is
/// not mounted read-write in domain 0, and hasn't already been exported read-write to another domain"), as the block
/// hotplug script makes it when a domain starts (tools/hotplug/Linux/block, check_sharing): a disk a config writes
/// must not be mounted in dom0 at all, nor attached to another running domain; a disk it reads must not be mounted
/// read-write, nor attached read-write elsewhere. Swap is written by dom0, so it counts as a read-write mount. xm's
/// <c>w!</c> switches the check off, as the script does. The host's answers come from the resolver
/// (<see cref="IStorageResolver.HostUsesOf"/>): only `xcfg lint --resolve`, the editor when asked, and
/// `xcfg provision` hand in one that asks the host.
/// </summary>
public static class HostStorageCheck
{
    private const string Category = "Host";
    private const string Source = "The Xen 3 manual, 6.1 \"Exporting Physical Devices as VBDs\"; Xen tools/hotplug/Linux/block (check_sharing, check_file_sharing)";

    public static readonly DiagnosticDescriptor MountedInDom0 = Create(
        "XCFG0310", "Disk mounted in dom0",
        "{0} is mounted in dom0 at {1}{2}: {3}",
        "Xen's block hotplug script refuses to give a guest a device dom0 has mounted (read-write use: mounted at all; read-only use: mounted read-write), because two kernels writing one file system destroy it. Checked on this host, by device number, through LVM volumes, partitions, device-mapper holders and loop devices.");

    public static readonly DiagnosticDescriptor SwapInDom0 = Create(
        "XCFG0311", "Disk used as swap in dom0",
        "{0} is swap space of dom0 ({1}{2}): dom0 writes it at any moment, so a guest must not use it; `swapoff` it first, or give the guest another disk",
        "A swap area is written by dom0's kernel whenever it pages; a guest using the same device (even read-only) reads garbage and corrupts dom0's memory when it writes.");

    public static readonly DiagnosticDescriptor InUseByDomain = Create(
        "XCFG0312", "Disk in use by a running domain",
        "{0} is attached {1} to the running domain `{2}`{3}: {4}",
        "Xen's block hotplug script refuses a read-write attach of a device another running domain uses, and a read-only attach of one another domain writes (xenstore's block backends say which); the guest of this config would fail to start, or, with the check skipped, corrupt the other's file system.");

    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new(MountedInDom0, new RuleDocumentation(Source,
            "# /dev/vg/data is mounted at /srv/data in dom0\ndisk = [ 'phy:vg/data,xvdb,w' ]",
            "# umount /srv/data in dom0 first (and remove it from /etc/fstab), or give the guest its own volume\ndisk = [ 'phy:vg/web-data,xvdb,w' ]")),
        new(SwapInDom0, new RuleDocumentation(Source + "; swapon(8)",
            "# /dev/vg/swap is in /proc/swaps\ndisk = [ 'phy:vg/swap,xvdb,w' ]",
            "# give the guest a swap volume of its own\ndisk = [ 'phy:vg/vm1-swap,xvdb,w' ]")),
        new(InUseByDomain, new RuleDocumentation(Source,
            "# the running domain `web` has /dev/vg/data attached read-write\ndisk = [ 'phy:vg/data,xvdb,w' ]",
            "disk = [ 'phy:vg/data,xvdb,r' ]  # only if `web` attaches it read-only too; otherwise a volume of its own")),
    ];

    /// <summary>The dom0 findings of one config: for each disk, what on the host conflicts with how the config uses it.</summary>
    public static ImmutableArray<ConfigDiagnostic> Find(SemanticModel model, IStorageResolver resolver)
    {
        if (model.Kind != ConfigKind.Domain)
        {
            return [];
        }

        var found = ImmutableArray.CreateBuilder<ConfigDiagnostic>();
        var domain = model.Domain.Name?.Text;
        foreach (var disk in model.Disks)
        {
            // w! skips the check (check_device_sharing); network disks and empty CD-ROM drives have nothing on this host.
            if (disk.Access == DiskAccess.SharedWrite || disk.Target is not { Length: > 0 } target || disk.Script is not null
                || StorageIdentity.ForDisk(target, null) is not { } key)
            {
                continue;
            }

            var writes = disk.Access == DiskAccess.ReadWrite;
            var name = $"`{target}`";
            var span = FileFacts.TargetSpan(disk);
            foreach (var use in resolver.HostUsesOf(key))
            {
                var via = use.Via.Length == 0 ? string.Empty : " " + use.Via;
                switch (use.Kind)
                {
                    case HostUseKind.Mounted when writes || use.ReadWrite:
                        found.Add(ConfigDiagnostic.Create(MountedInDom0, span, name, use.Where, $"{via} ({(use.ReadWrite ? "read-write" : "read-only")})",
                            writes
                                ? "xl's hotplug script refuses to attach a mounted device read-write (\"mounted in the privileged domain\"); unmount it in dom0 first, or give the guest another disk"
                                : "xl's hotplug script refuses even a read-only attach while dom0 has it mounted read-write; remount it read-only in dom0, or give the guest another disk"));
                        break;
                    case HostUseKind.Swap:
                        found.Add(ConfigDiagnostic.Create(SwapInDom0, span, name, use.Where, via));
                        break;
                    case HostUseKind.Domain when use.Where != domain && (writes || use.ReadWrite):
                        found.Add(ConfigDiagnostic.Create(InUseByDomain, span, name, use.ReadWrite ? "read-write" : "read-only", use.Where, via,
                            writes
                                ? "xl's hotplug script refuses a read-write attach while another domain uses it; stop that domain, or give this one another disk"
                                : "xl's hotplug script refuses a read-only attach while another domain writes it; give this guest another disk"));
                        break;
                }
            }
        }

        return found.ToImmutable();
    }

    private static DiagnosticDescriptor Create(string id, string title, string message, string description) =>
        DescriptorFactory.Create(id, title, message, Category, DiagnosticSeverity.Error, description);
}
