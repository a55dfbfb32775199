using System.Buffers;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.InternalSyntax;

namespace XenCfg.Syntax.Parsing;

/// <summary>
/// Which statements an edit replaced: the old tree's statements [<see cref="First"/>, First + <see cref="OldCount"/>),
/// over old text [<see cref="OldStart"/>, <see cref="OldEnd"/>), became the new tree's [First, First + <see cref="NewCount"/>)
/// over new text [OldStart, <see cref="NewEnd"/>). Statements before are the same nodes at the same places; statements
/// after are the same nodes moved by <see cref="Delta"/>. When <see cref="EndOfFileReplaced"/>, the reparse ran to the
/// end of the file: no statement follows the region, and the end-of-file token (the file's last trivia) is new.
/// </summary>
internal sealed record StatementEdit(int First, int OldCount, int NewCount, int OldStart, int OldEnd, int NewEnd, bool EndOfFileReplaced)
{
    public int Delta => NewEnd - OldEnd;
}

/// <summary>
/// Reparses only the statements an edit touches and keeps every other statement's green node, as Roslyn's
/// incremental parser keeps unchanged nodes. Used through <see cref="SyntaxTree.WithChangedText"/>; the result is
/// the tree a fresh parse would give (the property tests compare them after random edits, hostile ones included).
/// </summary>
/// <remarks>
/// <para>Why it is safe. A statement's green node is a function of three things only:</para>
/// <list type="number">
/// <item>the text from where the statement starts up to the last character its parse read, which is its end plus
/// its <see cref="GreenNode.LookaheadWidth"/> (the parser records it; the lexer's own lookahead is bounded in
/// <see cref="Lexer"/>);</item>
/// <item>whether the token before it ended a statement (a newline or ';'), the only state the lexer carries from one
/// token to the next, and whether it starts the file (a byte-order mark counts only there);</item>
/// <item>nothing else: the parser keeps no state across statements. Findings about several statements (a '+=' of the
/// wrong type, CRLF line ends) are worked out from the finished tree (<see cref="FileLevelDiagnostics"/>), and the
/// per-kind diagnostic cap (<see cref="DiagnosticBudget"/>) never bites while a tree and the reparsed region each
/// take at most half of it, which is checked (else the file is parsed whole).</item>
/// </list>
/// <para>
/// So a statement before the edit is kept when its end plus lookahead does not pass the edit's start; the first that
/// does, and everything after it, is reparsed from the new text, in a window of whole lines that grows when a
/// statement's parse reads past it. After each reparsed statement, if the new text position is the start of an old
/// statement that lies wholly after the edit (its text, and all text after it, unchanged), and the token before is
/// of the same kind as before (statement end or not), the rest of the old statements are what a fresh parse would
/// make there, and are kept: the resynchronisation point. Failing that, the reparse runs to the end of the file. The
/// end-of-file token is never a resynchronisation point: junk that the last statement's parse skipped (after its value
/// with no newline to end it) sits in front of it, so it is not made from the text after it alone.
/// </para>
/// </remarks>
internal static class IncrementalParser
{
    /// <summary>The most diagnostics an old tree and a reparsed region may each hold (see the remarks).</summary>
    private const int MaxDiagnostics = DiagnosticBudget.MaxPerDescriptor / 2;

    /// <summary>The new root, an upper bound on the diagnostics it holds, and what changed; null to parse the file whole.</summary>
    public static (GreenNode Root, int DiagnosticsBound, StatementEdit Edit)? TryParse(GreenNode oldRoot, int oldDiagnosticsBound, SourceText newText, TextChangeRange change)
    {
        if (oldDiagnosticsBound > MaxDiagnostics)
        {
            return null;
        }

        var changeStart = change.Span.Start;
        var changeEnd = change.Span.End;
        var delta = change.NewLength - change.Span.Length;
        var statementCount = oldRoot.SlotCount - 1;

        // The first statement whose reading reaches the edit, and where it starts.
        var first = FirstReaching(oldRoot, statementCount, changeStart, out var regionStart);
        var previousKind = first == 0 ? SyntaxKind.NewLineToken : LastTokenKind(oldRoot.GetSlot(first - 1)!);

        // The window: from the region's start to a line or two past the first place a resynchronisation could happen.
        var firstCandidate = regionStart;
        var candidate = first;
        while (candidate < statementCount && firstCandidate < changeEnd)
        {
            firstCandidate += oldRoot.GetSlot(candidate)!.FullWidth;
            candidate++;
        }

        var windowEnd = LineEnd(newText, LineEnd(newText, Math.Max(changeStart + change.NewLength, firstCandidate + delta)));
        while (true)
        {
            var isEndOfText = windowEnd >= newText.Length;
            var window = newText.ToString(TextSpan.FromBounds(regionStart, windowEnd));
            var parser = Parser.ForWindow(window, isEndOfText, regionStart, previousKind);
            var result = Reparse(parser, oldRoot, first, regionStart, changeEnd, delta, previousKind, statementCount);
            if (result is { } reparsed)
            {
                var (statements, sync, oldEnd) = reparsed;
                var oldCount = sync - first;
                var removedDiagnostics = 0;
                for (var i = first; i < sync; i++)
                {
                    removedDiagnostics += CountDiagnostics(oldRoot.GetSlot(i)!);
                }

                var endOfFileReplaced = sync == statementCount + 1;
                if (endOfFileReplaced)
                {
                    // The end-of-file token was reparsed too (no statement after the region was kept).
                    oldCount = statementCount - first;
                    removedDiagnostics += CountDiagnostics(oldRoot.GetSlot(statementCount)!);
                }

                if (parser.DiagnosticsTaken > MaxDiagnostics)
                {
                    return null;
                }

                var newEnd = regionStart;
                foreach (var statement in statements)
                {
                    newEnd += statement.Kind == SyntaxKind.EndOfFileToken ? 0 : statement.FullWidth;
                }

                var slots = new GreenNode?[first + statements.Count + (endOfFileReplaced ? 0 : statementCount + 1 - sync)];
                for (var i = 0; i < first; i++)
                {
                    slots[i] = oldRoot.GetSlot(i);
                }

                for (var i = 0; i < statements.Count; i++)
                {
                    slots[first + i] = statements[i];
                }
                for (var i = sync; !endOfFileReplaced && i <= statementCount; i++)
                {
                    slots[first + statements.Count + i - sync] = oldRoot.GetSlot(i);
                }

                var root = GreenNodeWithChildren.Create(SyntaxKind.ConfigFile, slots);
                var newCount = endOfFileReplaced ? statements.Count - 1 : statements.Count;
                var edit = new StatementEdit(first, oldCount, newCount, regionStart, oldEnd, newEnd, endOfFileReplaced);
                return (root, oldDiagnosticsBound - removedDiagnostics + parser.DiagnosticsTaken, edit);
            }

            // A statement read past the window: take more of the text and reparse the region.
            windowEnd = LineEnd(newText, Math.Min(newText.Length, regionStart + 2 * (windowEnd - regionStart) + 256));
        }
    }

