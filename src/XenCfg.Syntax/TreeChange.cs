using System.Buffers;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.InternalSyntax;
using XenCfg.Syntax.Parsing;

namespace XenCfg.Syntax;

/// <summary>One assignment as far as placement goes: its key, whether it appends, and whether it holds a value xl keeps.</summary>
/// <param name="HoldsValue">True for a string, number or list; false for a Python expression or a missing value.</param>
public readonly record struct AssignmentOutline(string Key, bool IsAppend, bool HoldsValue);

/// <summary>
/// What made a tree out of an older one (<see cref="SyntaxTree.WithChangedText"/>): the text change, and the
/// statements the incremental parse replaced. The statements before <see cref="FirstStatement"/> are the old tree's at
/// the same places; those after the region are the old tree's moved by the change's length delta. An analysis uses it
/// to work out again only what the replaced statements can affect.
/// </summary>
public sealed class TreeChange
{
    private readonly StatementEdit _edit;
    private ImmutableArray<AssignmentOutline> _oldAssignments;
    private ImmutableArray<AssignmentOutline> _newAssignments;
    private int? _lineDelta;
    private bool? _touchesComments;

    internal TreeChange(SyntaxTree oldTree, SyntaxTree newTree, TextChangeRange textChange, StatementEdit edit)
    {
        OldTree = oldTree;
        NewTree = newTree;
        TextChange = textChange;
        _edit = edit;
    }

    public SyntaxTree OldTree { get; }

    public SyntaxTree NewTree { get; }

    /// <summary>The text change: <c>Span</c> in the old text became <c>NewLength</c> characters.</summary>
    public TextChangeRange TextChange { get; }

    /// <summary>The first statement reparsed (the same index in both trees).</summary>
    public int FirstStatement => _edit.First;

    /// <summary>How many old statements were replaced, and by how many new ones.</summary>
    public int OldStatementCount => _edit.OldCount;

    public int NewStatementCount => _edit.NewCount;

    /// <summary>The replaced statements in the old text, and their replacements in the new.</summary>
    public TextSpan OldSpan => TextSpan.FromBounds(_edit.OldStart, _edit.OldEnd);

    public TextSpan NewSpan => TextSpan.FromBounds(_edit.OldStart, _edit.NewEnd);

    /// <summary>True when the reparse ran to the end of the file (the file's last trivia was read again too).</summary>
    public bool EndOfFileReplaced => _edit.EndOfFileReplaced;

    internal StatementEdit Edit => _edit;

    /// <summary>The assignments (settings: a key and an operator) among the replaced statements.</summary>
    public ImmutableArray<AssignmentOutline> OldAssignments =>
        _oldAssignments.IsDefault ? _oldAssignments = Outline(OldTree.Root.Green, _edit.OldCount) : _oldAssignments;

    /// <summary>The assignments among the statements that replaced them.</summary>
    public ImmutableArray<AssignmentOutline> NewAssignments =>
        _newAssignments.IsDefault ? _newAssignments = Outline(NewTree.Root.Green, _edit.NewCount) : _newAssignments;

    /// <summary>
    /// How many lines the change added (less those it removed): the lines after it move by this many. Counted as the
    /// texts' line tables count them (a lone '\r' and U+2028 break lines too), since that is how positions are reported.
    /// </summary>
    public int LineDelta => _lineDelta ??= NewTree.Text.Lines.Count - OldTree.Text.Lines.Count;

    /// <summary>Whether the replaced statements, old or new, may hold a comment (annotations and suppressions live in comments).</summary>
    public bool TouchesComments => _touchesComments ??=
        Contains(OldTree.Text, OldSpan, '#') || Contains(NewTree.Text, NewSpan, '#')
        || (EndOfFileReplaced && (Contains(OldTree.Text, TextSpan.FromBounds(_edit.OldEnd, OldTree.Text.Length), '#')
            || Contains(NewTree.Text, TextSpan.FromBounds(_edit.NewEnd, NewTree.Text.Length), '#')));

    private ImmutableArray<AssignmentOutline> Outline(GreenNode root, int count)
    {
        var builder = ImmutableArray.CreateBuilder<AssignmentOutline>();
        for (var i = _edit.First; i < _edit.First + count; i++)
        {
            if (KeyIndex.SettingKey(root.GetSlot(i)!) is { } key)
            {
                var statement = root.GetSlot(i)!;
                builder.Add(new AssignmentOutline(key, statement.GetSlot(1)!.Kind == SyntaxKind.PlusEqualsToken, KeyIndex.HoldsValue(statement)));
            }
        }

        return builder.ToImmutable();
    }

    private static bool Contains(SourceText text, TextSpan span, char c)
    {
        const int Chunk = 1024;
        var buffer = ArrayPool<char>.Shared.Rent(Chunk);
        try
        {
            for (var start = span.Start; start < span.End; start += Chunk)
            {
                var length = Math.Min(Chunk, span.End - start);
                text.CopyTo(start, buffer, 0, length);
                if (buffer.AsSpan(0, length).Contains(c))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
