using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;

namespace XenCfg.Analysis.Rules.Domain;

/// <summary>
/// <c>memory</c> greater than <c>maxmem</c>: the xl.cfg manual requires maxmem to be at least memory
/// (docs/man/xl.cfg.5.pod.in, "maxmem"); a guest cannot start with more memory than its ceiling.
/// </summary>
public sealed class MemoryExceedsMaxmemRule : ConfigRule
{
    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0202", "memory above maxmem",
        "`memory = {0}` (MiB) is more than `maxmem = {1}`; maxmem must be at least memory: raise maxmem or lower memory",
        DiagnosticSeverity.Warning,
        "memory is what the guest starts with and maxmem the most it may balloon up to, both in MiB.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen docs/man/xl.cfg.5.pod.in (maxmem)", "memory = 2048\nmaxmem = 1024", "memory = 1024\nmaxmem = 2048"),
    ];

    /// <summary>Reads the domain settings.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Domain;

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void Analyze(RuleContext context)
    {
        var domain = context.Model.Domain;
        if (context.Model.Kind == ConfigKind.Domain && domain.Memory?.Value is { } memory && domain.MaxMem?.Value is { } max && memory > max)
        {
            context.Report(Descriptor, domain.MaxMem.Syntax.Span, memory, max);
        }
    }
}
