using System.Text;

namespace XenCfg.Syntax.InternalSyntax;

/// <summary>
/// A diagnostic stored on a green node. Its offset is relative to the node's full start (leading trivia
/// included), because a green node does not know where it sits in the file.
/// </summary>
internal sealed record GreenDiagnostic(DiagnosticDescriptor Descriptor, int Offset, int Length, object?[] Arguments);

/// <summary>
/// The immutable, position-free half of the tree (Roslyn's green nodes): kind, width and children only, so a
/// node can be shared. All green node classes live in this one file while the language stays this small.
/// </summary>
internal abstract class GreenNode
{
    private const byte ContainsDiagnosticsFlag = 1;
    private const byte IsMissingFlag = 2;
    private const byte HasOwnDiagnosticsFlag = 4;

    /// <summary>
    /// Diagnostics live beside the nodes, as in Roslyn: few nodes have any, so a field on every node would cost
    /// more memory than the table.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GreenNode, GreenDiagnostic[]> DiagnosticTable = new();

    private byte _flags;

    protected GreenNode(SyntaxKind kind, GreenDiagnostic[]? diagnostics)
    {
        Kind = kind;
        if (diagnostics is { Length: > 0 })
        {
            DiagnosticTable.Add(this, diagnostics);
            _flags |= ContainsDiagnosticsFlag | HasOwnDiagnosticsFlag;
        }
    }

    public SyntaxKind Kind { get; }

    /// <summary>Width including leading and trailing trivia.</summary>
    public int FullWidth { get; protected init; }

    /// <summary>Diagnostics on this node itself (not on its children).</summary>
    public GreenDiagnostic[]? Diagnostics =>
        (_flags & HasOwnDiagnosticsFlag) != 0 && DiagnosticTable.TryGetValue(this, out var diagnostics) ? diagnostics : null;

    /// <summary>True when this node or anything below it carries a diagnostic, so a walk can skip clean subtrees.</summary>
    public bool ContainsDiagnostics => (_flags & ContainsDiagnosticsFlag) != 0;

    public bool IsMissing => (_flags & IsMissingFlag) != 0;

    public abstract int SlotCount { get; }

    public abstract GreenNode? GetSlot(int index);

    public virtual int LeadingTriviaWidth => 0;

    public virtual int TrailingTriviaWidth => 0;

    public int Width => FullWidth - LeadingTriviaWidth - TrailingTriviaWidth;

    protected void MarkMissing() => _flags |= IsMissingFlag;

    protected void AdoptFlagsFrom(GreenNode? child)
    {
        if (child is { ContainsDiagnostics: true })
        {
            _flags |= ContainsDiagnosticsFlag;
        }
    }

    /// <summary>Writes the exact text, trivia included. Iterative, so any nesting depth is safe.</summary>
    public void WriteTo(StringBuilder builder)
    {
        var stack = new Stack<GreenNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case GreenToken token:
                    token.WriteTokenTo(builder);
                    break;
                case GreenTrivia trivia:
                    builder.Append(trivia.Text);
                    break;
                default:
                    for (var i = node.SlotCount - 1; i >= 0; i--)
                    {
                        if (node.GetSlot(i) is { } child)
                        {
                            stack.Push(child);
                        }
                    }

                    break;
            }
        }
    }

    public string ToFullString()
    {
        var builder = new StringBuilder(FullWidth);
        WriteTo(builder);
        return builder.ToString();
    }
}

/// <summary>Blanks, a comment, or skipped junk.</summary>
internal sealed class GreenTrivia : GreenNode
{
    public GreenTrivia(SyntaxKind kind, string text, GreenDiagnostic[]? diagnostics = null)
        : base(kind, diagnostics)
    {
        Text = text;
        FullWidth = text.Length;
    }

    public string Text { get; }

    public override int SlotCount => 0;

    public override GreenNode? GetSlot(int index) => null;
}

/// <summary>A token with its leading and trailing trivia.</summary>
internal sealed class GreenToken : GreenNode
{
    private static readonly GreenTrivia[] NoTrivia = [];

    public GreenToken(
        SyntaxKind kind,
        string text,
        GreenTrivia[]? leading,
        GreenTrivia[]? trailing,
        GreenDiagnostic[]? diagnostics = null)
        : base(kind, diagnostics)
    {
        Text = text;
        Leading = leading ?? NoTrivia;
        Trailing = trailing ?? NoTrivia;
        FullWidth = SumWidths(Leading) + text.Length + SumWidths(Trailing);
        foreach (var trivia in Leading)
        {
            AdoptFlagsFrom(trivia);
        }

        foreach (var trivia in Trailing)
        {
            AdoptFlagsFrom(trivia);
        }
    }

    /// <summary>A zero-width token the parser expected but did not find.</summary>
    public static GreenToken Missing(SyntaxKind kind, GreenDiagnostic[]? diagnostics = null)
    {
        var token = new GreenToken(kind, string.Empty, null, null, diagnostics);
        token.MarkMissing();
        return token;
    }

    public string Text { get; }

    public GreenTrivia[] Leading { get; }

    public GreenTrivia[] Trailing { get; }

    public override int LeadingTriviaWidth => SumWidths(Leading);

    public override int TrailingTriviaWidth => SumWidths(Trailing);

    public override int SlotCount => 0;

    public override GreenNode? GetSlot(int index) => null;

    public GreenToken WithLeading(GreenTrivia[] leading) => CopyWith(leading, Trailing, Diagnostics);

    public GreenToken WithDiagnostics(GreenDiagnostic[] diagnostics) => CopyWith(Leading, Trailing, diagnostics);

    public void WriteTokenTo(StringBuilder builder)
    {
        foreach (var trivia in Leading)
        {
            builder.Append(trivia.Text);
        }

        builder.Append(Text);
        foreach (var trivia in Trailing)
        {
            builder.Append(trivia.Text);
        }
    }

    private GreenToken CopyWith(GreenTrivia[] leading, GreenTrivia[] trailing, GreenDiagnostic[]? diagnostics)
    {
        var token = new GreenToken(Kind, Text, leading, trailing, diagnostics);
        if (IsMissing)
        {
            token.MarkMissing();
        }

        return token;
    }

    private static int SumWidths(GreenTrivia[] trivia)
    {
        var width = 0;
        foreach (var piece in trivia)
        {
            width += piece.FullWidth;
        }

        return width;
    }
}

/// <summary>
/// Any node with children. The typed red nodes give the slots their names; the green layer only needs order.
/// A node has a variable number of slots where the grammar has a list (statements, list items), which avoids
/// separate list nodes.
/// </summary>
internal sealed class GreenNodeWithChildren : GreenNode
{
    private readonly GreenNode?[] _slots;

    public GreenNodeWithChildren(SyntaxKind kind, GreenNode?[] slots, GreenDiagnostic[]? diagnostics = null)
        : base(kind, diagnostics)
    {
        _slots = slots;
        var width = 0;
        foreach (var slot in slots)
        {
            if (slot is null)
            {
                continue;
            }

            width += slot.FullWidth;
            AdoptFlagsFrom(slot);
        }

        FullWidth = width;
    }

    public override int SlotCount => _slots.Length;

    public override GreenNode? GetSlot(int index) => _slots[index];

    // Computed on demand rather than stored: it costs a walk down one edge of the node, and saves memory on every node.
    public override int LeadingTriviaWidth => Array.Find(_slots, slot => slot is { FullWidth: > 0 })?.LeadingTriviaWidth ?? 0;

    public override int TrailingTriviaWidth => Array.FindLast(_slots, slot => slot is { FullWidth: > 0 })?.TrailingTriviaWidth ?? 0;
}
