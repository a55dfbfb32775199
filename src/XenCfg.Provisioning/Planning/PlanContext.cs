using XenCfg.Provisioning.Host;

namespace XenCfg.Provisioning.Planning;

/// <summary>
/// What the planner has learnt about the host, read once per run and only when a resource needs it (a run with only
/// image files never calls vgs). A tool that fails is remembered, so every resource needing it is refused with the
/// same reason.
/// </summary>
internal sealed class PlanContext(HostTools host, ProvisionOptions options)
{
    private Memo<IReadOnlyList<VolumeGroupInfo>>? _volumeGroups;
    private Memo<IReadOnlyList<LogicalVolumeInfo>>? _logicalVolumes;
    private Memo<IReadOnlyList<ExportEntry>>? _activeExports;
    private Memo<IReadOnlyList<ExportEntry>>? _configuredExports;

    public HostTools Host { get; } = host;

    public ProvisionOptions Options { get; } = options;

    /// <summary>Every resource planned so far (a snapshot looks for its origin among them).</summary>
    public List<PlannedResource> Resources { get; } = [];

    public IReadOnlyList<VolumeGroupInfo> VolumeGroups => (_volumeGroups ??= Memo.Of(Host.VolumeGroups)).Value;

    public IReadOnlyList<LogicalVolumeInfo> LogicalVolumes => (_logicalVolumes ??= Memo.Of(Host.LogicalVolumes)).Value;

    /// <summary>What the NFS server exports now (exportfs -s).</summary>
    public IReadOnlyList<ExportEntry> ActiveExports => (_activeExports ??= Memo.Of(() => ExportConflicts.Active(Host))).Value;

    /// <summary>What the exports files configure (active or not: the next exportfs -r activates them all).</summary>
    public IReadOnlyList<ExportEntry> ConfiguredExports =>
        (_configuredExports ??= Memo.Of(() => ExportsFileParser.ReadConfigured(Host.Files, Options.ExportsFile, Options.ExportsDirectory))).Value;

    private sealed class Memo<T>(T? value, HostToolException? error)
    {
        public T Value => error is null ? value! : throw error;
    }

    private static class Memo
    {
        public static Memo<T> Of<T>(Func<T> read)
        {
            try
            {
                return new Memo<T>(read(), null);
            }
            catch (HostToolException exception)
            {
                return new Memo<T>(default, exception);
            }
        }
    }
}
