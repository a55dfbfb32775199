using Microsoft.CodeAnalysis.Text;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Features;

/// <summary>The outline: one symbol per setting, with the elements of a list value (each disk, each vif) as children.</summary>
internal static class DocumentSymbols
{
    private const int MaxDetailLength = 60;

    public static DocumentSymbol[] For(SyntaxTree tree)
    {
        var text = tree.Text;
        var symbols = new List<DocumentSymbol>();
        foreach (var assignment in tree.Root.Assignments)
        {
            if (assignment.Key.IsMissing || assignment.Key.Span.IsEmpty)
            {
                continue;
            }

            var span = TextSpan.FromBounds(assignment.Key.Span.Start, Math.Max(assignment.Value.Span.End, assignment.Key.Span.End));
            var children = assignment.Value is ListValueSyntax list
                ? list.Elements.Where(element => !element.Value.Span.IsEmpty).Select(element => ElementSymbol(element, text)).ToArray()
                : null;
            symbols.Add(new DocumentSymbol(
                assignment.KeyName,
                assignment.Value is ListValueSyntax ? SymbolKind.Array : SymbolKind.Property,
                PositionMapping.ToRange(text, span),
                PositionMapping.ToRange(text, assignment.Key.Span),
                Detail: Summarize(assignment.Value.ToString()),
                Children: children));
        }

        return [.. symbols];
    }

    private static DocumentSymbol ElementSymbol(ListElementSyntax element, SourceText text)
    {
        var value = element.Value;
        var name = value is LiteralValueSyntax literal ? literal.ValueText : value.ToString();
        var range = PositionMapping.ToRange(text, value.Span);
        return new DocumentSymbol(
            name.Length == 0 ? "(empty)" : Summarize(name) ?? name,
            value is LiteralValueSyntax { IsNumber: true } ? SymbolKind.Number : value is ListValueSyntax ? SymbolKind.Array : SymbolKind.String,
            range,
            range);
    }

    private static string? Summarize(string value)
    {
        var oneLine = string.Join(' ', value.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(part => part.Trim()));
        if (oneLine.Length == 0)
        {
            return null;
        }

        return oneLine.Length <= MaxDetailLength ? oneLine : oneLine[..(MaxDetailLength - 1)] + "…";
    }
}
