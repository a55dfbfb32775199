using System.Globalization;
using System.Text;

namespace XenCfg.Syntax;

/// <summary>
/// A readable outline of a tree: one line per node, token and trivia with its kind, span and escaped text. Used
/// by the tree baselines and by <c>xcfg inspect --tree</c>.
/// </summary>
public static class SyntaxDump
{
    public static string Dump(SyntaxNode root)
    {
        var builder = new StringBuilder();
        var stack = new Stack<(SyntaxElement Element, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (element, depth) = stack.Pop();
            var indent = new string(' ', depth * 2);
            switch (element)
            {
                case SyntaxToken token:
                    foreach (var trivia in token.LeadingTrivia)
                    {
                        AppendTrivia(builder, indent, "leading", trivia);
                    }

                    builder.Append(indent).Append(token.Kind).Append(' ').Append(Range(token.Span));
                    if (token.IsMissing)
                    {
                        builder.Append(" missing");
                    }
                    else
                    {
                        builder.Append(' ').Append(Escape(token.Text));
                    }

                    builder.Append('\n');
                    foreach (var trivia in token.TrailingTrivia)
                    {
                        AppendTrivia(builder, indent, "trailing", trivia);
                    }

                    break;
                case SyntaxNode node:
                    builder.Append(indent).Append(node.Kind).Append(' ').Append(Range(node.FullSpan)).Append('\n');
                    var children = node.ChildElements().ToList();
                    for (var i = children.Count - 1; i >= 0; i--)
                    {
                        stack.Push((children[i], depth + 1));
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static void AppendTrivia(StringBuilder builder, string indent, string side, SyntaxTrivia trivia) =>
        builder.Append(indent).Append("  (").Append(side).Append(' ').Append(trivia.Kind).Append(' ')
            .Append(Range(trivia.Span)).Append(' ').Append(Escape(trivia.Text)).Append(")\n");

    private static string Range(Microsoft.CodeAnalysis.Text.TextSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"[{span.Start}..{span.End})");

    /// <summary>Shows a text on one line, with control and non-ASCII characters as escapes.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ' or > '~':
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
