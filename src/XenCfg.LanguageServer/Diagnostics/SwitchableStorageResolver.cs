using System.Collections.Immutable;
using XenCfg.Analysis.Workspace;

namespace XenCfg.LanguageServer.Diagnostics;

/// <summary>
/// The host's resolver while the setting <c>xcfg.hostChecks</c> is on, the configs' own names while it is off. The
/// workspace keeps one resolver for its life; turning the setting on or off changes <see cref="Generation"/>, and the
/// analyzer then analyses every file again (<see cref="WorkspaceAnalyzer"/>), which asks whichever is current.
/// </summary>
internal sealed class SwitchableStorageResolver(IStorageResolver? host) : IStorageResolver
{
    private volatile bool _enabled;
    private int _generation;

    /// <summary>Whether the host is asked (only when there is a host resolver to ask).</summary>
    public bool Enabled
    {
        get => _enabled && host is not null;
        set
        {
            if (_enabled != value)
            {
                _enabled = value;
                Interlocked.Increment(ref _generation);
            }
        }
    }

    /// <summary>Changes each time the setting is turned on or off: results computed under another generation are stale.</summary>
    public int Generation => Volatile.Read(ref _generation);

    private IStorageResolver Current => Enabled ? host! : ConfigOnlyResolver.Instance;

    public StorageKey Resolve(StorageKey key) => Current.Resolve(key);

    public ImmutableArray<(StorageKey Clone, StorageKey Origin)> SnapshotsOf(IEnumerable<StorageKey> keys) => Current.SnapshotsOf(keys);

    public ImmutableArray<HostStorageUse> HostUsesOf(StorageKey written) => Current.HostUsesOf(written);
}
