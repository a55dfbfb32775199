using System.Runtime.CompilerServices;
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
    private const byte HasLookaheadFlag = 8;

    /// <summary>
    /// The diagnostics of nodes live beside them, as in Roslyn: few nodes have any, so a field on every node would
    /// cost more memory than the table. Tokens and trivia, which carry most diagnostics (a broken file can have
    /// thousands), keep theirs in a field of a subclass instead, which is much cheaper than a table entry.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GreenNode, GreenDiagnostic[]> DiagnosticTable = new();

    /// <summary>The <see cref="LookaheadWidth"/> of the few statements that have one (see there), kept beside them as diagnostics are.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GreenNode, StrongBox<int>> LookaheadTable = new();

    private byte _flags;

    /// <param name="kind">The kind.</param>
    /// <param name="diagnostics">The element's own diagnostics.</param>
    /// <param name="keepsDiagnostics">True when the subclass keeps them in a field and overrides <see cref="Diagnostics"/>.</param>
    protected GreenNode(SyntaxKind kind, GreenDiagnostic[]? diagnostics, bool keepsDiagnostics = false)
    {
        Kind = kind;
        if (diagnostics is { Length: > 0 })
        {
            if (!keepsDiagnostics)
            {
                DiagnosticTable.Add(this, diagnostics);
            }

            _flags |= ContainsDiagnosticsFlag | HasOwnDiagnosticsFlag;
        }
    }

    public SyntaxKind Kind { get; }

    /// <summary>Width including leading and trailing trivia.</summary>
    public int FullWidth { get; private protected set; }

    /// <summary>
    /// A hash of the element's content (kind, text, children's hashes), for <see cref="GreenCache"/>. It fits in
    /// the padding of the object, so it costs no memory, and unlike an identity hash it needs no object header work.
    /// </summary>
    public ushort StructuralHash { get; private protected set; }

    /// <summary>A cheap hash of a text: all of a short one, the length and both ends of a long one.</summary>
    public static int TextHash(ReadOnlySpan<char> text)
    {
        var hash = (uint)text.Length * 0x9E3779B1u;
        if (text.Length > 64)
        {
            hash = Mix(Mix(hash, text[..16]), text[^16..]);
        }
        else
        {
            hash = Mix(hash, text);
        }

        return (int)(hash ^ (hash >> 15));

        static uint Mix(uint hash, ReadOnlySpan<char> part)
        {
            foreach (var c in part)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return hash;
        }
    }

    public static int CombineHashes(int a, int b) => (int)(((uint)a ^ (uint)b * 0x85EBCA6Bu) * 0xC2B2AE35u) ^ (a >>> 13);

    private protected static int ListHash(GreenTrivia[] trivia)
    {
        var hash = 17;
        foreach (var piece in trivia)
        {
            hash = CombineHashes(hash, piece.StructuralHash);
        }

        return hash;
    }

    /// <summary>Diagnostics on this node itself (not on its children).</summary>
    public virtual GreenDiagnostic[]? Diagnostics =>
        (_flags & HasOwnDiagnosticsFlag) != 0 && DiagnosticTable.TryGetValue(this, out var diagnostics) ? diagnostics : null;

    /// <summary>True when this node or anything below it carries a diagnostic, so a walk can skip clean subtrees.</summary>
    public bool ContainsDiagnostics => (_flags & ContainsDiagnosticsFlag) != 0;

    public bool IsMissing => (_flags & IsMissingFlag) != 0;

    /// <summary>
    /// How many characters past its end the parse of this statement read: the lexer's and the parser's lookahead
    /// beyond its last token (as tree-sitter records per node). A statement ended by its newline reads nothing past
    /// it; one ended otherwise (by ';', or the end of the file) reads the one character after it, which could have
    /// joined its trailing trivia (<see cref="DefaultLookaheadWidth"/>). More is rare and recorded on the node: after a
    /// missing <c>;</c> (the next key and its <c>=</c> were looked at), for a list left open before the next setting, or
    /// a Python block (the next line's indentation). The incremental parser reparses a statement when an edit starts
    /// before its end plus this width. Part of the node's value: a fresh parse gives the same, and only nodes with the
    /// default are shared through <see cref="GreenCache"/>.
    /// </summary>
    public int LookaheadWidth => (_flags & HasLookaheadFlag) != 0 && LookaheadTable.TryGetValue(this, out var width) ? width.Value : DefaultLookaheadWidth;

    /// <summary>0 for a statement ended by a newline, else 1; 0 for anything that is not a statement.</summary>
    public int DefaultLookaheadWidth =>
        Kind is SyntaxKind.Assignment or SyntaxKind.EmptyStatement or SyntaxKind.PythonStatement && LastTokenInText() is { Kind: not SyntaxKind.NewLineToken } ? 1 : 0;

    /// <summary>The last token in the text below this node (missing tokens have no text); null when there is none.</summary>
    public GreenToken? LastTokenInText()
    {
        var node = this;
        while (true)
        {
            if (node is GreenToken token)
            {
                return token.Text.Length > 0 ? token : null;
            }

            GreenNode? next = null;
            for (var i = node.SlotCount - 1; i >= 0 && next is null; i--)
            {
                if (node.GetSlot(i) is { } child && child.ContainsText())
                {
                    next = child;
                }
            }

            if (next is null)
            {
                return null;
            }

            node = next;
        }
    }

    /// <summary>Whether a token with text is below (or is) this node; trivia alone does not count.</summary>
    private bool ContainsText()
    {
        if (this is GreenToken token)
        {
            return token.Text.Length > 0;
        }

        for (var i = 0; i < SlotCount; i++)
        {
            if (GetSlot(i) is { } child && child.ContainsText())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records <see cref="LookaheadWidth"/> on a node just made, before anyone else sees it.</summary>
    internal void SetLookaheadWidth(int width)
    {
        if (width != DefaultLookaheadWidth)
        {
            LookaheadTable.Add(this, new StrongBox<int>(width));
            _flags |= HasLookaheadFlag;
        }
    }

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
internal class GreenTrivia : GreenNode
{
    private protected GreenTrivia(SyntaxKind kind, string text, GreenDiagnostic[]? diagnostics)
        : base(kind, diagnostics, keepsDiagnostics: true)
    {
        Text = text;
        FullWidth = text.Length;
        StructuralHash = (ushort)HashOf(kind, text);
    }

    public static int HashOf(SyntaxKind kind, ReadOnlySpan<char> text) => CombineHashes((int)kind, TextHash(text));

    public static GreenTrivia Create(SyntaxKind kind, string text, GreenDiagnostic[]? diagnostics = null) =>
        diagnostics is { Length: > 0 } ? new GreenTriviaWithDiagnostics(kind, text, diagnostics) : new GreenTrivia(kind, text, null);

    public string Text { get; }

    public override int SlotCount => 0;

    public override GreenNode? GetSlot(int index) => null;
}

internal sealed class GreenTriviaWithDiagnostics : GreenTrivia
{
    private readonly GreenDiagnostic[] _diagnostics;

    public GreenTriviaWithDiagnostics(SyntaxKind kind, string text, GreenDiagnostic[] diagnostics)
        : base(kind, text, diagnostics)
    {
        _diagnostics = diagnostics;
    }

    public override GreenDiagnostic[]? Diagnostics => _diagnostics;
}

/// <summary>
/// A token. This class is a token without trivia, the commonest kind (a value right before its newline, a
/// bracket, ...); <see cref="GreenTokenWithTrivia"/> adds the trivia arrays, so a token without any does not pay
/// for them. <see cref="Create"/> picks the class.
/// </summary>
internal class GreenToken : GreenNode
{
    internal static readonly GreenTrivia[] NoTrivia = [];

    /// <summary>The missing token of each kind without diagnostics: immutable, so one serves every tree.</summary>
    private static readonly GreenToken?[] MissingTokens = new GreenToken?[256];

    private protected GreenToken(SyntaxKind kind, string text, GreenDiagnostic[]? diagnostics)
        : base(kind, diagnostics, keepsDiagnostics: true)
    {
        Text = text;
        FullWidth = text.Length;
        StructuralHash = (ushort)HashOf(kind, text, NoTrivia, NoTrivia);
    }

    /// <summary>The hash of a token with this kind, text and trivia (lists compared by their pieces' hashes).</summary>
    public static int HashOf(SyntaxKind kind, ReadOnlySpan<char> text, GreenTrivia[] leading, GreenTrivia[] trailing) =>
        CombineHashes(CombineHashes(CombineHashes((int)kind, TextHash(text)), ListHash(leading)), ListHash(trailing));

    public static GreenToken Create(
        SyntaxKind kind,
        string text,
        GreenTrivia[]? leading,
        GreenTrivia[]? trailing,
        GreenDiagnostic[]? diagnostics = null) =>
        diagnostics is { Length: > 0 } ? new GreenTokenWithDiagnostics(kind, text, leading ?? NoTrivia, trailing ?? NoTrivia, diagnostics)
        : leading is { Length: > 0 } || trailing is { Length: > 0 } ? new GreenTokenWithTrivia(kind, text, leading ?? NoTrivia, trailing ?? NoTrivia, null)
        : new GreenToken(kind, text, null);

    /// <summary>A zero-width token the parser expected but did not find.</summary>
    public static GreenToken Missing(SyntaxKind kind, GreenDiagnostic[]? diagnostics = null)
    {
        if (diagnostics is { Length: > 0 })
        {
            var withDiagnostics = Create(kind, string.Empty, null, null, diagnostics);
            withDiagnostics.MarkMissing();
            return withDiagnostics;
        }

        if (Volatile.Read(ref MissingTokens[(int)kind]) is { } shared)
        {
            return shared;
        }

        var token = new GreenToken(kind, string.Empty, null);
        token.MarkMissing();
        return Interlocked.CompareExchange(ref MissingTokens[(int)kind], token, null) ?? token;
    }

    public string Text { get; }

    public virtual GreenTrivia[] Leading => NoTrivia;

    public virtual GreenTrivia[] Trailing => NoTrivia;

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
        var token = Create(Kind, Text, leading, trailing, diagnostics);
        if (IsMissing)
        {
            token.MarkMissing();
        }

        return token;
    }
}

/// <summary>A token with leading or trailing trivia (or both).</summary>
internal class GreenTokenWithTrivia : GreenToken
{
    private readonly GreenTrivia[] _leading;
    private readonly GreenTrivia[] _trailing;

    public GreenTokenWithTrivia(SyntaxKind kind, string text, GreenTrivia[] leading, GreenTrivia[] trailing, GreenDiagnostic[]? diagnostics)
        : base(kind, text, diagnostics)
    {
        _leading = leading;
        _trailing = trailing;
        FullWidth = SumWidths(leading) + text.Length + SumWidths(trailing);
        StructuralHash = (ushort)HashOf(kind, text, leading, trailing);
        foreach (var trivia in leading)
        {
            AdoptFlagsFrom(trivia);
        }

        foreach (var trivia in trailing)
        {
            AdoptFlagsFrom(trivia);
        }
    }

    public override GreenTrivia[] Leading => _leading;

    public override GreenTrivia[] Trailing => _trailing;

    public override int LeadingTriviaWidth => SumWidths(_leading);

    public override int TrailingTriviaWidth => SumWidths(_trailing);

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

/// <summary>A token with diagnostics of its own (and any trivia).</summary>
internal sealed class GreenTokenWithDiagnostics : GreenTokenWithTrivia
{
    private readonly GreenDiagnostic[] _diagnostics;

    public GreenTokenWithDiagnostics(SyntaxKind kind, string text, GreenTrivia[] leading, GreenTrivia[] trailing, GreenDiagnostic[] diagnostics)
        : base(kind, text, leading, trailing, diagnostics)
    {
        _diagnostics = diagnostics;
    }

    public override GreenDiagnostic[]? Diagnostics => _diagnostics;
}

/// <summary>
/// Any node with children. The typed red nodes give the slots their names; the green layer only needs order.
/// A node has a variable number of slots where the grammar has a list (statements, list items), which avoids
/// separate list nodes. <see cref="Create"/> picks a compact class: the slots of a node with up to four children
/// are fields (no array), and a long list that repeats the same child (a million empty lines) stores each run
/// once.
/// </summary>
internal abstract class GreenNodeWithChildren : GreenNode
{
    /// <summary>Below this many slots an array is as small as runs could be.</summary>
    private const int MinimumSlotsForRuns = 16;

    private protected GreenNodeWithChildren(SyntaxKind kind, GreenDiagnostic[]? diagnostics)
        : base(kind, diagnostics)
    {
    }

    /// <summary>A node of these slots; up to four are copied into the node's fields, more into an array of its own.</summary>
    public static GreenNodeWithChildren Create(SyntaxKind kind, ReadOnlySpan<GreenNode?> slots, GreenDiagnostic[]? diagnostics = null)
    {
        GreenNodeWithChildren node = slots.Length switch
        {
            1 => new GreenNodeWithOneChild(kind, slots[0], diagnostics),
            2 => new GreenNodeWithTwoChildren(kind, slots[0], slots[1], diagnostics),
            3 => new GreenNodeWithThreeChildren(kind, slots[0], slots[1], slots[2], diagnostics),
            4 => new GreenNodeWithFourChildren(kind, slots[0], slots[1], slots[2], slots[3], diagnostics),
            >= MinimumSlotsForRuns when CountRuns(slots) <= slots.Length / 4 => new GreenNodeWithRuns(kind, slots, diagnostics),
            _ => new GreenNodeWithManyChildren(kind, slots.ToArray(), diagnostics),
        };
        node.AdoptChildren();
        return node;
    }

    // Computed on demand rather than stored: it costs a walk down one edge of the node, and saves memory on every node.
    public override int LeadingTriviaWidth
    {
        get
        {
            for (var i = 0; i < SlotCount; i++)
            {
                if (GetSlot(i) is { FullWidth: > 0 } slot)
                {
                    return slot.LeadingTriviaWidth;
                }
            }

            return 0;
        }
    }

    public override int TrailingTriviaWidth
    {
        get
        {
            for (var i = SlotCount - 1; i >= 0; i--)
            {
                if (GetSlot(i) is { FullWidth: > 0 } slot)
                {
                    return slot.TrailingTriviaWidth;
                }
            }

            return 0;
        }
    }

    /// <summary>Sums the children's widths and takes their flags; each class calls it once its slots are set.</summary>
    private void AdoptChildren()
    {
        var width = 0;
        var hash = (int)Kind;
        for (var i = 0; i < SlotCount; i++)
        {
            if (GetSlot(i) is { } slot)
            {
                width += slot.FullWidth;
                AdoptFlagsFrom(slot);
                hash = CombineHashes(hash, slot.StructuralHash);
            }
            else
            {
                hash = CombineHashes(hash, 0);
            }
        }

        FullWidth = width;
        StructuralHash = (ushort)hash;
    }

    private static int CountRuns(ReadOnlySpan<GreenNode?> slots)
    {
        var runs = 1;
        for (var i = 1; i < slots.Length; i++)
        {
            if (!ReferenceEquals(slots[i], slots[i - 1]))
            {
                runs++;
            }
        }

        return runs;
    }
}

internal sealed class GreenNodeWithOneChild(SyntaxKind kind, GreenNode? slot0, GreenDiagnostic[]? diagnostics)
    : GreenNodeWithChildren(kind, diagnostics)
{
    public override int SlotCount => 1;

    public override GreenNode? GetSlot(int index) => index == 0 ? slot0 : throw new ArgumentOutOfRangeException(nameof(index));
}

internal sealed class GreenNodeWithTwoChildren(SyntaxKind kind, GreenNode? slot0, GreenNode? slot1, GreenDiagnostic[]? diagnostics)
    : GreenNodeWithChildren(kind, diagnostics)
{
    public override int SlotCount => 2;

    public override GreenNode? GetSlot(int index) => index switch
    {
        0 => slot0,
        1 => slot1,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}

internal sealed class GreenNodeWithThreeChildren(SyntaxKind kind, GreenNode? slot0, GreenNode? slot1, GreenNode? slot2, GreenDiagnostic[]? diagnostics)
    : GreenNodeWithChildren(kind, diagnostics)
{
    public override int SlotCount => 3;

    public override GreenNode? GetSlot(int index) => index switch
    {
        0 => slot0,
        1 => slot1,
        2 => slot2,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}

internal sealed class GreenNodeWithFourChildren(
    SyntaxKind kind, GreenNode? slot0, GreenNode? slot1, GreenNode? slot2, GreenNode? slot3, GreenDiagnostic[]? diagnostics)
    : GreenNodeWithChildren(kind, diagnostics)
{
    public override int SlotCount => 4;

    public override GreenNode? GetSlot(int index) => index switch
    {
        0 => slot0,
        1 => slot1,
        2 => slot2,
        3 => slot3,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}

internal sealed class GreenNodeWithManyChildren(SyntaxKind kind, GreenNode?[] slots, GreenDiagnostic[]? diagnostics)
    : GreenNodeWithChildren(kind, diagnostics)
{
    public override int SlotCount => slots.Length;

    public override GreenNode? GetSlot(int index) => slots[index];
}

/// <summary>
/// A long list whose slots repeat: each run of the same child (the same shared green node, such as the empty
/// statement of a blank line) is stored once with the index where it ends. A slot is found by binary search.
/// </summary>
internal sealed class GreenNodeWithRuns : GreenNodeWithChildren
{
    private readonly GreenNode?[] _values;
    private readonly int[] _ends;

    public GreenNodeWithRuns(SyntaxKind kind, ReadOnlySpan<GreenNode?> slots, GreenDiagnostic[]? diagnostics)
        : base(kind, diagnostics)
    {
        var values = new List<GreenNode?>();
        var ends = new List<int>();
        for (var i = 0; i < slots.Length; i++)
        {
            if (i > 0 && ReferenceEquals(slots[i], slots[i - 1]))
            {
                ends[^1] = i + 1;
                continue;
            }

            values.Add(slots[i]);
            ends.Add(i + 1);
        }

        _values = [.. values];
        _ends = [.. ends];
    }

    public override int SlotCount => _ends.Length == 0 ? 0 : _ends[^1];

    public override GreenNode? GetSlot(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SlotCount);

        // The first run that ends after index.
        int low = 0, high = _ends.Length - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_ends[middle] > index)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return _values[low];
    }
}
