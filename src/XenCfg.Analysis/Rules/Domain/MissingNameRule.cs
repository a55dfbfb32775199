using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;

namespace XenCfg.Analysis.Rules.Domain;

/// <summary>
/// A domain config must set <c>name</c>: xl exits with "Domain name must be specified"
/// (tools/xl/xl_parse.c, parse_config_data). xm required it too.
/// </summary>
public sealed class MissingNameRule : ConfigRule
{
    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0200", "Missing name",
        "the domain has no `name`; xl refuses to create it (\"Domain name must be specified\"): add `name = \"...\"`",
        DiagnosticSeverity.Error,
        "Every domain needs a name; xl stops before creating anything when it is missing.");

    /// <summary>Keys that only a whole domain config has: memory, CPUs, how it boots.</summary>
    private static readonly HashSet<string> DefinesADomain = new(StringComparer.Ordinal)
    {
        "type", "builder", "memory", "maxmem", "vcpus", "maxvcpus", "kernel", "ramdisk", "bootloader", "firmware", "cmdline", "root", "extra",
    };

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen tools/xl/xl_parse.c (parse_config_data)", "memory = 512\nkernel = \"/boot/vmlinuz\"", "name = \"vm1\"\nmemory = 512\nkernel = \"/boot/vmlinuz\""),
    ];

    /// <summary>Reads `name`, and which keys are set.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Of("name");

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement | RuleReads.KeyOrder;

    public override void Analyze(RuleContext context)
    {
        if (context.Model.Kind != ConfigKind.Domain || context.Model.Domain.Name is not null)
        {
            return;
        }

        // A list value for name is reported by the shape rule; here only an absent name counts. A file that sets
        // only devices is a fragment made to be joined to a full config (as some build systems do); not a domain.
        if (context.Model.Settings.AssignedKeys.Contains("name") || !context.Model.Settings.AssignedKeys.Any(DefinesADomain.Contains))
        {
            return;
        }

        context.Report(Descriptor, new TextSpan(0, 0));
    }
}
