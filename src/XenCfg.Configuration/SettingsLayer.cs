using System.Collections.Immutable;
using XenCfg.Analysis;
using XenCfg.Analysis.Versions;
using XenCfg.Syntax;

namespace XenCfg.Configuration;

/// <summary>
/// What one source of settings says: the command line, an editor's settings, an <c>.xcfg.toml</c>. A member left
/// null (or a rule left out) is not set by this source, and the sources below it decide (see <see cref="ProjectOptions"/>).
/// </summary>
public sealed record SettingsLayer
{
    // Before Empty, which reads it when it is created.
    internal static readonly ImmutableDictionary<string, RuleSeverity> NoRules =
        ImmutableDictionary<string, RuleSeverity>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public static SettingsLayer Empty { get; } = new();

    public Dialect? Dialect { get; init; }

    public XenVersion? XenVersion { get; init; }

    /// <summary>Severities by diagnostic ID (compared without case).</summary>
    public ImmutableDictionary<string, RuleSeverity> Rules { get; init; } = NoRules;

    public int? MaxWarnings { get; init; }

    /// <summary>The largest file read, in bytes.</summary>
    public long? MaxFileSize { get; init; }
}
