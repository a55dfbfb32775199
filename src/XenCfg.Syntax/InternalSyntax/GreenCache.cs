namespace XenCfg.Syntax.InternalSyntax;

/// <summary>
/// Shares identical green elements within and between trees, as Roslyn's caches do: green elements know no
/// position, so every <c>memory = 1024</c> line, every <c>=</c> with a blank after it and every blank line of a
/// file can be one object. This is what keeps a large file's tree within a few bytes per byte of text.
/// </summary>
/// <remarks>
/// The tables are direct-mapped and of fixed size: a lookup hashes the candidate, compares it with the one entry
/// at that index, and on a miss overwrites the entry. So they never grow, hold nothing large (only short texts
/// and small nodes are cached), and need no lock: entries are immutable and a reference write is atomic, so a
/// race between two parsing threads only costs a miss. Only elements without diagnostics are shared.
/// </remarks>
internal static class GreenCache
{
    /// <summary>Trivia longer than this (comments, long runs of blanks) are rarely repeated and are not cached.</summary>
    public const int MaxTriviaLength = 16;

    /// <summary>Tokens longer than this are not cached.</summary>
    public const int MaxTokenLength = 64;

    /// <summary>Nodes wider than this are not cached, so the cache never keeps a large subtree of a dead tree alive.</summary>
    private const int MaxNodeWidth = 256;

    private const int TriviaMask = (1 << 10) - 1;
    private const int TokenMask = (1 << 14) - 1;
    private const int NodeMask = (1 << 14) - 1;

    private static readonly GreenTrivia?[] Trivia = new GreenTrivia?[TriviaMask + 1];
    private static readonly GreenTrivia[]?[] TriviaLists = new GreenTrivia[]?[TriviaMask + 1];
    private static readonly GreenToken?[] Tokens = new GreenToken?[TokenMask + 1];
    private static readonly GreenNodeWithChildren?[] Nodes = new GreenNodeWithChildren?[NodeMask + 1];

    /// <summary>A shared trivia without diagnostics; the caller checks <see cref="MaxTriviaLength"/>.</summary>
    public static GreenTrivia GetTrivia(SyntaxKind kind, ReadOnlySpan<char> text)
    {
        var index = GreenTrivia.HashOf(kind, text) & TriviaMask;
        var entry = Trivia[index];
        if (entry is not null && entry.Kind == kind && entry.Text.AsSpan().SequenceEqual(text))
        {
            return entry;
        }

        var trivia = GreenTrivia.Create(kind, text.Length == 1 ? SingleCharacterStrings.Get(text[0]) : text.ToString());
        Trivia[index] = trivia;
        return trivia;
    }

    /// <summary>A shared array holding one or two shared trivia.</summary>
    public static GreenTrivia[] GetTriviaList(GreenTrivia first, GreenTrivia? second)
    {
        var index = GreenNode.CombineHashes(first.StructuralHash, second is null ? -1 : second.StructuralHash) & TriviaMask;
        var entry = TriviaLists[index];
        if (entry is not null && ReferenceEquals(entry[0], first)
            && (second is null ? entry.Length == 1 : entry.Length == 2 && ReferenceEquals(entry[1], second)))
        {
            return entry;
        }

        GreenTrivia[] list = second is null ? [first] : [first, second];
        TriviaLists[index] = list;
        return list;
    }

    /// <summary>
    /// A shared token without diagnostics. <paramref name="leading"/> and <paramref name="trailing"/> must be
    /// empty or shared lists (from <see cref="GetTriviaList"/>), since the comparison is by reference.
    /// </summary>
    public static GreenToken GetToken(SyntaxKind kind, ReadOnlySpan<char> text, GreenTrivia[]? leading, GreenTrivia[]? trailing)
    {
        leading ??= GreenToken.NoTrivia;
        trailing ??= GreenToken.NoTrivia;
        var index = GreenToken.HashOf(kind, text, leading, trailing) & TokenMask;
        var entry = Tokens[index];
        if (entry is not null && entry.Kind == kind && ReferenceEquals(entry.Leading, leading) && ReferenceEquals(entry.Trailing, trailing)
            && entry.Text.AsSpan().SequenceEqual(text))
        {
            return entry;
        }

        var token = GreenToken.Create(kind, text.Length == 1 ? SingleCharacterStrings.Get(text[0]) : text.ToString(), leading, trailing);
        Tokens[index] = token;
        return token;
    }

    /// <summary>
    /// A node with these slots: a shared one when it has at most four slots, no diagnostics anywhere and a small
    /// width; otherwise a new one.
    /// </summary>
    public static GreenNodeWithChildren GetNode(SyntaxKind kind, ReadOnlySpan<GreenNode?> slots)
    {
        if (slots.Length is 0 or > 4)
        {
            return GreenNodeWithChildren.Create(kind, slots);
        }

        var hash = (int)kind;
        var width = 0;
        foreach (var slot in slots)
        {
            if (slot is null)
            {
                hash = GreenNode.CombineHashes(hash, 0);
                continue;
            }

            if (slot.ContainsDiagnostics)
            {
                return GreenNodeWithChildren.Create(kind, slots);
            }

            width += slot.FullWidth;
            hash = GreenNode.CombineHashes(hash, slot.StructuralHash);
        }

        if (width > MaxNodeWidth)
        {
            return GreenNodeWithChildren.Create(kind, slots);
        }

        var index = hash & NodeMask;
        var entry = Nodes[index];
        if (entry is not null && entry.Kind == kind && entry.SlotCount == slots.Length && SameSlots(entry, slots))
        {
            return entry;
        }

        var node = GreenNodeWithChildren.Create(kind, slots);
        Nodes[index] = node;
        return node;
    }

    private static bool SameSlots(GreenNode node, ReadOnlySpan<GreenNode?> slots)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (!ReferenceEquals(node.GetSlot(i), slots[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One string per ASCII character, shared by every one-character token and trivia.</summary>
internal static class SingleCharacterStrings
{
    private static readonly string[] Ascii = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    public static string Get(char c) => c < 128 ? Ascii[c] : c.ToString();
}
