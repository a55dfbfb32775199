namespace XenCfg.Analysis.Rules;


/// <summary>Every semantic rule, in the order they run.</summary>
public static class RuleRegistry
{
    public static IReadOnlyList<ConfigRule> All { get; } =
    [
        new Keys.DuplicateKeyRule(),
        new Boot.CmdlineOverridesRootRule(),
        new Domain.MissingNameRule(),
        new Domain.VcpusExceedMaxvcpusRule(),
        new Domain.MemoryExceedsMaxmemRule(),
    ];
}
