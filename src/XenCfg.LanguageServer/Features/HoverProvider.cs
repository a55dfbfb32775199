using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Keys;
using XenCfg.Analysis.Model;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// Hover: on a key, the key's documentation from the catalogue; on a disk or vif string, what it means (see
/// <see cref="SpecHover"/>); then the documentation of the rules whose findings cover the position (what the rule
/// checks and a link to it), which the message alone does not say.
/// </summary>
internal static class HoverProvider
{
    public static Hover? For(SyntaxTree tree, int offset, IKeyCatalog keys, ImmutableArray<ConfigDiagnostic> diagnostics)
    {
        var sections = new List<string>();
        TextSpan? range = null;
        if (tree.Root.FindToken(offset) is { } token && token.Span.Contains(offset) && token.Parent is AssignmentSyntax assignment && assignment.Key == token
            && keys.Find(token.Text) is { } key)
        {
            sections.Add(KeyMarkdown(key));
            range = token.Span;
        }

        if (SpecAt(tree, offset) is { } spec)
        {
            sections.Add(spec.Markdown);
            range ??= spec.Span;
        }

        var covering = diagnostics
            .Where(diagnostic => diagnostic.Span.Contains(offset) || (diagnostic.Span.IsEmpty && diagnostic.Span.Start == offset))
            .DistinctBy(diagnostic => diagnostic.Id)
            .ToList();
        sections.AddRange(covering.Select(RuleMarkdown));
        if (sections.Count == 0)
        {
            return null;
        }

        range ??= covering[0].Span;
        return new Hover(MarkupContent.Markdown(string.Join("\n\n---\n\n", sections)), PositionMapping.ToRange(tree.Text, range.Value));
    }

    /// <summary>The disk or vif string at the position, interpreted.</summary>
    private static (string Markdown, TextSpan Span)? SpecAt(SyntaxTree tree, int offset)
    {
        var model = SemanticModel.For(tree);
        if (model.Disks.FirstOrDefault(disk => disk.Syntax.Span.Contains(offset)) is { } disk)
        {
            return (SpecHover.Disk(model, disk, offset), disk.Syntax.Span);
        }

        if (model.Vifs.FirstOrDefault(vif => vif.Syntax.Span.Contains(offset)) is { } vif)
        {
            return (SpecHover.Vif(model, vif, offset), vif.Syntax.Span);
        }

        return null;
    }

    public static string KeyMarkdown(KeyInfo key)
    {
        var builder = new StringBuilder();
        builder.Append("**").Append(key.Name).Append("** · ").Append(KindText(key));
        if (key.Unit is { } unit)
        {
            builder.Append(", ").Append(unit);
        }

        builder.Append(" · ").Append(key.Group).Append("\n\n").Append(key.Summary);
        if (!key.AllowedValues.IsDefaultOrEmpty)
        {
            builder.Append("\n\nValues: ").AppendJoin(", ", key.AllowedValues.Select(value => $"`{value}`"));
        }

        if (key.AppliesTo != GuestTypes.All && key.AppliesTo != GuestTypes.None)
        {
            builder.Append("\n\nFor ").Append(GuestText(key.AppliesTo)).Append(" guests.");
        }

        if (key.IsXmOnly)
        {
            builder.Append("\n\nRead only by the legacy xm toolstack; xl ignores it.");
        }

        if (key.Replacement is { } replacement)
        {
            builder.Append("\n\n").Append(replacement);
        }

        return builder.ToString();
    }

    private static string RuleMarkdown(ConfigDiagnostic diagnostic)
    {
        var descriptor = diagnostic.Descriptor;
        var builder = new StringBuilder();
        builder.Append("**").Append(descriptor.Id).Append("** ").Append(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var description = descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (description.Length > 0)
        {
            builder.Append("\n\n").Append(description);
        }

        if (!string.IsNullOrEmpty(descriptor.HelpLinkUri))
        {
            builder.Append("\n\n[Documentation of ").Append(descriptor.Id).Append("](").Append(descriptor.HelpLinkUri).Append(')');
        }

        return builder.ToString();
    }

    private static string KindText(KeyInfo key) => key.Kind switch
    {
        KeyValueKind.String => "string",
        KeyValueKind.Integer => "integer",
        KeyValueKind.Boolean => "boolean (0 or 1)",
        KeyValueKind.StringList => "list of strings",
        KeyValueKind.SpecList => "list of device specifications",
        KeyValueKind.StringOrList => "string or list of strings",
        KeyValueKind.NestedList => "list of lists",
        _ => key.Kind.ToString(),
    };

    private static string GuestText(GuestTypes types) =>
        string.Join(" and ", new[] { (GuestTypes.Pv, "PV"), (GuestTypes.Pvh, "PVH"), (GuestTypes.Hvm, "HVM") }
            .Where(pair => types.HasFlag(pair.Item1))
            .Select(pair => pair.Item2));
}
