using System.Text;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.InternalSyntax;

namespace XenCfg.Syntax;

/// <summary>
/// A node or token of the red tree: a green element seen at an absolute position with a parent. Red elements
/// are created lazily, on first access, and cached by their parent.
/// </summary>
public abstract class SyntaxElement
{
    private protected SyntaxElement(GreenNode green, SyntaxNode? parent, int position)
    {
        Green = green;
        Parent = parent;
        Position = position;
    }

    internal GreenNode Green { get; }

    public SyntaxNode? Parent { get; }

    /// <summary>Start of the element including its leading trivia.</summary>
    public int Position { get; }

    public SyntaxKind Kind => Green.Kind;

    public TextSpan FullSpan => new(Position, Green.FullWidth);

    /// <summary>The element without its leading and trailing trivia.</summary>
    public TextSpan Span => new(Position + Green.LeadingTriviaWidth, Green.Width);

    public bool IsMissing => Green.IsMissing;

    public bool ContainsDiagnostics => Green.ContainsDiagnostics;

    public virtual SyntaxTree? SyntaxTree => Parent?.SyntaxTree;

    public string ToFullString() => Green.ToFullString();

    /// <summary>The text without leading and trailing trivia.</summary>
    public override string ToString()
    {
        var full = ToFullString();
        return full.Substring(Green.LeadingTriviaWidth, Green.Width);
    }

    public IEnumerable<SyntaxNode> Ancestors()
    {
        for (var node = Parent; node is not null; node = node.Parent)
        {
            yield return node;
        }
    }
}

/// <summary>A piece of trivia: blanks, a comment, or junk the parser skipped.</summary>
public readonly struct SyntaxTrivia : IEquatable<SyntaxTrivia>
{
    internal SyntaxTrivia(SyntaxToken token, GreenTrivia green, int position)
    {
        Token = token;
        Green = green;
        Position = position;
    }

    public SyntaxToken Token { get; }

    internal GreenTrivia Green { get; }

    public int Position { get; }

    // A default SyntaxTrivia (no green node) reads as an empty trivia of kind None.
    public SyntaxKind Kind => Green?.Kind ?? SyntaxKind.None;

    public string Text => Green?.Text ?? string.Empty;

    public TextSpan Span => new(Position, Green?.FullWidth ?? 0);

    public override string ToString() => Text;

    public bool Equals(SyntaxTrivia other) => ReferenceEquals(Token, other.Token) && ReferenceEquals(Green, other.Green) && Position == other.Position;

    public override bool Equals(object? obj) => obj is SyntaxTrivia other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Token, Green, Position);

    public static bool operator ==(SyntaxTrivia left, SyntaxTrivia right) => left.Equals(right);

    public static bool operator !=(SyntaxTrivia left, SyntaxTrivia right) => !left.Equals(right);
}

/// <summary>A token with its trivia.</summary>
public sealed class SyntaxToken : SyntaxElement
{
    private object? _value;

    internal SyntaxToken(GreenToken green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }

    internal new GreenToken Green => (GreenToken)base.Green;

    /// <summary>The token's own text, trivia excluded.</summary>
    public string Text => Green.Text;

    public IReadOnlyList<SyntaxTrivia> LeadingTrivia => MakeTrivia(Green.Leading, Position);

    public IReadOnlyList<SyntaxTrivia> TrailingTrivia => MakeTrivia(Green.Trailing, Span.End);

    /// <summary>
    /// For a string token, its value as xl reads it (quotes removed, escapes applied); for any other token, its text.
    /// </summary>
    public string ValueText => Kind == SyntaxKind.StringToken ? StringValue.Value : Text;

    /// <summary>For a string token: its value and the mapping of value offsets back to the file.</summary>
    public StringValue StringValue => (StringValue)(_value ??= StringValue.FromToken(this));

    public override string ToString() => Text;

