namespace XenCfg.Provisioning.Host;

/// <summary>What a path is.</summary>
public enum FileKind
{
    Regular,
    Directory,
    BlockDevice,
    SymbolicLink,
    Other,
}

/// <summary>The facts of <c>stat</c> the provisioner needs.</summary>
/// <param name="Kind">What the path is.</param>
/// <param name="Size">Length in bytes (for a regular file).</param>
/// <param name="AllocatedBlocks">512-byte blocks allocated on disk (0 for a file that is all holes).</param>
/// <param name="Mode">Permission bits (e.g. 0600).</param>
/// <param name="Inode">The inode number.</param>
/// <param name="Device">The file system it lives on, as MAJOR:MINOR.</param>
/// <param name="DeviceNumber">For a block device, its own MAJOR:MINOR.</param>
public sealed record FileStatus(FileKind Kind, long Size, long AllocatedBlocks, int Mode, ulong Inode, string Device, string? DeviceNumber);

/// <summary>
/// The host's file system as the provisioner sees it. Everything the planner checks and the executor changes
/// goes through here (or <see cref="ICommandRunner"/>), so the decisions can be tested with a fake host.
/// </summary>
public interface IHostFileSystem
{
    /// <summary>The status of <paramref name="path"/> (of the link itself unless <paramref name="followLinks"/>), or null when it does not exist.</summary>
    FileStatus? Stat(string path, bool followLinks = false);

    /// <summary>Bytes an unprivileged writer may still use on the file system holding <paramref name="directory"/> (statvfs).</summary>
    long AvailableBytes(string directory);

    /// <summary>
    /// True when the first <paramref name="length"/> bytes of <paramref name="path"/> are all zeros or holes: no
    /// data at all. Holes are skipped (SEEK_DATA), so a sparse file is checked without reading it.
    /// </summary>
    bool IsAllZero(string path, long length);

    /// <summary>True when a block device cannot be opened exclusively (EBUSY: mounted, swap, or held by another device).</summary>
    bool IsDeviceBusy(string path);

    /// <summary>The path with every symbolic link followed (/dev/vg/lv is /dev/dm-3); the path itself when it is none.</summary>
    string ResolveLinks(string path);

    /// <summary>
    /// The real path (realpath(3)) of <paramref name="path"/>: every symbolic link of its existing part resolved, in
    /// every component, and the part that does not exist yet (what a run creates) appended as written. Throws
    /// <see cref="IOException"/> when it cannot be resolved (a loop of links, no permission).
    /// </summary>
    string RealPath(string path);

    /// <summary>The ids of processes that have <paramref name="path"/> open (from /proc/*/fd).</summary>
    IReadOnlyList<int> ProcessesHolding(string path);

    /// <summary>The text of a file (for /proc/self/mountinfo, /proc/swaps and exports files); null when it does not exist.</summary>
    string? ReadText(string path);

    /// <summary>The names in a directory (not recursive).</summary>
    IReadOnlyList<string> ListDirectory(string path);

    /// <summary>Creates a sparse file: exclusively (fails when the path exists), mode 0600, no block written.</summary>
    void CreateSparseFile(string path, long length);

    /// <summary>Creates one directory, mode 0755; fails when it exists.</summary>
    void CreateDirectory(string path);

    /// <summary>Creates a file with this content exclusively (fails when the path exists), mode 0644.</summary>
    void WriteNewFile(string path, string content);

    /// <summary>Removes a file (not a directory; a symbolic link itself, never its target). Used only to undo what a run wrote.</summary>
    void DeleteFile(string path);
}
