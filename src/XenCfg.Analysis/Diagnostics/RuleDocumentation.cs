namespace XenCfg.Analysis.Diagnostics;

/// <summary>
/// What `xcfg explain` and docs/rules.md say about a diagnostic beyond its descriptor: where the rule comes from, a
/// config that triggers it, and the fixed config.
/// </summary>
/// <param name="Source">The authority for the rule: the Xen source file or manual page (or kernel document) it follows.</param>
/// <param name="Example">A short config fragment that triggers the diagnostic.</param>
/// <param name="Fix">The same fragment corrected (or an explanation when there is nothing to write).</param>
public sealed record RuleDocumentation(string Source, string Example, string Fix);

/// <summary>A descriptor with its documentation: one entry of the catalogue.</summary>
public sealed record CatalogEntry(DiagnosticDescriptor Descriptor, RuleDocumentation Documentation)
{
    public string Id => Descriptor.Id;
}
