using System.Collections.Immutable;
using XenCfg.Analysis.Versions;
using XenCfg.Syntax;

namespace XenCfg.Analysis;

/// <summary>How a user wants a rule reported; <see cref="Off"/> silences it.</summary>
public enum RuleSeverity
{
    Error,
    Warning,
    Info,
    Hint,
    Off,
}

/// <summary>
/// Options for analysing configs: the dialect, the Xen release the configs target, and per-rule severity overrides
/// from the project file or the command line.
/// </summary>
public sealed record AnalysisOptions(Dialect Dialect = Dialect.Xl)
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>The Xen release whose xl decides what is accepted (<see cref="XenVersion.Newest"/> by default).</summary>
    public XenVersion XenVersion { get; init; } = XenVersion.Newest;

    public ImmutableDictionary<string, RuleSeverity> SeverityOverrides { get; init; } =
        ImmutableDictionary<string, RuleSeverity>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public ParseOptions ParseOptions => Dialect == Dialect.Xm ? ParseOptions.Xm : ParseOptions.Default;
}
