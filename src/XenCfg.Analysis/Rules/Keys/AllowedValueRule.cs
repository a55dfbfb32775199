using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Keys;
using XenCfg.Analysis.Model;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Rules.Keys;

/// <summary>
/// A value outside a key's fixed set (<c>type</c>, <c>on_crash</c>, <c>vga</c>, ...): xl or libxl refuses to
/// create the domain ("Invalid domain type", "Unknown action", ... in tools/xl/xl_parse.c). <c>type</c>,
/// <c>builder</c> and <c>firmware</c> are matched by xl as prefixes (<c>"h"</c> is hvm), so prefixes pass.
/// The catalogue's sets are xl's: under xl only keys xl reads are checked; under xm only the values xend itself
/// refused (Xen before 4.5), with xend's own sets.
/// </summary>
public sealed class AllowedValueRule : KeyRule
{
    private static readonly HashSet<string> PrefixMatched = new(StringComparer.Ordinal) { "type", "builder", "firmware" };

    /// <summary>xend's CONFIG_RESTART_MODES (xend/XendConfig.py, _actions_sanity_check): no soft-reset.</summary>
    private static readonly string[] XendRestartModes = ["restart", "destroy", "preserve", "rename-restart", "coredump-destroy", "coredump-restart"];

    /// <summary>
    /// The only values xend refused, matched exactly: the image handler of <c>builder</c> (xend/image.py,
    /// findImageHandlerClass: "linux" and "hvm" on x86, else "unknown image type") and the shutdown actions. xm passed
    /// everything else through: dhcp into the kernel's ip=, and it only warned about an unknown restart.
    /// </summary>
    private static readonly Dictionary<string, string[]> XmAllowedValues = new(StringComparer.Ordinal)
    {
        ["builder"] = ["linux", "hvm"],
        ["on_poweroff"] = XendRestartModes,
        ["on_reboot"] = XendRestartModes,
        ["on_crash"] = XendRestartModes,
    };

    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0107", "Value not allowed",
        "`{0}` cannot be `{1}`: the toolstack refuses the domain; use one of {2}",
        DiagnosticSeverity.Error,
        "Some keys take one of a fixed set of words; anything else stops domain creation.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen tools/xl/xl_parse.c (type, on_*, vga, ...) and docs/man/xl.cfg.5.pod.in", "on_crash = \"reboot\"", "on_crash = \"restart\""),
    ];

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void AnalyzeKey(RuleContext context, string key)
    {
        if (context.Model.Kind != ConfigKind.Domain)
        {
            return;
        }

        var isXm = context.Dialect == Dialect.Xm;
        // Only single-string keys: for a key that also takes a list or a number (viridian) the words are list items.
        if (KeyCatalog.Find(key) is not { AllowedValues.IsEmpty: false, Kind: KeyValueKind.String } info || context.Model.GetScalar(key) is not { } scalar)
        {
            return;
        }

        // xl never reads the keys only xm had (dhcp, restart, ...), so their values cannot stop it.
        string[]? xmValues = null;
        if (isXm ? !XmAllowedValues.TryGetValue(key, out xmValues) : !info.ReadBy.HasFlag(Toolstack.Xl))
        {
            return;
        }

        IReadOnlyList<string> values = xmValues ?? [.. info.AllowedValues];
        var comparison = info.AllowedValuesIgnoreCase && !isXm ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var accepted = PrefixMatched.Contains(key) && !isXm
            ? values.Any(allowed => allowed.StartsWith(scalar.Text, comparison))
            : values.Any(allowed => string.Equals(allowed, scalar.Text, comparison));
        if (!accepted)
        {
            var choices = string.Join(", ", values.Select(allowed => $"`{allowed}`"));
            context.Report(Descriptor, scalar.Syntax.Span, key, scalar.Text, choices);
        }
    }
}
