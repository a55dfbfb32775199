using XenCfg.Analysis.Diagnostics;

namespace XenCfg.Analysis.Rules.Boot;

/// <summary>
/// <c>cmdline</c> with <c>root</c> or <c>extra</c>: xl uses cmdline verbatim and ignores the other two
/// ("Warning: ignoring root= and extra= in favour of cmdline=", tools/xl/xl_parse.c, parse_cmdline).
/// </summary>
public sealed class CmdlineOverridesRootRule : ConfigRule
{
    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0151", "root or extra ignored because of cmdline",
        "`{0}` is ignored: `cmdline` is set, and xl then passes cmdline alone to the kernel; move this into cmdline or remove cmdline",
        DiagnosticSeverity.Warning,
        "xl builds the kernel command line from root and extra only when cmdline is not set.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen tools/xl/xl_parse.c (parse_cmdline)", "cmdline = \"console=hvc0\"\nroot = \"/dev/xvda1\"", "cmdline = \"root=/dev/xvda1 console=hvc0\""),
    ];

    /// <summary>Reads the boot settings.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Boot;

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void Analyze(RuleContext context)
    {
        // Only xl has cmdline; xm never read it and built the command line from root and extra.
        if (context.Dialect != XenCfg.Syntax.Dialect.Xl || context.Model.GetScalar("cmdline") is null)
        {
            return;
        }

        foreach (var key in (string[])["root", "extra"])
        {
            if (context.Model.GetScalar(key) is { } ignored)
            {
                context.Report(Descriptor, ignored.Setting.Syntax.Key.Span, key);
            }
        }
    }
}
