using System.Collections.Immutable;

namespace XenCfg.Analysis.Workspace;

/// <summary>
/// Asks the host what storage names really refer to (symlinks under /dev/disk/by-*, device numbers, LVM snapshot
/// origins). The analysis never touches the host itself: the command line hands it a resolver for `--resolve`.
/// </summary>
public interface IStorageResolver
{
    /// <summary>The key the host knows the storage by (the same key when it cannot tell).</summary>
    StorageKey Resolve(StorageKey key);

    /// <summary>Copy-on-write relationships the host knows for these keys (each a snapshot and its origin).</summary>
    ImmutableArray<(StorageKey Clone, StorageKey Origin)> SnapshotsOf(IEnumerable<StorageKey> keys);

    /// <summary>
    /// What on this host uses the storage a disk names (<paramref name="written"/>, as the config writes it): dom0's
    /// mounts and swap, running domains (see <see cref="HostStorageCheck"/>). Nothing, unless the resolver asks the host.
    /// </summary>
    ImmutableArray<HostStorageUse> HostUsesOf(StorageKey written) => [];
}

/// <summary>Resolves nothing: keys are compared as the configs write them (the default, without --resolve).</summary>
public sealed class ConfigOnlyResolver : IStorageResolver
{
    public static ConfigOnlyResolver Instance { get; } = new();

    public StorageKey Resolve(StorageKey key) => key;

    public ImmutableArray<(StorageKey Clone, StorageKey Origin)> SnapshotsOf(IEnumerable<StorageKey> keys) => [];
}
