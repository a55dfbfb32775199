using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs.Values;

namespace XenCfg.Analysis.Rules.Boot;

/// <summary>
/// The <c>root</c> value itself: empty, written as <c>root=/dev/...</c> under xl (xl adds <c>root=</c> itself:
/// tools/xl/xl_parse.c, parse_cmdline), a name outside /dev the kernel will not look up, or a name only an
/// initramfs resolves (Linux Documentation/admin-guide/kernel-parameters.txt, root=).
/// </summary>
public sealed class RootValueRule : ConfigRule
{
    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0152", "root the kernel cannot use as written",
        "{0}",
        DiagnosticSeverity.Error,
        "root becomes root=VALUE on the kernel command line; the kernel finds a device by its /dev name, and UUID=/LABEL= only through an initramfs.");

    private static readonly SpecProblemMapping<KernelArgumentProblemKind> Mapping = new SpecProblemMapping<KernelArgumentProblemKind>()
        .Map(Descriptor, DiagnosticSeverity.Info, KernelArgumentProblemKind.Empty, KernelArgumentProblemKind.RootPrefixUnderXl,
            KernelArgumentProblemKind.NotUnderDev, KernelArgumentProblemKind.NeedsInitramfs, KernelArgumentProblemKind.UnbalancedQuote);

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen tools/xl/xl_parse.c (parse_cmdline); Linux Documentation/admin-guide/kernel-parameters.txt (root=)",
            "root = \"root=/dev/xvda1 ro\"", "root = \"/dev/xvda1 ro\""),
    ];

    /// <summary>Reads the boot settings.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Boot;

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void Analyze(RuleContext context)
    {
        // With cmdline set, xl does not use root at all (XCFG0151 says so); its value does not matter then.
        var unused = context.Dialect == XenCfg.Syntax.Dialect.Xl && context.Model.Boot.Cmdline is not null;
        if (context.Model.Kind == ConfigKind.Domain && !unused && context.Model.Boot is { Root: { } root, RootValue: { } value })
        {
            Mapping.Report(context, value.Problems, root.SourceSpan);
        }
    }
}
