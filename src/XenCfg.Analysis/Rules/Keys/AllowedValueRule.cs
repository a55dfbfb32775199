using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Keys;
using XenCfg.Analysis.Model;

namespace XenCfg.Analysis.Rules.Keys;

/// <summary>
/// A value outside a key's fixed set (<c>type</c>, <c>on_crash</c>, <c>vga</c>, ...): xl or libxl refuses to
/// create the domain ("Invalid domain type", "Unknown action", ... in tools/xl/xl_parse.c). <c>type</c>,
/// <c>builder</c> and <c>firmware</c> are matched by xl as prefixes (<c>"h"</c> is hvm), so prefixes pass.
/// </summary>
public sealed class AllowedValueRule : ConfigRule
{
    private static readonly HashSet<string> PrefixMatched = new(StringComparer.Ordinal) { "type", "builder", "firmware" };

    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0107", "Value not allowed",
        "`{0}` cannot be `{1}`: the toolstack refuses the domain; use one of {2}",
        DiagnosticSeverity.Error,
        "Some keys take one of a fixed set of words; anything else stops domain creation.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen tools/xl/xl_parse.c (type, on_*, vga, ...) and docs/man/xl.cfg.5.pod.in", "on_crash = \"reboot\"", "on_crash = \"restart\""),
    ];

    public override void Analyze(RuleContext context)
    {
        if (context.Model.Kind != ConfigKind.Domain)
        {
            return;
        }

        foreach (var key in context.Model.Settings.Keys)
        {
            // Only single-string keys: for a key that also takes a list or a number (viridian) the words are list items.
            if (KeyCatalog.Find(key) is not { AllowedValues.IsEmpty: false, Kind: KeyValueKind.String } info || context.Model.GetScalar(key) is not { } scalar)
            {
                continue;
            }

            var comparison = info.AllowedValuesIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var accepted = PrefixMatched.Contains(key)
                ? info.AllowedValues.Any(allowed => allowed.StartsWith(scalar.Text, comparison))
                : info.AllowedValues.Any(allowed => string.Equals(allowed, scalar.Text, comparison));
            if (!accepted)
            {
                var choices = string.Join(", ", info.AllowedValues.Select(allowed => $"`{allowed}`"));
                context.Report(Descriptor, scalar.Syntax.Span, key, scalar.Text, choices);
            }
        }
    }
}
