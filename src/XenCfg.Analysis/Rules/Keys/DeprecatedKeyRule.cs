using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Keys;
using XenCfg.Analysis.Model;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Rules.Keys;

/// <summary>
/// A key xl still reads but that is deprecated or has no effect any more (<c>builder</c>, <c>stdvga</c>,
/// <c>vncviewer</c>, ...), per docs/man/xl.cfg.5.pod.in and tools/xl/xl_parse.c.
/// </summary>
public sealed class DeprecatedKeyRule : KeyRule
{
    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0109", "Deprecated key",
        "`{0}` is deprecated: {1}",
        DiagnosticSeverity.Info,
        "xl still reads these keys (or reads them only to warn), but they have a current spelling or no effect.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen docs/man/xl.cfg.5.pod.in and tools/xl/xl_parse.c (deprecated options)", "builder = \"hvm\"", "type = \"hvm\""),
    ];

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void AnalyzeKey(RuleContext context, string key)
    {
        if (context.Model.Kind != ConfigKind.Domain || context.Dialect != Dialect.Xl)
        {
            return;
        }

        if (KeyCatalog.Find(key) is { Replacement: { } replacement, ReadBy: var readBy } && readBy.HasFlag(Toolstack.Xl) && context.Model.Settings.LastSetting(key) is { } setting)
        {
            context.Report(Descriptor, setting.Syntax.Key.Span, key, replacement);
        }
    }
}
