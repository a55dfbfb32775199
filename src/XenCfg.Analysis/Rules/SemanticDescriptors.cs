using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Rules;

/// <summary>Creates the descriptors of single-file rules (XCFG0100–0299) uniformly.</summary>
internal static class SemanticDescriptors
{
    public const string Category = "Semantic";

    public static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        DescriptorFactory.Create(id, title, message, Category, severity, description);
}
