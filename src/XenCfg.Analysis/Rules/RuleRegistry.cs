namespace XenCfg.Analysis.Rules;

/// <summary>Every semantic rule, in the order they run.</summary>
public static class RuleRegistry
{
    public static IReadOnlyList<ConfigRule> All { get; } =
    [
    ];
}
