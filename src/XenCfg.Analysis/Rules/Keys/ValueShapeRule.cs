using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Keys;
using XenCfg.Analysis.Model;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Rules.Keys;

/// <summary>
/// A list key given a single value, or a single-value key given a list: xl warns ("is a single value but
/// should be a list" / "is a list but should be a single value", tools/libs/util/libxlu_cfg.c) and then ignores
/// the setting, so <c>disk = 'phy:...'</c> gives a guest with no disk at all.
/// </summary>
public sealed class ValueShapeRule : KeyRule
{
    public static readonly DiagnosticDescriptor ListGivenSingleValue = SemanticDescriptors.Create(
        "XCFG0101", "List key given a single value",
        "`{0}` must be a list; xl warns \"is a single value but should be a list\" and ignores it{1}: write `{0} = [ ... ]`",
        DiagnosticSeverity.Warning,
        "xl reads list keys with xlu_cfg_get_list, which refuses a single string or number and leaves the key unset.");

    public static readonly DiagnosticDescriptor SingleValueGivenList = SemanticDescriptors.Create(
        "XCFG0102", "Single-value key given a list",
        "`{0}` takes a single value; xl warns \"is a list but should be a single value\" and ignores it: remove the brackets",
        DiagnosticSeverity.Warning,
        "xl reads single-value keys with xlu_cfg_get_string or xlu_cfg_get_long, which refuse a list and leave the key unset.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(ListGivenSingleValue, "Xen tools/libs/util/libxlu_cfg.c (xlu_cfg_get_list)", "disk = 'phy:/dev/vg/vm1,xvda,w'", "disk = [ 'phy:/dev/vg/vm1,xvda,w' ]"),
        Entry(SingleValueGivenList, "Xen tools/libs/util/libxlu_cfg.c (find_atom)", "kernel = [ \"/boot/vmlinuz\" ]", "kernel = \"/boot/vmlinuz\""),
    ];

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void AnalyzeKey(RuleContext context, string key)
    {
        var settings = context.Model.Settings;
        if (context.Model.Kind != ConfigKind.Domain || KeyCatalog.Find(key) is not { } info || settings.LastSetting(key) is not { } setting)
        {
            return;
        }

        var value = settings[key];
        if (info.IsList && value is StringConfigValue)
        {
            var consequence = key switch
            {
                "disk" => ", so the guest gets no disk at all",
                "vif" => ", so the guest gets no network interface",
                _ => string.Empty,
            };
            context.Report(ListGivenSingleValue, setting.Syntax.Value.Span, key, consequence);
        }
        else if (info.Kind is KeyValueKind.String or KeyValueKind.Integer or KeyValueKind.Boolean && value is ListConfigValue)
        {
            context.Report(SingleValueGivenList, setting.Syntax.Value.Span, key);
        }
    }
}
