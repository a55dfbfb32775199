using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;

namespace XenCfg.Analysis.Rules.Domain;

/// <summary>
/// <c>vcpus</c> greater than <c>maxvcpus</c>: xl exits with "maxvcpus &lt; vcpus" (tools/xl/xl_parse.c). A
/// <c>vcpus</c> below 1 counts as 1, and an unset or zero <c>maxvcpus</c> takes the value of <c>vcpus</c>.
/// </summary>
public sealed class VcpusExceedMaxvcpusRule : ConfigRule
{
    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0201", "More vcpus than maxvcpus",
        "`vcpus = {0}` is more than `maxvcpus = {1}`; xl refuses the domain (\"maxvcpus < vcpus\"): raise maxvcpus or lower vcpus",
        DiagnosticSeverity.Error,
        "maxvcpus is the most vCPUs the guest may ever have, vcpus the number it starts with; the first cannot be smaller.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen tools/xl/xl_parse.c (parse_config_data)", "vcpus = 4\nmaxvcpus = 2", "vcpus = 2\nmaxvcpus = 4"),
    ];

    /// <summary>Reads the domain settings.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Domain;

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void Analyze(RuleContext context)
    {
        var domain = context.Model.Domain;
        if (context.Model.Kind != ConfigKind.Domain || context.Dialect != XenCfg.Syntax.Dialect.Xl || domain.Vcpus?.Value is not { } vcpus || domain.MaxVcpus?.Value is not { } max || max == 0)
        {
            return;
        }

        if (Math.Max(vcpus, 1) > max)
        {
            context.Report(Descriptor, domain.MaxVcpus.Syntax.Span, vcpus, max);
        }
    }
}
