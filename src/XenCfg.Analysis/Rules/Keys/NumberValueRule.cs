using System.Globalization;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Keys;
using XenCfg.Analysis.Model;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Rules.Keys;

/// <summary>
/// Numbers read the way xl reads them (C's strtol with base 0, the whole text must be used:
/// tools/libs/util/libxlu_cfg.c, xlu_cfg_get_bounded_long): a value that is not a number is ignored with a
/// warning, a leading 0 makes it octal, '+=' is refused for numbers, and a few keys are bounded.
/// </summary>
public sealed class NumberValueRule : KeyRule
{
    private const string Source = "Xen tools/libs/util/libxlu_cfg.c (xlu_cfg_get_bounded_long, strtol with base 0)";

    public static readonly DiagnosticDescriptor NotANumber = SemanticDescriptors.Create(
        "XCFG0104", "Not a number",
        "xl reads `{0}` as a number and `{1}` is not one{2}: write a plain number{3}",
        DiagnosticSeverity.Warning,
        "Numbers are decimal, 0x hexadecimal or 0 octal, with nothing after them: no units, no fractions.");

    public static readonly DiagnosticDescriptor OctalNumber = SemanticDescriptors.Create(
        "XCFG0105", "Number read as octal",
        "`{0}` starts with 0, so xl reads it as octal: {1} = {2}; write `{3}` if you meant {3}",
        DiagnosticSeverity.Warning,
        "C's strtol with base 0, which xl uses, reads a leading 0 as the start of an octal number.");

    public static readonly DiagnosticDescriptor AppendToNumber = SemanticDescriptors.Create(
        "XCFG0106", "'+=' on a number",
        "`{0}` is a number, and xl refuses `+=` for numbers{1}: write the total with `=`",
        DiagnosticSeverity.Warning,
        "`+=` concatenates text; for a number key xl warns and leaves the key unset.");

    public static readonly DiagnosticDescriptor OutOfRange = SemanticDescriptors.Create(
        "XCFG0108", "Number out of range",
        "`{0} = {1}` is outside what xl accepts ({2} to {3})",
        DiagnosticSeverity.Error,
        "A few keys are bounded; xl refuses values outside the bounds.");

    /// <summary>
    /// Keys xl reads with xlu_cfg_get_bounded_long(..., dont_warn = 1) and exits on any failure other than "not set"
    /// (tools/xl/xl_parse.c, max_grant_frames and the next two): a bad value stops xl, and it prints nothing.
    /// </summary>
    private static readonly HashSet<string> ExitOnBadNumber = new(StringComparer.Ordinal) { "max_grant_frames", "max_maptrack_frames", "max_grant_version" };

    private const string Stops = ", so xl stops without creating the domain (and, for this key, without a message)";

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(NotANumber, Source, "memory = \"512M\"", "memory = 512"),
        Entry(OctalNumber, Source, "memory = 0512", "memory = 512"),
        Entry(AppendToNumber, "Xen tools/libs/util/libxlu_cfg.c (xlu_cfg_get_bounded_long refuses XLU_OP_ADDITION)", "memory = 512\nmemory += 512", "memory = 1024"),
        Entry(OutOfRange, "Xen tools/xl/xl_parse.c (xlu_cfg_get_bounded_long and hand-written bounds)", "name = \"vm1\"\nmax_grant_frames = 4294967296", "name = \"vm1\"\nmax_grant_frames = 64"),
    ];

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void AnalyzeKey(RuleContext context, string key)
    {
        if (context.Model.Kind != ConfigKind.Domain)
        {
            return;
        }

        // Only keys the dialect's toolstack reads: xl ignores xm's own keys whatever their value (XCFG0190 says so).
        var toolstack = context.Dialect == Dialect.Xm ? Toolstack.Xm : Toolstack.Xl;
        // A value with a syntax error (512M) already has its diagnostic; saying it again adds nothing.
        if (KeyCatalog.Find(key) is not { Kind: KeyValueKind.Integer or KeyValueKind.Boolean } info || !info.ReadBy.HasFlag(toolstack)
            || context.Model.GetNumber(key) is not { } number || number.Syntax.ContainsDiagnostics)
        {
            return;
        }

        var span = number.Syntax.Span;
        var exits = toolstack == Toolstack.Xl && ExitOnBadNumber.Contains(key);
        var severity = exits ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        if (number.Setting.IsAppend)
        {
            // An xm config is Python, where `memory += 512` adds numbers; only xl's parser refuses it.
            if (toolstack == Toolstack.Xm)
            {
                return;
            }

            var appendConsequence = exits ? Stops : " (\"can't use += with numbers\"), ignoring the setting";
            context.Report(new ConfigDiagnostic(AppendToNumber, number.Setting.Syntax.OperatorToken.Span, severity, [key, appendConsequence]));
            return;
        }

        if (number.Number.Problem != XlNumberProblem.None)
        {
            var reason = number.Number.Problem == XlNumberProblem.OutOfRange ? "Numerical result out of range" : "is not a valid number";
            var consequence = exits ? Stops : $" (\"{reason}\"), so it ignores the setting";
            var unit = info.Unit is null || number.Number.Problem == XlNumberProblem.OutOfRange ? string.Empty : $" (in {info.Unit})";
            context.Report(new ConfigDiagnostic(NotANumber, span, severity, [key, number.Text, consequence, unit]));
            return;
        }

        if (number.Number.IsOctal && number.Number.Value != 0)
        {
            var decimalReading = number.Text.TrimStart('0');
            context.Report(OctalNumber, span, number.Text, number.Text, number.Number.Value.ToString(CultureInfo.InvariantCulture), decimalReading);
        }

        if ((info.Minimum is { } min && number.Number.Value < min) || (info.Maximum is { } max && number.Number.Value > max))
        {
            context.Report(OutOfRange, span, key, number.Number.Value,
                info.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "any", info.Maximum?.ToString(CultureInfo.InvariantCulture) ?? "any");
        }
    }
}
