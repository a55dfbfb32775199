using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Formatting;

/// <summary>
/// Formats a config by changing only blanks: it never adds, removes or changes a token (newlines are tokens in
/// this grammar, so line breaks stay where the author put them). The result is idempotent. Files with syntax
/// errors are not formatted: guessing the structure of a broken file could damage it.
/// </summary>
/// <remarks>
/// The style: no indentation for settings; <c>key = value</c> with one space around <c>=</c> and <c>+=</c>;
/// <c>[ 'a', 'b' ]</c> with one space inside non-empty brackets and after commas, none before; continuation
/// lines of a list indented four spaces per level; one space before a trailing comment; no blanks at the end of a
/// line; tabs become spaces. Python (xm) statements and expressions are left exactly as written.
/// </remarks>
public static class ConfigFormatter
{
    private const int IndentWidth = 4;

    /// <summary>The whitespace edits that format <paramref name="tree"/>, or null when it has syntax errors.</summary>
    public static ImmutableArray<TextChange>? Format(SyntaxTree tree, TextSpan? range = null)
    {
        if (tree.GetDiagnostics().Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        var changes = ImmutableArray.CreateBuilder<TextChange>();
        var trivia = new List<SyntaxTrivia>();
        SyntaxToken? previous = null;
        foreach (var token in tree.Root.DescendantTokens())
        {
            if (token.IsMissing)
            {
                continue;
            }

            FormatGap(previous, token, range, changes, trivia);
            previous = token;
        }

        return changes.ToImmutable();
    }

    /// <summary>The formatted text, or null when the tree has syntax errors.</summary>
    public static string? FormatText(SyntaxTree tree) =>
        Format(tree) is { } changes ? Apply(tree.Text.ToString(), changes) : null;

    /// <summary>
    /// Applies ordered, non-overlapping changes in one pass. (<see cref="SourceText.WithChanges(IEnumerable{TextChange})"/>
    /// builds a composite text and merges its segments again and again: many times slower on a file with a
    /// change on each of a few hundred thousand lines.)
    /// </summary>
    private static string Apply(string text, ImmutableArray<TextChange> changes)
    {
        var builder = new System.Text.StringBuilder(text.Length + (changes.Length * 2));
        var position = 0;
        foreach (var change in changes)
        {
            builder.Append(text, position, change.Span.Start - position).Append(change.NewText);
            position = change.Span.End;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>
    /// Rewrites the trivia between two tokens. The gap is the previous token's trailing trivia and this token's
    /// leading trivia; comments in it are kept, only the blanks around them change. Gaps holding junk or Python
    /// are left alone.
    /// </summary>
    private static void FormatGap(
        SyntaxToken? previous, SyntaxToken token, TextSpan? range, ImmutableArray<TextChange>.Builder changes, List<SyntaxTrivia> trivia)
    {
        // One list for every gap: a fresh one per token cost more than the rest of the formatting.
        trivia.Clear();
        if (previous is not null)
        {
            trivia.AddRange(previous.TrailingTrivia);
        }

        trivia.AddRange(token.LeadingTrivia);
        var gapStart = previous?.Span.End ?? 0;
        var gapEnd = token.Span.Start;
        if (trivia.Any(piece => piece.Kind == SyntaxKind.SkippedTokensTrivia) || IsInsidePython(token) || (previous is not null && IsInsidePython(previous)))
        {
            return;
        }

        if (range is { } limit && !limit.IntersectsWith(TextSpan.FromBounds(gapStart, Math.Max(gapEnd, gapStart + 1))))
        {
            return;
        }

        var comment = trivia.FirstOrDefault(piece => piece.Kind == SyntaxKind.CommentTrivia);
        string replacement;
        if (comment.Kind == SyntaxKind.CommentTrivia)
        {
            // Only a newline can follow a comment, so the comment ends the gap.
            var atLineStart = previous is null || previous.Kind == SyntaxKind.NewLineToken;
            var before = atLineStart ? Indentation(token, commentLine: true) : " ";
            replacement = before + comment.Text;
        }
        else if (previous is null || previous.Kind == SyntaxKind.NewLineToken)
        {
            replacement = token.Kind is SyntaxKind.NewLineToken or SyntaxKind.EndOfFileToken ? string.Empty : Indentation(token, commentLine: false);
        }
        else
        {
            replacement = SpaceBetween(previous, token);
        }

        var current = string.Concat(trivia.Select(piece => piece.Text));
        if (current != replacement)
        {
            changes.Add(new TextChange(TextSpan.FromBounds(gapStart, gapEnd), replacement));
        }
    }

    /// <summary>Blanks between two tokens on the same line.</summary>
    private static string SpaceBetween(SyntaxToken previous, SyntaxToken token)
    {
        if (token.Kind is SyntaxKind.NewLineToken or SyntaxKind.EndOfFileToken or SyntaxKind.CommaToken or SyntaxKind.SemicolonToken)
        {
            return string.Empty;
        }

        if (previous.Kind == SyntaxKind.OpenBracketToken && token.Kind == SyntaxKind.CloseBracketToken)
        {
            return string.Empty;
        }

        return " ";
    }

    /// <summary>The indentation of a line that starts with <paramref name="token"/>: four spaces per open list.</summary>
    private static string Indentation(SyntaxToken token, bool commentLine)
    {
        var depth = token.Ancestors().Count(ancestor => ancestor is ListValueSyntax);

        // A list's own brackets belong to the enclosing level: a closing bracket at the start of a line lines up
        // with the line that opened its list.
        if (!commentLine && token.Kind is SyntaxKind.CloseBracketToken or SyntaxKind.OpenBracketToken)
        {
            depth--;
        }

        // A comment on its own line inside a list belongs to the list's items, whatever token follows it.
        return new string(' ', Math.Max(0, depth) * IndentWidth);
    }

    private static bool IsInsidePython(SyntaxToken token) =>
        token.Ancestors().Any(ancestor => ancestor is PythonStatementSyntax or PythonExpressionSyntax);
}