    /// <summary>The first statement whose end plus lookahead passes <paramref name="changeStart"/> (or the count when none does).</summary>
    private static int FirstReaching(GreenNode oldRoot, int statementCount, int changeStart, out int start)
    {
        var position = 0;
        for (var i = 0; i < statementCount; i++)
        {
            var statement = oldRoot.GetSlot(i)!;
            var end = position + statement.FullWidth;
            if (end + statement.LookaheadWidth > changeStart)
            {
                start = position;
                return i;
            }

            position = end;
        }

        start = position;
        return statementCount;
    }

    /// <summary>
    /// Parses statements from the region's start until a resynchronisation point or the end of the file. Returns the
    /// new statements (with the new end-of-file token last when the reparse reached it), the index of the first old
    /// statement kept (the old statement count plus one when none was), and the old text position the region ends
    /// at; null when a statement read past the window.
    /// </summary>
    private static (List<GreenNode> Statements, int Sync, int OldEnd)? Reparse(
        Parser parser, GreenNode oldRoot, int first, int regionStart, int changeEnd, int delta, SyntaxKind previousKind, int statementCount)
    {
        var statements = new List<GreenNode>();
        var position = regionStart;
        var endsStatement = EndsStatement(previousKind);

        // The next old statement that could be a resynchronisation point, and where it starts in the old text.
        var candidate = first;
        var candidateStart = regionStart;
        while (true)
        {
            while (candidate <= statementCount && candidateStart + delta < position)
            {
                candidateStart += oldRoot.GetSlot(candidate)!.FullWidth;
                candidate++;
            }

            // Never at the end-of-file token: it is not made from the text after it alone, since junk a last statement
            // without a newline skipped (after its value, in its list) is put in front of it.
            if (candidate < statementCount
                && parser.HoldsAllConsumed(position - regionStart)
                && candidateStart + delta == position
                && candidateStart >= changeEnd
                && (position == 0) == (candidateStart == 0)
                && EndsStatement(candidate == 0 ? SyntaxKind.NewLineToken : LastTokenKind(oldRoot.GetSlot(candidate - 1)!)) == endsStatement)
            {
                return (statements, candidate, candidateStart);
            }

            if (parser.AtEndOfFile)
            {
                statements.Add(parser.EatEndOfFile());
                var oldLength = regionStart;
                for (var i = first; i <= statementCount; i++)
                {
                    oldLength += oldRoot.GetSlot(i)!.FullWidth;
                }

                return (statements, statementCount + 1, oldLength);
            }

            var statement = parser.ParseStatementWithLookahead();
            if (parser.PeekedPastWindow)
            {
                return null;
            }

            if (statement is not null)
            {
                statements.Add(statement);
                position += statement.FullWidth;
                endsStatement = EndsStatement(LastTokenKind(statement));
            }
        }
    }

    private static bool EndsStatement(SyntaxKind kind) => kind is SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken;

    /// <summary>The kind of a statement's last token that is in the text (not a missing one): the lexer's state after it.</summary>
    private static SyntaxKind LastTokenKind(GreenNode statement) => statement.LastTokenInText()?.Kind ?? SyntaxKind.None;

    /// <summary>The diagnostics held in a subtree (only subtrees flagged as holding some are walked).</summary>
    private static int CountDiagnostics(GreenNode node)
    {
        if (!node.ContainsDiagnostics)
        {
            return 0;
        }

        var count = node.Diagnostics?.Length ?? 0;
        if (node is GreenToken token)
        {
            foreach (var trivia in token.Leading)
            {
                count += trivia.Diagnostics?.Length ?? 0;
            }

            foreach (var trivia in token.Trailing)
            {
                count += trivia.Diagnostics?.Length ?? 0;
            }

            return count;
        }

        for (var i = 0; i < node.SlotCount; i++)
        {
            if (node.GetSlot(i) is { } child)
            {
                count += CountDiagnostics(child);
            }
        }

        return count;
    }

    /// <summary>Just past the first newline at or after <paramref name="position"/>, or the text's end.</summary>
    private static int LineEnd(SourceText text, int position)
    {
        const int Chunk = 256;
        var buffer = ArrayPool<char>.Shared.Rent(Chunk);
        try
        {
            for (var start = position; start < text.Length; start += Chunk)
            {
                var count = Math.Min(Chunk, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                var newline = buffer.AsSpan(0, count).IndexOf('\n');
                if (newline >= 0)
                {
                    return start + newline + 1;
                }
            }

            return text.Length;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
