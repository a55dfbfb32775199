using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Rules.Keys;
using XenCfg.Analysis.Rules.Network;
using XenCfg.Syntax;

namespace XenCfg.Analysis.CodeFixes;

/// <summary>
/// Moves xm's boot network and NFS keys into <c>extra</c> (what xl needs to boot the guest the same way), and
/// removes an emulated NIC type from a PV guest's vif.
/// </summary>
public sealed class NetworkFixes : CodeFixProvider
{
    public override IReadOnlyCollection<string> FixableIds { get; } = [XmOnlyKeyRule.IgnoredByXl.Id, XmOnlyKeyRule.XmCommandLine.Id, VifSpecRule.EmulatedNicOnPv.Id];

    public override IEnumerable<CodeFix> GetFixes(CodeFixContext context)
    {
        var model = SemanticModel.For(context.Tree);
        if (context.Diagnostic.Id == VifSpecRule.EmulatedNicOnPv.Id)
        {
            var vif = model.Vifs.FirstOrDefault(candidate => candidate.Syntax.Span.Contains(context.Diagnostic.Span.Start));
            var item = vif?.Spec.Items.FirstOrDefault(candidate => candidate.Key == "type" && vif.SourceSpan(candidate.Span).Contains(context.Diagnostic.Span));
            if (vif is not null && item is not null)
            {
                yield return Fix(context, "Remove `type=ioemu`", safe: false, RemoveItem(vif, item.Span));
            }

            yield break;
        }

        var boot = model.Boot;
        if (boot.XlExtraForXmCommandLine is not { } extra || !boot.XmNetworkSettings.Any())
        {
            yield break;
        }

        var changes = new List<TextChange>();
        var removed = boot.XmNetworkSettings.Select(setting => setting.Setting.Syntax).ToList();
        changes.AddRange(removed.Select(assignment => RemoveStatement(assignment)));
        var replacement = $"\"{extra.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        if (boot.Extra is { } existing && !removed.Contains(existing.Setting.Syntax))
        {
            changes.Add(new TextChange(existing.Syntax.Span, replacement));
        }
        else
        {
            // The first removed key's line becomes the new extra.
            var first = removed.OrderBy(assignment => assignment.Span.Start).First();
            changes.Remove(changes.First(change => change.Span == first.FullSpan));
            changes.Add(new TextChange(TextSpan.FromBounds(first.Key.Span.Start, first.Value.Span.End), $"extra = {replacement}"));
        }

        yield return Fix(context, $"Move xm's network keys into `extra = {replacement}`", safe: false, [.. changes.OrderBy(change => change.Span.Start)]);
    }

    /// <summary>Removes one comma-separated item from a spec string, with one of its commas.</summary>
    private static TextChange RemoveItem(VifEntry vif, TextSpan itemSpan)
    {
        var spec = vif.Syntax.ValueText;
        var start = itemSpan.Start;
        var end = itemSpan.End;
        if (end < spec.Length && spec[end] == ',')
        {
            end++;
            while (end < spec.Length && spec[end] == ' ')
            {
                end++;
            }
        }
        else if (start > 0)
        {
            start = spec.LastIndexOf(',', start - 1) is var comma and >= 0 ? comma : start;
        }

        return new TextChange(vif.SourceSpan(TextSpan.FromBounds(start, end)), string.Empty);
    }
}
