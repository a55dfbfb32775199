using System.Collections.Frozen;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Diagnostics;

/// <summary>
/// Every diagnostic the tools can report, in one place. IDs are stable and ranged by layer:
/// XCFG0001–0099 syntax, XCFG0100–0299 single-file semantics, XCFG0300–0399 cross-file,
/// XCFG0400–0499 provisioning, XCFG0900–0999 the tool itself (suppressions, internal errors).
/// </summary>
public static class DiagnosticCatalog
{
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        .. SyntaxDiagnostics.All,
        .. ToolDiagnostics.All,
    ];

    private static readonly FrozenDictionary<string, DiagnosticDescriptor> ById =
        All.ToFrozenDictionary(descriptor => descriptor.Id, StringComparer.OrdinalIgnoreCase);

    public static DiagnosticDescriptor? Find(string id) => ById.GetValueOrDefault(id);
}