    private static SyntaxTrivia[] MakeTrivia(GreenTrivia[] green, int start, SyntaxToken token)
    {
        if (green.Length == 0)
        {
            return [];
        }

        var result = new SyntaxTrivia[green.Length];
        var position = start;
        for (var i = 0; i < green.Length; i++)
        {
            result[i] = new SyntaxTrivia(token, green[i], position);
            position += green[i].FullWidth;
        }

        return result;
    }

    private SyntaxTrivia[] MakeTrivia(GreenTrivia[] green, int start) => MakeTrivia(green, start, this);
}

/// <summary>
/// The value of a quoted string and where each of its characters came from, so a diagnostic about a part of
/// the value (say <c>w!</c> inside a disk spec) can underline exactly that part of the file.
/// </summary>
public sealed class StringValue
{
    private readonly int[]? _valueToSource;
    private readonly int _tokenStart;
    private readonly int _contentEnd;

    private StringValue(string value, int tokenStart, int[]? valueToSource, int contentEnd)
    {
        Value = value;
        _tokenStart = tokenStart;
        _valueToSource = valueToSource;
        _contentEnd = contentEnd;
    }

    public string Value { get; }

    internal static StringValue FromToken(SyntaxToken token)
    {
        var text = token.Text;
        var terminated = text.Length >= 2 && text[^1] == text[0];
        var contentEnd = terminated ? text.Length - 1 : text.Length;
        if (contentEnd <= 1 || text.AsSpan(1, contentEnd - 1).IndexOf('\\') < 0)
        {
            // No escapes (nearly every string): the value is the text between the quotes, as Dequote would say.
            return new StringValue(contentEnd <= 1 ? string.Empty : text[1..contentEnd], token.Span.Start, null, contentEnd);
        }

        var dequoted = Parsing.XlString.Dequote(text, terminated);
        return new StringValue(dequoted.Value, token.Span.Start, dequoted.ValueToSource, contentEnd);
    }

    /// <summary>
    /// Maps a span of <see cref="Value"/> to the span of the file it was read from. The end maps to where the
    /// next value character starts, so a character written as an escape is covered whole.
    /// </summary>
    public TextSpan MapToSource(TextSpan valueSpan) =>
        TextSpan.FromBounds(SourceOffset(valueSpan.Start), SourceOffset(valueSpan.End));

    private int SourceOffset(int valueOffset)
    {
        var clamped = Math.Clamp(valueOffset, 0, Value.Length);
        if (clamped == Value.Length)
        {
            return _tokenStart + _contentEnd;
        }

        return _tokenStart + (_valueToSource is null ? 1 + clamped : _valueToSource[clamped]);
    }
}

/// <summary>A node: an element with children.</summary>
public abstract class SyntaxNode : SyntaxElement
{
    private SyntaxElement?[]? _children;
    private int[]? _slotOffsets;

    private protected SyntaxNode(GreenNode green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }

    public int ChildCount => Green.SlotCount;

    /// <summary>The kind of the child in slot <paramref name="index"/> (None for an empty slot), without making its red node.</summary>
    public SyntaxKind GetChildKind(int index) => Green.GetSlot(index)?.Kind ?? SyntaxKind.None;

    /// <summary>The child in slot <paramref name="index"/>, or null for an empty optional slot.</summary>
    public SyntaxElement? GetChild(int index)
    {
        var children = _children;
        if (children is null)
        {
            children = new SyntaxElement?[Green.SlotCount];
            children = Interlocked.CompareExchange(ref _children, children, null) ?? children;
        }

        if (children[index] is { } existing)
        {
            return existing;
        }

        var green = Green.GetSlot(index);
        if (green is null)
        {
            return null;
        }

        var position = Position + SlotOffset(index);
        var created = green is GreenToken token ? new SyntaxToken(token, this, position) : (SyntaxElement)CreateNode(green, this, position);
        return Interlocked.CompareExchange(ref children[index], created, null) ?? created;
    }

