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

    public static readonly DiagnosticDescriptor UnusedSuppression = DescriptorFactory.Create(
        "XCFG0901", "Suppression that suppresses nothing",
        "this `{0}` comment suppresses nothing{1}: remove it, or correct the ID",
        Category, DiagnosticSeverity.Warning,
        "A suppression left behind after the problem was fixed, or one with a mistyped ID, would hide the next real problem.");

    public static readonly DiagnosticDescriptor UnknownSuppressionId = DescriptorFactory.Create(
        "XCFG0902", "Suppression of an unknown ID",
        "`{0}` is not a diagnostic ID; run `xcfg explain` for the list",
        Category, DiagnosticSeverity.Warning,
        "A suppression names diagnostics by ID (XCFG0123); an unknown ID suppresses nothing.");

    public static readonly DiagnosticDescriptor TooManyFindings = DescriptorFactory.Create(
        "XCFG0903", "Too many findings of one kind",
        "`{0}` was found {1} more times in this file; only the first {2} are listed",
        Category, DiagnosticSeverity.Info,
        "A file with thousands of the same problem is listed up to a limit per rule, to keep the output and the memory it needs reasonable.");

    public static readonly DiagnosticDescriptor ProjectConfigUnusable = DescriptorFactory.Create(
        "XCFG0904", "Project configuration that cannot be used",
        "the project configuration does not apply to this file: {0}; the file is checked without it until it is corrected",
        Category, DiagnosticSeverity.Error,
        "In the editor, a `.xcfg.toml` that cannot be read (not TOML, an unknown setting, rule ID or severity, a file claimed by two hosts) is reported at the top of each file it would apply to, which is then checked with the editor's settings alone; `xcfg lint` stops with exit code 2 and the same message.");

    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new(InternalError, new RuleDocumentation("XenCfgTools itself", "(any file that makes a rule fail)", "Report the file and the message; the rest of the file is still analysed.")),
        new(UnusedSuppression, new RuleDocumentation("XenCfgTools (suppression comments)", "# xcfg-disable-next-line XCFG0100\nmemory = 512", "memory = 512")),
        new(TooManyFindings, new RuleDocumentation("XenCfgTools (a limit of 1000 findings per rule and file)", "# a generated file with 5000 misspelt keys", "Fix the generator; the first 1000 findings show the pattern.")),
        new(UnknownSuppressionId, new RuleDocumentation("XenCfgTools (suppression comments)", "# xcfg-disable-next-line XCFG100\nmemroy = 512", "# xcfg-disable-next-line XCFG0100\nmemroy = 512")),
        new(ProjectConfigUnusable, new RuleDocumentation("XenCfgTools (.xcfg.toml, see docs/cli.md)", "# .xcfg.toml\n[rules]\nXCFG0100 = \"silent\"", "# .xcfg.toml\n[rules]\nXCFG0100 = \"off\"")),
    ];
}
