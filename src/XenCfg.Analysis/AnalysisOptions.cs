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
/// The effective options for one file: the dialect, the Xen release it targets, per-rule severity overrides (from
/// the project file, then the command line or the editor), and where its domain runs (the host and whether the host
/// starts it at boot), which scopes the cross-file checks.
/// </summary>
public sealed record AnalysisOptions(Dialect Dialect = Dialect.Xl)
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>The Xen release whose xl decides what is accepted (<see cref="XenVersion.Newest"/> by default).</summary>
    public XenVersion XenVersion { get; init; } = XenVersion.Newest;

    public ImmutableDictionary<string, RuleSeverity> SeverityOverrides { get; init; } =
        ImmutableDictionary<string, RuleSeverity>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The dom0 the file's domain runs on, from <c>[hosts]</c> in <c>.xcfg.toml</c>; null for the default host (every
    /// file, when no <c>[hosts]</c> is configured). Local storage and domain names are compared within one host.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>Whether the host starts the domain at boot: the file is in, or linked from, the host's <c>xen/auto/</c>.</summary>
    public bool Autostart { get; init; }

    public ParseOptions ParseOptions => Dialect == Dialect.Xm ? ParseOptions.Xm : ParseOptions.Default;

    /// <summary>
    /// Equal options give equal results: the severities are compared by content, so options computed again from an
    /// unchanged <c>.xcfg.toml</c> (a re-read config, new editor settings that change nothing for this file) are equal
    /// and a workspace does not analyse the file again.
    /// </summary>
    public bool Equals(AnalysisOptions? other) =>
        other is not null
        && Dialect == other.Dialect
        && XenVersion == other.XenVersion
        && Host == other.Host
        && Autostart == other.Autostart
        && SameSeverities(SeverityOverrides, other.SeverityOverrides);

    public override int GetHashCode() => HashCode.Combine(Dialect, XenVersion, Host, Autostart, SeverityOverrides.Count);

    private static bool SameSeverities(ImmutableDictionary<string, RuleSeverity> first, ImmutableDictionary<string, RuleSeverity> second) =>
        ReferenceEquals(first, second)
        || (first.Count == second.Count && first.All(pair => second.TryGetValue(pair.Key, out var severity) && severity == pair.Value));
}
