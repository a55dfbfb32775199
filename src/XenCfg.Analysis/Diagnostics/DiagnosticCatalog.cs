using System.Collections.Frozen;
using XenCfg.Analysis.Rules;

namespace XenCfg.Analysis.Diagnostics;

/// <summary>
/// Every diagnostic the tools can report, with its documentation, in one place. IDs are stable and ranged by
/// layer: XCFG0001–0099 syntax, XCFG0100–0299 single-file semantics, XCFG0300–0399 cross-file (0310–0319: the host's own use of a disk),
/// XCFG0400–0499 provisioning, XCFG0900–0999 the tool itself (suppressions, internal errors).
/// </summary>
public static class DiagnosticCatalog
{
    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        .. SyntaxDocumentation.Entries,
        .. RuleRegistry.All.SelectMany(rule => rule.Entries),
        .. Workspace.CrossFileDiagnostics.Entries,
        .. Workspace.HostStorageCheck.Entries,
        .. ToolDiagnostics.Entries,
    ];

    private static readonly FrozenDictionary<string, CatalogEntry> ById =
        Entries.ToFrozenDictionary(entry => entry.Id, StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<DiagnosticDescriptor> All => Entries.Select(entry => entry.Descriptor);

    public static CatalogEntry? Find(string id) => ById.GetValueOrDefault(id);
}
