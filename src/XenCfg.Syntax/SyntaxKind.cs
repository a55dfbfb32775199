namespace XenCfg.Syntax;

/// <summary>
/// Every kind of token, trivia and node in the tree. One enum, as in Roslyn, so a kind check never needs to know
/// which of the three a piece of syntax is.
/// </summary>
public enum SyntaxKind : byte
{
    None = 0,

    // Tokens of xl's grammar (tools/libs/util/libxlu_cfg_l.l).
    EndOfFileToken,
    NewLineToken,
    IdentifierToken,
    NumberToken,
    StringToken,
    EqualsToken,
    PlusEqualsToken,
    CommaToken,
    SemicolonToken,
    OpenBracketToken,
    CloseBracketToken,

    // Tokens only Python (the xm dialect) gives a meaning to. xl rejects every one of them.
    PythonNameToken,
    PythonKeywordToken,
    PythonNumberToken,
    PythonStringToken,
    PythonOperatorToken,
    OpenParenToken,
    CloseParenToken,
    OpenBraceToken,
    CloseBraceToken,
    ColonToken,
    DotToken,

    // Characters no dialect can read (a NUL, a stray byte, a BOM, a carriage return outside a comment).
    BadToken,

    // Trivia.
    WhitespaceTrivia,
    CommentTrivia,
    SkippedTokensTrivia,

    // Nodes.
    ConfigFile,
    Assignment,
    EmptyStatement,
    PythonStatement,
    LiteralValue,
    ListValue,
    ListElement,
    PythonExpression,
    MissingValue,
}

public static class SyntaxKindFacts
{
    public static bool IsToken(this SyntaxKind kind) => kind is >= SyntaxKind.EndOfFileToken and <= SyntaxKind.BadToken;

    public static bool IsTrivia(this SyntaxKind kind) => kind is >= SyntaxKind.WhitespaceTrivia and <= SyntaxKind.SkippedTokensTrivia;

    public static bool IsNode(this SyntaxKind kind) => kind >= SyntaxKind.ConfigFile;

    /// <summary>Tokens that end a statement in xl's grammar.</summary>
    public static bool IsStatementTerminator(this SyntaxKind kind) => kind is SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken;

    /// <summary>Tokens that only the xm dialect (Python) can give a meaning to.</summary>
    public static bool IsPythonOnly(this SyntaxKind kind) => kind is >= SyntaxKind.PythonNameToken and <= SyntaxKind.DotToken;

    /// <summary>The fixed text of a punctuation token, used for missing tokens and messages.</summary>
    public static string? FixedText(this SyntaxKind kind) => kind switch
    {
        SyntaxKind.NewLineToken => "\n",
        SyntaxKind.EqualsToken => "=",
        SyntaxKind.PlusEqualsToken => "+=",
        SyntaxKind.CommaToken => ",",
        SyntaxKind.SemicolonToken => ";",
        SyntaxKind.OpenBracketToken => "[",
        SyntaxKind.CloseBracketToken => "]",
        SyntaxKind.OpenParenToken => "(",
        SyntaxKind.CloseParenToken => ")",
        SyntaxKind.OpenBraceToken => "{",
        SyntaxKind.CloseBraceToken => "}",
        SyntaxKind.ColonToken => ":",
        SyntaxKind.DotToken => ".",
        _ => null,
    };
}
