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
/// The style: no indentation for settings; <c>key = value</c> with one space around <c>=</c> and <c>+=</c>, unless
/// the file aligns its <c>=</c> (<see cref="Alignment"/>); <c>[ 'a', 'b' ]</c> with one space inside non-empty
/// brackets and after commas, none before; the continuation lines of a list line up under its first item when that
/// item follows the <c>[</c> on its line, else (after a <c>[</c> that ends its line) are indented four spaces more
/// than the line of the <c>[</c>, whose <c>]</c> at the start of a line lines up with that line (or, in the first
/// case, with the <c>[</c>); one space before a trailing comment; no blanks at the end of a line; tabs become
/// spaces. Python (xm) statements and expressions are left exactly as written.
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

        var layout = new Layout(Alignment.Of(tree));
        var changes = ImmutableArray.CreateBuilder<TextChange>();
        var trivia = new List<SyntaxTrivia>();
        SyntaxToken? previous = null;
        foreach (var token in tree.Root.DescendantTokens())
        {
            if (token.IsMissing)
            {
                continue;
            }

            var gap = FormatGap(previous, token, range, changes, trivia, layout);
            layout.Advance(previous, token, gap);
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
    /// <returns>The length of the gap in the output (changed or not), for the columns of what follows.</returns>
    private static int FormatGap(
        SyntaxToken? previous, SyntaxToken token, TextSpan? range, ImmutableArray<TextChange>.Builder changes, List<SyntaxTrivia> trivia, Layout layout)
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
            return gapEnd - gapStart;
        }

        if (range is { } limit && !limit.IntersectsWith(TextSpan.FromBounds(gapStart, Math.Max(gapEnd, gapStart + 1))))
        {
            return gapEnd - gapStart;
        }

        var comment = trivia.FirstOrDefault(piece => piece.Kind == SyntaxKind.CommentTrivia);
        string replacement;
        if (comment.Kind == SyntaxKind.CommentTrivia)
        {
            // Only a newline can follow a comment, so the comment ends the gap.
            var atLineStart = previous is null || previous.Kind == SyntaxKind.NewLineToken;
            var before = atLineStart ? layout.Indentation(token, commentLine: true) : " ";
            replacement = before + comment.Text;
        }
        else if (previous is null || previous.Kind == SyntaxKind.NewLineToken)
        {
            replacement = token.Kind is SyntaxKind.NewLineToken or SyntaxKind.EndOfFileToken ? string.Empty : layout.Indentation(token, commentLine: false);
        }
        else
        {
            replacement = layout.Padding(previous, token) ?? SpaceBetween(previous, token);
        }

        var current = string.Concat(trivia.Select(piece => piece.Text));
        if (current != replacement)
        {
            changes.Add(new TextChange(TextSpan.FromBounds(gapStart, gapEnd), replacement));
        }

        return replacement.Length;
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

    /// <summary>
    /// Where the output stands: the column each token lands in, and for each open list the columns its continuation
    /// lines line up with. Columns come from the output itself, so a second formatting finds the same ones.
    /// </summary>
    private sealed class Layout(IReadOnlyDictionary<int, int> alignedKeys)
    {
        private readonly Dictionary<int, ListColumns> _lists = [];
        private int _column;
        private int _lineIndent;
        private ListValueSyntax? _justOpened;

        /// <summary>The blanks between an aligned key and its <c>=</c>, or null when the key is not aligned.</summary>
        public string? Padding(SyntaxToken previous, SyntaxToken token) =>
            token.Kind is SyntaxKind.EqualsToken or SyntaxKind.PlusEqualsToken && alignedKeys.TryGetValue(previous.Span.Start, out var blanks)
                ? new string(' ', blanks)
                : null;

        /// <summary>Moves past the gap before <paramref name="token"/> (<paramref name="gap"/> characters in the output) and the token.</summary>
        public void Advance(SyntaxToken? previous, SyntaxToken token, int gap)
        {
            var atLineStart = previous is null || previous.Kind == SyntaxKind.NewLineToken;
            var start = (atLineStart ? 0 : _column) + gap;
            if (atLineStart)
            {
                _lineIndent = start;
            }

            if (_justOpened is { } list)
            {
                // The list's first item follows its `[` on the same line: the other items line up under it.
                // (A comment after the `[` is trivia before the newline that follows it.)
                if (token.Kind is not (SyntaxKind.NewLineToken or SyntaxKind.CloseBracketToken or SyntaxKind.EndOfFileToken))
                {
                    _lists[list.Position] = _lists[list.Position] with { ItemColumn = start };
                }

                _justOpened = null;
            }

            if (token.Kind == SyntaxKind.OpenBracketToken && token.Parent is ListValueSyntax opened)
            {
                _lists[opened.Position] = new ListColumns(start, _lineIndent, null);
                _justOpened = opened;
            }
            else if (token.Kind == SyntaxKind.CloseBracketToken && token.Parent is ListValueSyntax closed)
            {
                _lists.Remove(closed.Position);
            }

            _column = token.Kind == SyntaxKind.NewLineToken ? 0 : start + token.Span.Length;
        }

        /// <summary>
        /// The indentation of a line that starts with <paramref name="token"/>: the column of the items of the list
        /// it is in, for a closing bracket the column that matches its opening. A comment on its own line inside a
        /// list belongs to the list's items, whatever token follows it.
        /// </summary>
        public string Indentation(SyntaxToken token, bool commentLine)
        {
            foreach (var ancestor in token.Ancestors())
            {
                // A list's own `[` belongs to the enclosing list; a list whose `[` is still ahead is not open yet.
                if (ancestor is not ListValueSyntax list || !_lists.TryGetValue(list.Position, out var columns))
                {
                    continue;
                }

                var closing = !commentLine && token.Kind == SyntaxKind.CloseBracketToken && ReferenceEquals(token.Parent, list);
                var column = columns.ItemColumn is { } items
                    ? (closing ? columns.BracketColumn : items)
                    : columns.LineIndent + (closing ? 0 : IndentWidth);
                return new string(' ', column);
            }

            return string.Empty;
        }

        /// <param name="BracketColumn">Where the list's <c>[</c> is.</param>
        /// <param name="LineIndent">The indentation of the line of the <c>[</c>.</param>
        /// <param name="ItemColumn">Where its first item is, when that follows the <c>[</c> on its line.</param>
        private readonly record struct ListColumns(int BracketColumn, int LineIndent, int? ItemColumn);
    }

    /// <summary>
    /// A file's <c>=</c> alignment, kept when it is consistent. In a block of settings (lines between blank lines;
    /// comment and continuation lines do not end a block), when every <c>=</c> with more than one space before it is
    /// in the same column, that column is the block's: every key of the block is padded to it, and a key too long for
    /// it gets one space. A block that aligns nothing, or to more than one column, gets <c>key = value</c>.
    /// </summary>
    internal static class Alignment
    {
        /// <summary>For each aligned key (by its position), the blanks between it and its <c>=</c>.</summary>
        public static IReadOnlyDictionary<int, int> Of(SyntaxTree tree)
        {
            var aligned = new Dictionary<int, int>();
            var block = new List<(int Key, int Width, int Gap)>();
            var lastLine = -1;
            foreach (var assignment in tree.Root.Assignments)
            {
                var key = assignment.Key;
                var line = tree.Text.Lines.GetLineFromPosition(key.Span.Start);
                if (!IsBlank(tree.Text, line.Start, key.Span.Start))
                {
                    continue; // not the first thing on its line (`a = 1; b = 2`)
                }

                if (lastLine >= 0 && Enumerable.Range(lastLine + 1, Math.Max(0, line.LineNumber - lastLine - 1)).Any(between => IsBlank(tree.Text, tree.Text.Lines[between].Start, tree.Text.Lines[between].End)))
                {
                    Close(block, aligned);
                }

                var gapStart = key.Span.End;
                var gapEnd = assignment.OperatorToken.Span.Start;
                var spacesOnly = Enumerable.Range(gapStart, gapEnd - gapStart).All(position => tree.Text[position] == ' ');
                block.Add((key.Span.Start, key.Span.Length, spacesOnly ? gapEnd - gapStart : -1));
                lastLine = line.LineNumber;
            }

            Close(block, aligned);
            return aligned;
        }

        private static void Close(List<(int Key, int Width, int Gap)> block, Dictionary<int, int> aligned)
        {
            var columns = block.Where(entry => entry.Gap >= 2).Select(entry => entry.Width + entry.Gap).Distinct().ToList();
            if (block.Count >= 2 && columns.Count == 1)
            {
                foreach (var (key, width, _) in block)
                {
                    aligned[key] = Math.Max(1, columns[0] - width);
                }
            }

            block.Clear();
        }

        private static bool IsBlank(SourceText text, int start, int end)
        {
            for (var position = start; position < end; position++)
            {
                if (text[position] is not (' ' or '\t'))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static bool IsInsidePython(SyntaxToken token) =>
        token.Ancestors().Any(ancestor => ancestor is PythonStatementSyntax or PythonExpressionSyntax);
}
