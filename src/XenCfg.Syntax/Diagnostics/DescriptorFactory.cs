
namespace XenCfg.Syntax.Diagnostics;

/// <summary>Builds descriptors the same way for every layer, so that IDs, help links and categories stay uniform.</summary>
public static class DescriptorFactory
{
    /// <summary>
    /// Help links point at the rule's anchor in docs/rules.md (each rule has a heading `XCFG0001` there).
    /// </summary>
    public const string HelpBaseUri = "https://github.com/xencfgtools/xencfgtools/blob/main/docs/rules.md#";

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string description,
        params string[] tags) =>
        new(id, title, messageFormat, category, severity, isEnabledByDefault: true, description,
            HelpBaseUri + id.ToLowerInvariant(), tags);
}