    /// <summary>
    /// Where slot <paramref name="index"/> starts, relative to this node. Nodes with many slots (a file's
    /// statements, a long list) keep a table, so visiting every child stays linear in their number.
    /// </summary>
    private int SlotOffset(int index)
    {
        const int TableThreshold = 16;
        if (Green.SlotCount <= TableThreshold)
        {
            var offset = 0;
            for (var i = 0; i < index; i++)
            {
                offset += Green.GetSlot(i)?.FullWidth ?? 0;
            }

            return offset;
        }

        var table = _slotOffsets;
        if (table is null)
        {
            table = new int[Green.SlotCount];
            var offset = 0;
            for (var i = 0; i < table.Length; i++)
            {
                table[i] = offset;
                offset += Green.GetSlot(i)?.FullWidth ?? 0;
            }

            _slotOffsets = table;
        }

        return table[index];
    }

    public IEnumerable<SyntaxElement> ChildElements()
    {
        for (var i = 0; i < ChildCount; i++)
        {
            if (GetChild(i) is { } child)
            {
                yield return child;
            }
        }
    }

    public IEnumerable<SyntaxNode> ChildNodes() => ChildElements().OfType<SyntaxNode>();

    public IEnumerable<SyntaxToken> ChildTokens() => ChildElements().OfType<SyntaxToken>();

    /// <summary>Every token below this node in text order, missing tokens included. Iterative, so any depth is safe.</summary>
    public IEnumerable<SyntaxToken> DescendantTokens()
    {
        var stack = new Stack<(SyntaxNode Node, int Next)>();
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next >= node.ChildCount)
            {
                continue;
            }

            stack.Push((node, next + 1));
            switch (node.GetChild(next))
            {
                case SyntaxToken token:
                    yield return token;
                    break;
                case SyntaxNode child:
                    stack.Push((child, 0));
                    break;
            }
        }
    }

    public IEnumerable<SyntaxNode> DescendantNodes()
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!ReferenceEquals(node, this))
            {
                yield return node;
            }

            for (var i = node.ChildCount - 1; i >= 0; i--)
            {
                if (node.GetChild(i) is SyntaxNode child)
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>
    /// The token whose full span (trivia included) contains <paramref name="position"/>; at the very end of the
    /// file, the end-of-file token.
    /// </summary>
    public SyntaxToken? FindToken(int position)
    {
        SyntaxNode node = this;
        while (true)
        {
            SyntaxElement? found = null;
            var childStart = node.Position;
            for (var i = 0; i < node.ChildCount; i++)
            {
                var width = node.Green.GetSlot(i)?.FullWidth ?? 0;
                if (position < childStart + width || (i == node.ChildCount - 1 && position == childStart + width))
                {
                    found = node.GetChild(i);
                    if (found is not null)
                    {
                        break;
                    }
                }

                childStart += width;
            }

            switch (found)
            {
                case SyntaxToken token:
                    return token;
                case SyntaxNode child:
                    node = child;
                    break;
                default:
                    return node.DescendantTokens().LastOrDefault();
            }
        }
    }

    private static SyntaxNode CreateNode(GreenNode green, SyntaxNode? parent, int position) => green.Kind switch
    {
        SyntaxKind.ConfigFile => new ConfigFileSyntax(green, parent, position, tree: null),
        SyntaxKind.Assignment => new AssignmentSyntax(green, parent, position),
        SyntaxKind.EmptyStatement => new EmptyStatementSyntax(green, parent, position),
        SyntaxKind.PythonStatement => new PythonStatementSyntax(green, parent, position),
        SyntaxKind.LiteralValue => new LiteralValueSyntax(green, parent, position),
        SyntaxKind.ListValue => new ListValueSyntax(green, parent, position),
        SyntaxKind.ListElement => new ListElementSyntax(green, parent, position),
        SyntaxKind.PythonExpression => new PythonExpressionSyntax(green, parent, position),
        SyntaxKind.MissingValue => new MissingValueSyntax(green, parent, position),
        _ => throw new InvalidOperationException($"No red node for {green.Kind}"),
    };

    internal static string Concatenate(IEnumerable<SyntaxElement> elements)
    {
        var builder = new StringBuilder();
        foreach (var element in elements)
        {
            element.Green.WriteTo(builder);
        }

        return builder.ToString();
    }
}
