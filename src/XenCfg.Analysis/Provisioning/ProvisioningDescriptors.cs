using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Provisioning;

/// <summary>
/// The provisioning part of the catalogue (XCFG0400–0499): problems in the <c># xcfg:</c> annotations that tell
/// `xcfg provision` what to create. `xcfg lint` reports them; `xcfg provision` refuses what they affect.
/// </summary>
public static class ProvisioningDescriptors
{
    public const string Category = "Provisioning";

    public static readonly DiagnosticDescriptor Malformed = Create(
        "XCFG0400", "Malformed annotation",
        "{0}",
        DiagnosticSeverity.Error,
        "An annotation is `# xcfg:` followed by key=value items separated by blanks; a value with blanks goes in double quotes. Anything else cannot be read, and what it meant to say is not provisioned.");

    public static readonly DiagnosticDescriptor UnknownKey = Create(
        "XCFG0401", "Unknown annotation key",
        "`{0}` is not an annotation key{1}",
        DiagnosticSeverity.Error,
        "Annotations know size, fs, populate, snapshot-of, label and uuid on a disk, and populate and client on an NFS root. A misspelt key would silently change what is created, so it is an error.");

    public static readonly DiagnosticDescriptor DuplicateKey = Create(
        "XCFG0402", "Annotation key given twice",
        "`{0}` is given twice in this annotation; keep one",
        DiagnosticSeverity.Error,
        "Each key may appear once per annotation: with two values it is not clear which one was meant.");

    public static readonly DiagnosticDescriptor KeyDoesNotApply = Create(
        "XCFG0403", "Annotation key does not apply here",
        "{0}",
        DiagnosticSeverity.Error,
        "Some keys describe disks (size, fs, snapshot-of, label, uuid), others an NFS root (client); populate applies to both.");

    public static readonly DiagnosticDescriptor BadValue = Create(
        "XCFG0404", "Bad annotation value",
        "{0}",
        DiagnosticSeverity.Error,
        "A size in LVM's units, a file-system type this toolkit can make and verify (ext4, ext3, ext2, swap, none), a label of at most 16 bytes (15 on swap, which mkswap cuts silently), a UUID, a VG/LV name LVM accepts, an IPv4 address.");

    public static readonly DiagnosticDescriptor UnsafePath = Create(
        "XCFG0405", "Path refused for provisioning",
        "{0}",
        DiagnosticSeverity.Error,
        "`xcfg provision` creates and reads only absolute paths written in normal form (no `.`, `..` or `//`), without control characters; NFS export paths also without blanks, quotes, `\\` or `#`, which exports(5) would read differently.");

    public static readonly DiagnosticDescriptor NotAttached = Create(
        "XCFG0406", "Annotation on nothing to provision",
        "{0}",
        DiagnosticSeverity.Warning,
        "An annotation belongs on the line of a disk entry (after it, or on the line just above it), or on the nfs_root line (xm) or the extra/cmdline line holding nfsroot= (xl). Anywhere else nothing reads it.");

    public static readonly DiagnosticDescriptor Ambiguous = Create(
        "XCFG0407", "Annotation shared by several disks",
        "this line holds {0} disk entries, so the annotation could be meant for any of them; put each disk on its own line with its own annotation",
        DiagnosticSeverity.Error,
        "An annotation describes one disk. On a line with several disk entries it cannot say which.");

    public static readonly DiagnosticDescriptor MissingSize = Create(
        "XCFG0408", "Disk to create without a size",
        "{0}",
        DiagnosticSeverity.Error,
        "There is no default size: a disk is created only with an explicit size= (or `xcfg provision --size`), so a typo never makes a 4 GiB image where 40 were meant.");

    public static readonly DiagnosticDescriptor NotProvisionable = Create(
        "XCFG0409", "Disk cannot be provisioned",
        "{0}",
        DiagnosticSeverity.Error,
        "`xcfg provision` creates raw image files and LVM logical volumes. CD-ROMs, network disks (iSCSI, DRBD, NBD), qcow/vhd images and plain block devices or partitions are not created by it.");

    public static readonly DiagnosticDescriptor AnnotatedTwice = Create(
        "XCFG0410", "Disk annotated twice",
        "this disk already has an annotation {0}; merge the two into one",
        DiagnosticSeverity.Error,
        "A disk takes one annotation, either after it on its line or on the line just above it.");

    public static readonly DiagnosticDescriptor NoClient = Create(
        "XCFG0411", "NFS root without a client address",
        "{0}",
        DiagnosticSeverity.Error,
        "The NFS root is exported to exactly one address, never to the world. Without a static address in the config (xm's ip, or ip=CLIENT:... on the kernel command line) the annotation must name it with client=.");

    public static readonly DiagnosticDescriptor Contradiction = Create(
        "XCFG0412", "Annotation keys that contradict each other",
        "{0}",
        DiagnosticSeverity.Error,
        "populate, label and uuid need a file system that holds them (ext2/3/4; swap takes a label and uuid but no files). A snapshot takes its contents from its origin, so it has no fs, populate, label or uuid of its own, and only an LVM volume can be one.");

    public static readonly DiagnosticDescriptor NfsRootNotBooted = Create(
        "XCFG0413", "NFS root of a guest that does not boot from NFS",
        "{0}",
        DiagnosticSeverity.Error,
        "A guest mounts its NFS root only when its kernel is told root=/dev/nfs (the root setting, or root= on the kernel command line). An exported root no guest boots from is a read-write, no_root_squash export that serves nobody, and two such configs would export one directory twice; `xcfg provision` exports only the root of a guest that boots from it.");

    public static readonly DiagnosticDescriptor UnusableDomainName = Create(
        "XCFG0414", "Domain name unusable for the exports file",
        "{0}",
        DiagnosticSeverity.Error,
        "The exports entry of an NFS root goes in /etc/exports.d/xcfg-NAME.exports, named after the domain. xl accepts any name (libxl checks only that it is unique), but a name with blanks, slashes or control characters would make another file, or one that exportfs skips; `xcfg provision` takes names of letters, digits, `_`, `.` and `-` only, checked to the end of the string.");

    public static readonly DiagnosticDescriptor SystemDirectory = Create(
        "XCFG0415", "System directory as NFS root or populate source",
        "{0}",
        DiagnosticSeverity.Error,
        "An NFS root is exported read-write with no_root_squash, so its guest's root owns every file in it; a populate source is copied whole into a guest's disk. Host directories such as /etc, /root, /boot, /usr, /var, /proc, /sys, /dev and /run (the list is in docs/provisioning.md) would hand the host's configuration, secrets and programs to a guest. `xcfg provision` refuses them, also when a symbolic link leads there, unless `--allow-system-path` names the directory.");

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        DescriptorFactory.Create(id, title, message, Category, severity, description);
}
