using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Keys;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// Completion: inside a disk or vif string, its parameters and values (<see cref="SpecCompletion"/>); in a
/// provisioning annotation, its keys (<see cref="AnnotationCompletion"/>); otherwise from
/// the key catalogue: key names at the start of a setting, and a key's allowed values after its <c>=</c> (inside the
/// quotes when the user has opened one, quoted otherwise). Keys and values work on the line's text rather than the
/// tree, because the line being typed is usually not yet valid syntax.
/// </summary>
internal static partial class CompletionProvider
{
    public static CompletionList For(SyntaxTree tree, Position position, IKeyCatalog keys)
    {
        var text = tree.Text;
        var dialect = tree.Options.Dialect;
        var offset = PositionMapping.ToOffset(text, position);
        if (SpecCompletion.For(tree, offset) is { } inSpec)
        {
            return inSpec;
        }

        if (AnnotationCompletion.For(tree, offset) is { } inAnnotation)
        {
            return inAnnotation;
        }

        var line = text.Lines.GetLineFromPosition(offset);
        var before = text.ToString(TextSpan.FromBounds(line.Start, offset));
        var after = text.ToString(TextSpan.FromBounds(offset, line.End));

        if (KeyPrefix().Match(before) is { Success: true } keyMatch)
        {
            var wordEnd = offset + KeyChars().Match(after).Length;
            var range = PositionMapping.ToRange(text, TextSpan.FromBounds(offset - keyMatch.Groups["word"].Length, wordEnd));
            return new CompletionList(false, [.. keys.All.Where(key => dialect == Dialect.Xm || !key.IsXmOnly).Select(key => KeyItem(key, range))]);
        }

        if (ValuePrefix().Match(before) is { Success: true } valueMatch && keys.Find(valueMatch.Groups["key"].Value) is { AllowedValues.IsDefaultOrEmpty: false } valueKey)
        {
            var quote = valueMatch.Groups["quote"].Value;
            var typed = valueMatch.Groups["typed"].Value;
            var start = offset - typed.Length - quote.Length;
            var end = offset + ValueChars().Match(after).Length;
            if (quote.Length > 0 && end < line.End && text[end] == quote[0])
            {
                end++;
            }

            var range = PositionMapping.ToRange(text, TextSpan.FromBounds(start, end));
            var close = quote.Length > 0 ? quote : "\"";
            return new CompletionList(false, [.. valueKey.AllowedValues.Select((value, index) => new CompletionItem(
                value,
                Kind: CompletionItemKind.EnumMember,
                Detail: $"{valueKey.Name} value",
                SortText: index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                FilterText: quote + value,
                TextEdit: new TextEdit(range, close + value + close)))]);
        }

        return new CompletionList(false, []);
    }

    private static CompletionItem KeyItem(KeyInfo key, Protocol.Range range) =>
        new(key.Name,
            Kind: CompletionItemKind.Property,
            Detail: key.Group,
            Documentation: MarkupContent.Markdown(HoverProvider.KeyMarkdown(key)),
            SortText: (key.IsXmOnly ? "1" : "0") + key.Name,
            TextEdit: new TextEdit(range, key.Name));

    /// <summary>Only blanks and the start of a key before the cursor.</summary>
    [GeneratedRegex(@"^[ \t]*(?<word>[a-z_][a-z0-9_.]*)?$")]
    private static partial Regex KeyPrefix();

    [GeneratedRegex(@"^[a-z0-9_.]*")]
    private static partial Regex KeyChars();

    /// <summary><c>key =</c> or <c>key +=</c>, then optionally an opening quote and part of a value.</summary>
    [GeneratedRegex(@"^[ \t]*(?<key>[a-z_][a-z0-9_.]*)[ \t]*\+?=[ \t]*(?<quote>[""']?)(?<typed>[A-Za-z0-9_.-]*)$")]
    private static partial Regex ValuePrefix();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]*")]
    private static partial Regex ValueChars();
}
