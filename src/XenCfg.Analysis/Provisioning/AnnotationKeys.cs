namespace XenCfg.Analysis.Provisioning;

/// <summary>What an annotation is attached to.</summary>
[Flags]
public enum AnnotationTargets
{
    None = 0,

    /// <summary>An element of <c>disk = [...]</c>.</summary>
    Disk = 1,

    /// <summary>The NFS root: the <c>nfs_root</c> line (xm) or the <c>extra</c>/<c>cmdline</c> line holding <c>nfsroot=</c> (xl).</summary>
    NfsRoot = 2,
}

/// <summary>One annotation key: its name, where it applies, and what it means (for completion and `xcfg explain`).</summary>
public sealed record AnnotationKey(string Name, AnnotationTargets AppliesTo, string Value, string Description);

/// <summary>The keys an annotation may hold. A small set on purpose: each one is something `xcfg provision` can make and verify.</summary>
public static class AnnotationKeys
{
    public const string Size = "size";
    public const string Fs = "fs";
    public const string Populate = "populate";
    public const string SnapshotOf = "snapshot-of";
    public const string Label = "label";
    public const string Uuid = "uuid";
    public const string Client = "client";

    /// <summary>The file-system types `fs=` accepts: what mkfs on this project's machine kind makes and blkid/dumpe2fs verify.</summary>
    public static IReadOnlyList<string> FilesystemTypes { get; } = ["ext4", "ext3", "ext2", "swap", "none"];

    public static IReadOnlyList<AnnotationKey> All { get; } =
    [
        new(Size, AnnotationTargets.Disk, "SIZE",
            "The size of the image file or logical volume (of the copy-on-write area for a snapshot), in LVM's units: a number and one of b, s, k, m, g, t, p, e (powers of two, either case; no letter means MiB). Required for anything to be created."),
        new(Fs, AnnotationTargets.Disk, "ext4|ext3|ext2|swap|none",
            "The file system to make on the new disk (no partition table: the guest sees the file system on the whole device). Without fs= (or with none) the disk is left blank."),
        new(Populate, AnnotationTargets.Disk | AnnotationTargets.NfsRoot, "/ABSOLUTE/DIR",
            "A directory whose contents are copied into the new file system (mkfs -d, without mounting) or into the new NFS root directory. Applied only when the file system or directory is created."),
        new(SnapshotOf, AnnotationTargets.Disk, "VG/LV",
            "Make this LVM volume a copy-on-write snapshot of another volume of the same volume group (lvcreate -s); size= is the snapshot's copy-on-write space."),
        new(Label, AnnotationTargets.Disk, "TEXT",
            "The file-system label (at most 16 bytes; 15 on swap), e.g. for root=LABEL=... in the guest."),
        new(Uuid, AnnotationTargets.Disk, "UUID",
            "The file-system UUID (8-4-4-4-12 hex digits), e.g. for root=UUID=... in the guest."),
        new(Client, AnnotationTargets.NfsRoot, "IPv4",
            "The one address the NFS root is exported to. Defaults to the guest's static address (xm's ip, or the client field of ip= on the kernel command line)."),
    ];

    public static AnnotationKey? Find(string name) => All.FirstOrDefault(key => key.Name == name);

    /// <summary>The closest known key to a misspelt one (within a third of its length, at least one edit), or null.</summary>
    public static string? Suggest(string unknown)
    {
        var wanted = unknown.ToLowerInvariant().Replace('_', '-');
        var best = All
            .Select(key => (key.Name, Distance: Keys.SuggestionDistance.Between(wanted, key.Name)))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .First();
        return best.Distance <= Math.Max(1, wanted.Length / 3) ? best.Name : null;
    }

    /// <summary>The closest file-system type to an unknown one, or null.</summary>
    public static string? SuggestFilesystem(string unknown)
    {
        var wanted = unknown.ToLowerInvariant();
        var best = FilesystemTypes
            .Select(name => (Name: name, Distance: Keys.SuggestionDistance.Between(wanted, name)))
            .OrderBy(candidate => candidate.Distance)
            .First();
        return best.Distance <= 1 ? best.Name : null;
    }
}
