using XenCfg.Analysis.Diagnostics;

namespace XenCfg.Analysis.Rules;

/// <summary>
/// One semantic check. A rule owns its descriptors and their documentation, and reports through the
/// <see cref="RuleContext"/>; it must not throw (if it does, the analyzer reports an internal error instead).
/// </summary>
public abstract class ConfigRule
{
    /// <summary>The diagnostics this rule can report, each with its documentation.</summary>
    public abstract IReadOnlyList<CatalogEntry> Entries { get; }

    public abstract void Analyze(RuleContext context);

    protected static CatalogEntry Entry(DiagnosticDescriptor descriptor, string source, string example, string fix) =>
        new(descriptor, new RuleDocumentation(source, example, fix));
}
