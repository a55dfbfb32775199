using System.Collections.Immutable;
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

/// <summary>Options for analysing configs: the dialect, and per-rule severity overrides from the project file or the command line.</summary>
public sealed record AnalysisOptions(Dialect Dialect = Dialect.Xl)
{
    public static AnalysisOptions Default { get; } = new();

    public ImmutableDictionary<string, RuleSeverity> SeverityOverrides { get; init; } =
        ImmutableDictionary<string, RuleSeverity>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public ParseOptions ParseOptions => Dialect == Dialect.Xm ? ParseOptions.Xm : ParseOptions.Default;
}
