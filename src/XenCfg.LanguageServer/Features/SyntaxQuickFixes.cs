using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Features;

/// <summary>A fix: a title and the text changes that make it.</summary>
internal sealed record QuickFix(string Title, IReadOnlyList<TextChange> Changes, bool IsPreferred);

/// <summary>
/// Fixes for syntax findings whose repair is obvious: add the missing <c>;</c> or <c>,</c>, end the last comment
/// with a newline, drop the byte-order mark, convert CRLF to LF, lower-case a key. Kept here, beside the server,
/// until Analysis has its code-fix providers (then the server asks those instead and this file goes).
/// </summary>
internal static partial class SyntaxQuickFixes
{
    public static IEnumerable<QuickFix> For(ConfigDiagnostic diagnostic, SyntaxTree tree)
    {
        var text = tree.Text;
        switch (diagnostic.Id)
        {
            case "XCFG0014" when InsertionPoint(tree, diagnostic.Span, SyntaxKind.SemicolonToken) is { } at:
                yield return new QuickFix("Add `;` between the settings", [new TextChange(new TextSpan(at, 0), ";")], true);
                break;
            case "XCFG0031" when InsertionPoint(tree, diagnostic.Span, SyntaxKind.CommaToken) is { } at:
                yield return new QuickFix("Add `,` between the list elements", [new TextChange(new TextSpan(at, 0), ",")], true);
                break;
            case "XCFG0004":
                yield return new QuickFix("Add a newline at the end of the file", [new TextChange(new TextSpan(text.Length, 0), "\n")], true);
                break;
            case "XCFG0003":
                yield return new QuickFix("Remove the byte-order mark", [new TextChange(new TextSpan(0, 1), string.Empty)], true);
                break;
            case "XCFG0002":
                yield return new QuickFix("Convert line endings to LF", [.. CarriageReturns(text).Select(offset => new TextChange(new TextSpan(offset, 1), string.Empty))], true);
                break;
            case "XCFG0010" when tree.Root.FindToken(diagnostic.Span.Start) is { Parent: AssignmentSyntax assignment } key && assignment.Key == key && LowerCaseKey(key.Text) is { } lower:
                yield return new QuickFix($"Rename to `{lower}`", [new TextChange(key.Span, lower)], false);
                break;
        }
    }

    /// <summary>
    /// Where the missing token of the kind nearest to the finding belongs: right after the token before it (the
    /// parser places the zero-width token after the blanks, before the next setting or element).
    /// </summary>
    private static int? InsertionPoint(SyntaxTree tree, TextSpan near, SyntaxKind kind)
    {
        SyntaxToken? previous = null;
        int? best = null;
        var bestDistance = int.MaxValue;
        foreach (var token in tree.Root.DescendantTokens())
        {
            if (token.IsMissing && token.Kind == kind)
            {
                var distance = Math.Min(Math.Abs(token.Span.Start - near.Start), Math.Abs(token.Span.Start - near.End));
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = previous?.Span.End ?? token.Span.Start;
                }
            }
            else if (!token.IsMissing)
            {
                previous = token;
            }
        }

        return best;
    }

    private static IEnumerable<int> CarriageReturns(SourceText text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] == '\r' && text[i + 1] == '\n')
            {
                yield return i;
            }
        }
    }

    private static string? LowerCaseKey(string key)
    {
        var lower = key.ToLowerInvariant();
        return ValidKey().IsMatch(lower) ? lower : null;
    }

    [GeneratedRegex("^[a-z][._0-9a-z]*$")]
    private static partial Regex ValidKey();
}
