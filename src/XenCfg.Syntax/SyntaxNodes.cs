using XenCfg.Syntax.InternalSyntax;

namespace XenCfg.Syntax;

// The typed red nodes. All of them live in this one file while the language stays this small; each names the
// slots of its green node.

/// <summary>The whole file: statements, then the end-of-file token (which holds any trailing trivia).</summary>
public sealed class ConfigFileSyntax : SyntaxNode
{
    private readonly SyntaxTree? _tree;

    internal ConfigFileSyntax(GreenNode green, SyntaxNode? parent, int position, SyntaxTree? tree)
        : base(green, parent, position)
    {
        _tree = tree;
    }

    public override SyntaxTree? SyntaxTree => _tree ?? base.SyntaxTree;

    public IEnumerable<StatementSyntax> Statements
    {
        get
        {
            for (var i = 0; i < ChildCount - 1; i++)
            {
                yield return (StatementSyntax)GetChild(i)!;
            }
        }
    }

    public SyntaxToken EndOfFileToken => (SyntaxToken)GetChild(ChildCount - 1)!;

    /// <summary>The assignments among <see cref="Statements"/> (the others, comment lines and the like, are not created for it).</summary>
    public IEnumerable<AssignmentSyntax> Assignments
    {
        get
        {
            for (var i = 0; i < ChildCount - 1; i++)
            {
                if (Green.GetSlot(i)?.Kind == SyntaxKind.Assignment)
                {
                    yield return (AssignmentSyntax)GetChild(i)!;
                }
            }
        }
    }
}

/// <summary>One statement, ended by a newline or ';' (the last one in a file may have no end).</summary>
public abstract class StatementSyntax : SyntaxNode
{
    private protected StatementSyntax(GreenNode green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }

    /// <summary>The newline or ';' that ends the statement; null at the end of the file.</summary>
    public SyntaxToken? Terminator =>
        ChildCount > 0 && GetChild(ChildCount - 1) is SyntaxToken { Kind: SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken } end ? end : null;
}

/// <summary><c>key = value</c> or <c>key += value</c>.</summary>
public sealed class AssignmentSyntax : StatementSyntax
{
    internal AssignmentSyntax(GreenNode green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }

    /// <summary>The key. Normally an identifier; a Python name (upper case) when the file has one there.</summary>
    public SyntaxToken Key => (SyntaxToken)GetChild(0)!;

    /// <summary>The key's kind (read without creating the <see cref="Key"/> token: most analyses never need it).</summary>
    public SyntaxKind KeyKind => Green.GetSlot(0)!.Kind;

    public string KeyName => ((GreenToken)Green.GetSlot(0)!).Text;

    /// <summary>'=' or '+=' (possibly missing).</summary>
    public SyntaxToken OperatorToken => (SyntaxToken)GetChild(1)!;

    /// <summary>Whether the operator is missing (read without creating the <see cref="OperatorToken"/>).</summary>
    internal bool IsOperatorMissing => Green.GetSlot(1)!.IsMissing;

    public bool IsAppend => Green.GetSlot(1)!.Kind == SyntaxKind.PlusEqualsToken;

    public ValueSyntax Value => (ValueSyntax)GetChild(2)!;
}

/// <summary>A line with nothing but blanks or a comment, or a lone ';'. Junk the parser skipped ends up here too.</summary>
public sealed class EmptyStatementSyntax : StatementSyntax
{
    internal EmptyStatementSyntax(GreenNode green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }
}

/// <summary>
/// A Python statement of the xm dialect (<c>import os</c>, <c>def f(): ...</c> with its indented body, a function
/// call on its own line). Kept whole so the file round-trips; xl cannot read it.
/// </summary>
public sealed class PythonStatementSyntax : StatementSyntax
{
    internal PythonStatementSyntax(GreenNode green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }

    /// <summary>The word the statement starts with (<c>import</c>, <c>def</c>, or a function's name).</summary>
    public string Keyword => DescendantTokens().FirstOrDefault()?.Text ?? string.Empty;
}

/// <summary>The value of a setting or an element of a list.</summary>
public abstract class ValueSyntax : SyntaxNode
{
    private protected ValueSyntax(GreenNode green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }
}

/// <summary>A quoted string or a number (xl keeps numbers as their text).</summary>
public sealed class LiteralValueSyntax : ValueSyntax
{
    internal LiteralValueSyntax(GreenNode green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }

    public SyntaxToken Token => (SyntaxToken)GetChild(0)!;

    public bool IsString => Token.Kind == SyntaxKind.StringToken;

    public bool IsNumber => Token.Kind == SyntaxKind.NumberToken;

    /// <summary>The value as xl reads it: a string without quotes and with escapes applied, or a number's text.</summary>
    public string ValueText => Token.ValueText;
}

/// <summary>
/// <c>[ value, value, ... ]</c>. Its items are the elements and the newline tokens between them, in order (xl's
/// grammar allows newlines inside a list).
/// </summary>
public sealed class ListValueSyntax : ValueSyntax
{
    internal ListValueSyntax(GreenNode green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }

    public SyntaxToken OpenBracket => (SyntaxToken)GetChild(0)!;

    /// <summary>The ']' (a missing token when the list is not closed).</summary>
    public SyntaxToken CloseBracket => (SyntaxToken)GetChild(ChildCount - 1)!;

    public IEnumerable<SyntaxElement> Items
    {
        get
        {
            for (var i = 1; i < ChildCount - 1; i++)
            {
                yield return GetChild(i)!;
            }
        }
    }

    public IEnumerable<ListElementSyntax> Elements => Items.OfType<ListElementSyntax>();
}

/// <summary>One element of a list: its value, any newlines before its comma, and the comma.</summary>
public sealed class ListElementSyntax : SyntaxNode
{
    internal ListElementSyntax(GreenNode green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }

    public ValueSyntax Value => (ValueSyntax)GetChild(0)!;

    /// <summary>The ',' after the value; null for the last element without a trailing comma.</summary>
    public SyntaxToken? Comma => GetChild(ChildCount - 1) is SyntaxToken { Kind: SyntaxKind.CommaToken } comma ? comma : null;
}

/// <summary>A Python expression of the xm dialect (arithmetic, formatting, names, calls, tuples, ...).</summary>
public sealed class PythonExpressionSyntax : ValueSyntax
{
    internal PythonExpressionSyntax(GreenNode green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }
}

/// <summary>The zero-width place of a value the parser expected but did not find.</summary>
public sealed class MissingValueSyntax : ValueSyntax
{
    internal MissingValueSyntax(GreenNode green, SyntaxNode? parent, int position)
        : base(green, parent, position)
    {
    }
}
