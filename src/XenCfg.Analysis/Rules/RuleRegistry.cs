namespace XenCfg.Analysis.Rules;


/// <summary>Every semantic rule, in the order they run.</summary>
public static class RuleRegistry
{
    public static IReadOnlyList<ConfigRule> All { get; } =
    [
        new Keys.UnknownKeyRule(),
        new Keys.ValueShapeRule(),
        new Keys.DuplicateKeyRule(),
        new Keys.NumberValueRule(),
        new Keys.AllowedValueRule(),
        new Keys.DeprecatedKeyRule(),
        new Keys.XmOnlyKeyRule(),
        new Disk.DiskSpecRule(),
        new Disk.DuplicateVdevRule(),
        new Disk.LegacyVdevOnPvRule(),
        new Boot.RootMatchesNoDiskRule(),
        new Boot.CmdlineOverridesRootRule(),
        new Domain.MissingNameRule(),
        new Domain.VcpusExceedMaxvcpusRule(),
        new Domain.MemoryExceedsMaxmemRule(),
        new Nfs.NfsRootRule(),
        new Network.NetworkSettingsRule(),
        new Network.VifSpecRule(),
        new Provisioning.ProvisioningAnnotationRule(),
    ];
}
