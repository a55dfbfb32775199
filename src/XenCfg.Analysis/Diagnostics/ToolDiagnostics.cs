using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Diagnostics;

/// <summary>Diagnostics about the tool itself: XCFG0900–0999.</summary>
public static class ToolDiagnostics
{
    private const string Category = "Tool";

    public static readonly DiagnosticDescriptor InternalError = DescriptorFactory.Create(
        "XCFG0900", "Internal error",
        "xcfg failed while analysing this file ({0}), so other findings may be incomplete; please report it with the file",
        Category, DiagnosticSeverity.Error,
        "An exception inside the analysis is turned into this one finding instead of stopping the tool or the language server.");

    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new(InternalError, new RuleDocumentation("XenCfgTools itself", "(any file that makes a rule fail)", "Report the file and the message; the rest of the file is still analysed.")),
    ];
}
