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

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen tools/xl/xl_parse.c (parse_config_data)", "memory = 512\nkernel = \"/boot/vmlinuz\"", "name = \"vm1\"\nmemory = 512\nkernel = \"/boot/vmlinuz\""),
    ];

    public override void Analyze(RuleContext context)
    {
        if (context.Model.Kind != ConfigKind.Domain || context.Model.Domain.Name is not null)
        {
            return;
        }

        // A list value for name is reported by the shape rule; here only an absent name counts.
        if (context.Model.Settings.LastSetting("name") is not null)
        {
            return;
        }

        context.Report(Descriptor, new TextSpan(0, 0));
    }
}
