using XenCfg.Analysis.Diagnostics;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Workspace;

/// <summary>The cross-file part of the catalogue: XCFG0300–0399, found by reading every config of a host together.</summary>
public static class CrossFileDiagnostics
{
    private const string Category = "CrossFile";
    private const string Hotplug = "Xen tools/hotplug/Linux/block (check_sharing); ../shared/reference/sharing.md";

    public static readonly DiagnosticDescriptor SharedWrite = Create(
        "XCFG0300", "Storage written by one domain and used by another",
        "{0} is {1} by `{2}` here and also used by {3}: a disk written by one domain must not be used by any other (the old Xen manual: \"a sure fire way to cause irreparable damage\"); share it read-only, or use NFS or a cluster file system",
        DiagnosticSeverity.Error,
        "Xen's block hotplug script refuses a read-write attach while another running domain uses the device, but only when the second guest starts; nothing checks the files. Two domains that mount one file system read-write corrupt it.");

    public static readonly DiagnosticDescriptor ForcedSharing = Create(
        "XCFG0301", "Sharing forced with w!",
        "{0} is shared with {1}, and `w!` here switches off the sharing check: both domains can write it at once; make sure the file system is built for that (a cluster file system), or give each domain its own disk",
        DiagnosticSeverity.Warning,
        "xm's w! mode attached a disk read-write without the hotplug script's check that no other domain uses it.");

    public static readonly DiagnosticDescriptor SharedNfsRoot = Create(
        "XCFG0302", "Two guests with the same NFS root",
        "the NFS root {0} of `{1}` is also the root of {2}: both guests would write one root file system; export a directory per guest",
        DiagnosticSeverity.Error,
        "A root file system is written by its guest; two guests on one NFS root directory overwrite each other's files.");

    public static readonly DiagnosticDescriptor WriteToSnapshotOrigin = Create(
        "XCFG0303", "Writing the origin of snapshots",
        "{0} is written by `{1}` here, and {2} use copy-on-write snapshots of it: writing the origin under live snapshots fills them and is not advised; keep the origin a pristine image no guest writes",
        DiagnosticSeverity.Warning,
        "An LVM snapshot records the origin's old blocks as the origin changes; a guest writing the origin eats every snapshot's space and can invalidate them.");

    public static readonly DiagnosticDescriptor DuplicateUuid = Create(
        "XCFG0304", "Two domains with one UUID",
        "uuid {0} of `{1}` is also the uuid of {2}: xl refuses to start a domain whose uuid is in use; give each domain its own (or leave uuid out)",
        DiagnosticSeverity.Error,
        "A domain's UUID identifies it to Xen and to management tools; it must be unique on a host.");

    public static readonly DiagnosticDescriptor DuplicateName = Create(
        "XCFG0305", "Two configs for one domain name",
        "the domain name `{0}` is also used by {1}: only one of them can run at a time; rename one if both should run",
        DiagnosticSeverity.Warning,
        "xl refuses to create a domain whose name is already in use. Two configs with one name are often a copy left beside the original.");

    public static readonly DiagnosticDescriptor DuplicateMac = Create(
        "XCFG0306", "Two domains with one MAC",
        "the MAC {0} of `{1}` is also used by {2}: two NICs with one MAC on a network lose packets and DHCP leases; give each its own",
        DiagnosticSeverity.Error,
        "Every network interface needs a MAC address of its own on the network it is bridged to.");

    public static readonly DiagnosticDescriptor DuplicateStaticIp = Create(
        "XCFG0307", "Two domains with one static IP address",
        "the address {0} of `{1}` is also given to {2}: two hosts with one address on a network break each other's connections",
        DiagnosticSeverity.Error,
        "Static addresses (a vif's ip=, xm's ip, or ip= on the kernel command line) must be unique on a network.");

