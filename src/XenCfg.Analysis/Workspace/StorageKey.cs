namespace XenCfg.Analysis.Workspace;

/// <summary>What kind of thing a storage key names.</summary>
public enum StorageKind
{
    /// <summary>An LVM logical volume, by volume group and volume name.</summary>
    LogicalVolume,

    /// <summary>A block device path (a disk or a partition of it).</summary>
    BlockDevice,

    /// <summary>An image file.</summary>
    File,

    /// <summary>A network block device: an iSCSI target, a DRBD resource, an NBD export.</summary>
    Network,

    /// <summary>An NFS export used as a root file system.</summary>
    NfsRoot,

    /// <summary>A device identified by the host (major:minor, or a file's device and inode), with --resolve.</summary>
    HostDevice,
}

/// <summary>
/// The canonical name of a piece of storage, so that the many ways of naming one device compare equal
/// (../shared/reference/sharing.md): <c>phy:hda3</c> = <c>/dev/hda3</c>; <c>/dev/vg/lv</c> =
/// <c>/dev/mapper/vg-lv</c>; file paths with <c>.</c>, <c>..</c> and <c>//</c> collapsed.
/// </summary>
/// <param name="Kind">What is named.</param>
/// <param name="Name">The canonical name within the kind (for a partition, its whole disk).</param>
/// <param name="Partition">For a partition of a block device, its number; null for a whole device.</param>
public sealed record StorageKey(StorageKind Kind, string Name, int? Partition = null)
{
    /// <summary>
    /// Two keys overlap when they name the same storage, or one is a whole disk and the other a partition of it:
    /// writing /dev/sdb clobbers /dev/sdb1.
    /// </summary>
    public bool Overlaps(StorageKey other) =>
        Kind == other.Kind && Name == other.Name && (Partition is null || other.Partition is null || Partition == other.Partition);

    /// <summary>The key with the partition dropped: the unit two uses are grouped by.</summary>
    public StorageKey WholeDevice => Partition is null ? this : this with { Partition = null };

    public override string ToString() => Kind switch
    {
        StorageKind.LogicalVolume => $"/dev/{Name}",
        StorageKind.NfsRoot => $"NFS {Name}",
        _ => Partition is { } partition ? $"{Name} (partition {partition})" : Name,
    };
}