    public static readonly DiagnosticDescriptor DuplicateVifName = Create(
        "XCFG0308", "Two domains with one vifname",
        "the backend interface name {0} of `{1}` is also used by {2}: the second domain's interface cannot get the same name in domain 0",
        DiagnosticSeverity.Error,
        "vifname names the backend network interface in domain 0, where interface names are unique.");

    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new(SharedWrite, new RuleDocumentation(Hotplug,
            "# web-a.cfg\ndisk = [ 'phy:/dev/vg/shared,xvdb,w' ]\n# web-b.cfg\ndisk = [ 'format=raw, vdev=xvdb, access=rw, target=/dev/mapper/vg-shared' ]",
            "# web-a.cfg\ndisk = [ 'phy:/dev/vg/shared,xvdb,r' ]\n# web-b.cfg\ndisk = [ 'format=raw, vdev=xvdb, access=r, target=/dev/mapper/vg-shared' ]")),
        new(ForcedSharing, new RuleDocumentation(Hotplug + "; xm's w! mode (Xen before 4.5)",
            "# a.cfg\ndisk = [ 'phy:/dev/vg/data,xvdb,w!' ]\n# b.cfg\ndisk = [ 'phy:/dev/vg/data,xvdb,w!' ]", "# give each domain its own volume, or use a cluster file system on it")),
        new(SharedNfsRoot, new RuleDocumentation("Linux Documentation/admin-guide/nfs/nfsroot.rst; ../shared/reference/sharing.md",
            "# vm1.cfg and vm2.cfg both\nroot = \"/dev/nfs\"\nextra = \"nfsroot=192.0.2.1:/export/root ip=dhcp\"", "# vm2.cfg\nextra = \"nfsroot=192.0.2.1:/export/vm2 ip=dhcp\"")),
        new(WriteToSnapshotOrigin, new RuleDocumentation("lvcreate(8), lvmthin/snapshot documentation; ../shared/reference/sharing.md (copy-on-write snapshots)",
            "# master.cfg\ndisk = [ 'phy:/dev/vg/master,xvda,w' ]\n# clone1.cfg\ndisk = [ 'phy:/dev/vg/clone1,xvda,w' ]  # xcfg: snapshot-of=vg/master size=1G",
            "# master.cfg: do not run a guest on the origin while clones exist\ndisk = [ 'phy:/dev/vg/master,xvda,r' ]")),
        new(DuplicateUuid, new RuleDocumentation("Xen tools/libs/light/libxl_create.c; docs/man/xl.cfg.5.pod.in (uuid)",
            "# a.cfg and b.cfg both\nuuid = \"c7a5fdb2-cdaf-9455-926a-d65c16db1809\"", "# b.cfg: leave uuid out, xl makes a new one")),
        new(DuplicateName, new RuleDocumentation("Xen tools/libs/light/libxl_create.c (a domain name must be unused); docs/man/xl.cfg.5.pod.in (name)",
            "# web.cfg and web.cfg.bak both\nname = \"web\"", "# keep one config per domain, or rename the copy")),
        new(DuplicateMac, new RuleDocumentation("Xen docs/man/xl-network-configuration.5.pod.in (mac)",
            "# a.cfg and b.cfg both\nvif = [ 'mac=00:16:3e:00:00:01' ]", "# b.cfg\nvif = [ 'mac=00:16:3e:00:00:02' ]")),
        new(DuplicateStaticIp, new RuleDocumentation("Xen docs/man/xl-network-configuration.5.pod.in (ip); Linux Documentation/admin-guide/nfs/nfsroot.rst (ip=)",
            "# a.cfg and b.cfg both\nvif = [ 'ip=192.0.2.10, script=vif-route' ]", "# b.cfg\nvif = [ 'ip=192.0.2.11, script=vif-route' ]")),
        new(DuplicateVifName, new RuleDocumentation("Xen docs/man/xl-network-configuration.5.pod.in (vifname)",
            "# a.cfg and b.cfg both\nvif = [ 'vifname=web0' ]", "# b.cfg\nvif = [ 'vifname=web1' ]")),
    ];

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        DescriptorFactory.Create(id, title, message, Category, severity, description);
}
