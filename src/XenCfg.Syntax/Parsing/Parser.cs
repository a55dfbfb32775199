using System.Runtime.InteropServices;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.Diagnostics;
using XenCfg.Syntax.InternalSyntax;

namespace XenCfg.Syntax.Parsing;

/// <summary>
/// A recursive-descent parser for xl's grammar (tools/libs/util/libxlu_cfg_y.y):
/// <code>
/// file       := stmt* assignment?
/// stmt       := assignment end | end
/// assignment := IDENT '=' value | IDENT '+=' value
/// value      := STRING | NUMBER | '[' nl* (values (',' nl*)?)? ']'
/// values     := value nl* (',' nl* value nl*)*
/// </code>
/// It accepts exactly what xl accepts, reports every error (xl stops caring after the first), recovers at the
/// end of the line or at the closing bracket, and recognises the Python of xm configs so each construct gets one
/// diagnostic that names it. It never throws and never recurses deeper than <see cref="MaxNestingDepth"/>.
/// </summary>
internal sealed class Parser
{
    /// <summary>
    /// Deeper lists are read flat, with an error, so that hostile input cannot overflow the stack. No Xen setting
    /// nests lists more than two levels.
    /// </summary>
    public const int MaxNestingDepth = 100;

    private static readonly HashSet<string> PythonStatementKeywords =
    [
        "import", "from", "def", "class", "if", "elif", "else", "for", "while", "try", "except", "finally", "with",
        "print", "return", "raise", "pass", "del", "global", "assert", "exec", "yield", "break", "continue",
    ];

    private static readonly HashSet<string> PythonOperatorWords = ["if", "else", "and", "or", "not", "in", "is", "for"];

    private readonly string _text;
    private readonly bool _isEndOfText;
    private readonly List<GreenToken> _tokens;
    private readonly List<GreenTrivia> _pendingTrivia = [];

    /// <summary>Skipped tokens without diagnostics that follow each other with nothing between: one trivia once flushed.</summary>
    private readonly System.Text.StringBuilder _skippedRun = new();
    private readonly DiagnosticBudget _budget = new();
    private int _index;

    /// <summary>The furthest token looked at since the current statement began (see <see cref="ParseStatementWithLookahead"/>).</summary>
    private int _maxPeek;

    /// <summary>Where the first token not yet consumed starts, in <see cref="_text"/> (the widths of the tokens as read).</summary>
    private int _consumedEnd;

    /// <param name="text">The text, or a window of whole lines of it.</param>
    /// <param name="isEndOfText">Whether <paramref name="text"/> runs to the end of the file.</param>
    /// <param name="textOffset">Where <paramref name="text"/> starts in the file.</param>
    /// <param name="previousKind">The kind of the token before <paramref name="text"/>.</param>
    private Parser(string text, bool isEndOfText, int textOffset, SyntaxKind previousKind)
    {
        _text = text;
        _isEndOfText = isEndOfText;

        // Sized for a typical config (a token per eight characters or fewer) so the list is not regrown ten times.
        _tokens = new List<GreenToken>(Math.Max(16, text.Length / 8));
        var lexer = new Lexer(text, _budget, textOffset, previousKind);
        GreenToken token;
        do
        {
            token = lexer.NextToken();
            _tokens.Add(token);
        }
        while (token.Kind != SyntaxKind.EndOfFileToken);

        if (!isEndOfText)
        {
            // Past the window's last newline token the tokens may read differently with the rest of the text (a string
            // or comment cut at the window's end). They are dropped, and an end-of-file stands in their place: a
            // statement whose parse looked at it is not used (PeekedPastWindow), and the window grows.
            var lastNewLine = _tokens.FindLastIndex(candidate => candidate.Kind == SyntaxKind.NewLineToken);
            _tokens.RemoveRange(lastNewLine + 1, _tokens.Count - lastNewLine - 1);
            _tokens.Add(GreenToken.Missing(SyntaxKind.EndOfFileToken));
        }
    }

    private GreenToken Current
    {
        get
        {
            if (_index > _maxPeek)
            {
                _maxPeek = _index;
            }

            return _tokens[_index];
        }
    }

    /// <summary>How many diagnostics the parse took from its budget (at least as many as its tree holds).</summary>
    public int DiagnosticsTaken => _budget.Taken;

    /// <summary>True when the statements parsed so far read past the end of a window that is not the end of the text.</summary>
    public bool PeekedPastWindow => !_isEndOfText && _maxPeek >= _tokens.Count - 1;

    /// <summary>
    /// Whether the statements returned so far hold every token consumed. Not so when the last one skipped junk after its
    /// value with no newline to end it: the junk waits to go in front of the end-of-file token.
    /// </summary>
    public bool HoldsAllConsumed(int statementsWidth) => _pendingTrivia.Count == 0 && _skippedRun.Length == 0 && _consumedEnd == statementsWidth;

    /// <summary>True when the next token is the end of the file (for a window, only the real end counts).</summary>
    public bool AtEndOfFile => _isEndOfText && _tokens[_index].Kind == SyntaxKind.EndOfFileToken;

    /// <summary>Parses a whole file; returns its root and how many diagnostics the parse took from its budget.</summary>
    public static (GreenNode Root, int DiagnosticsTaken) Parse(string text)
    {
        var parser = new Parser(text, isEndOfText: true, textOffset: 0, SyntaxKind.NewLineToken);
        var root = parser.ParseFile();
        return (root, parser.DiagnosticsTaken);
    }

    /// <summary>A parser for a window of whole lines, from a statement's start (see <see cref="IncrementalParser"/>).</summary>
    public static Parser ForWindow(string window, bool isEndOfText, int windowStart, SyntaxKind previousKind) =>
        new(window, isEndOfText, windowStart, previousKind);

    private GreenNode ParseFile()
    {
        var slots = new List<GreenNode?>();
        while (Current.Kind != SyntaxKind.EndOfFileToken)
        {
            if (ParseStatementWithLookahead() is { } statement)
            {
                slots.Add(statement);
            }
        }

        slots.Add(EatToken());
        return GreenNodeWithChildren.Create(SyntaxKind.ConfigFile, CollectionsMarshal.AsSpan(slots));
    }

    /// <summary>The end-of-file token, with any junk skipped before it; for a window, only at the real end.</summary>
    public GreenToken EatEndOfFile() => EatToken();

    /// <summary>
    /// Parses one statement and records on it how far past its end the parse read (<see cref="GreenNode.LookaheadWidth"/>):
    /// from the furthest token the parser looked at, and what the lexer read to make that token (see <see cref="Lexer"/>).
    /// Null when only skipped junk is left before the end of the file.
    /// </summary>
    public GreenNode? ParseStatementWithLookahead()
    {
        _maxPeek = _index;
        var start = _consumedEnd;
        var statement = ParseStatement();
        if (statement is null)
        {
            return null;
        }

        // Relative to the statement's own end: at the end of the file, junk skipped after its value is not part of it
        // (it goes to the end-of-file token) but was read by its parse.
        var lookahead = Math.Max(0, LastCharacterRead(_maxPeek) + 1 - (start + statement.FullWidth));
        if (lookahead == statement.DefaultLookaheadWidth)
        {
            return statement;
        }

        // Rare (a missing ';', a list left open before the next setting, a Python block): such a statement is not
        // shared through GreenCache, whose statements all have the default lookahead.
        var slots = new GreenNode?[statement.SlotCount];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = statement.GetSlot(i);
        }

        var withLookahead = GreenNodeWithChildren.Create(statement.Kind, slots, statement.Diagnostics);
        withLookahead.SetLookaheadWidth(lookahead);
        return withLookahead;
    }

    /// <summary>
    /// The last character the lexer read to make the tokens up to <paramref name="furthest"/>, as an offset in the text
    /// (its length when it read to the end). A token's reading ends with the character that starts the next token;
    /// a newline token reads nothing past itself; a name may look along its line for <c>-name =</c> (see <see cref="Lexer"/>).
    /// </summary>
    private int LastCharacterRead(int furthest)
    {
        var end = _consumedEnd;
        for (var i = _index; i <= furthest; i++)
        {
            end += _tokens[i].FullWidth;
        }

        var token = _tokens[furthest];
        switch (token.Kind)
        {
            case SyntaxKind.NewLineToken:
                return end - 1;
            case SyntaxKind.EndOfFileToken:
                return _text.Length;
            case SyntaxKind.IdentifierToken or SyntaxKind.PythonNameToken or SyntaxKind.PythonKeywordToken:
                var newline = _text.IndexOf('\n', end);
                return newline < 0 ? _text.Length : newline;
            default:
                return end;
        }
    }

    // ---- Statements ------------------------------------------------------------------------------------------

    private GreenNode? ParseStatement()
    {
        var current = Current;
        switch (current.Kind)
        {
            case SyntaxKind.NewLineToken:
            case SyntaxKind.SemicolonToken:
                return Node(SyntaxKind.EmptyStatement, EatToken());

            case SyntaxKind.IdentifierToken:
                var next = Peek(1).Kind;
                if (next is SyntaxKind.EqualsToken or SyntaxKind.PlusEqualsToken)
                {
                    return ParseAssignment();
                }

                if (PythonStatementKeywords.Contains(current.Text)
                    || next is SyntaxKind.OpenParenToken or SyntaxKind.PythonOperatorToken or SyntaxKind.DotToken or SyntaxKind.ColonToken
                    || (next == SyntaxKind.OpenBracketToken && AreAdjacent(current, Peek(1))))
                {
                    return ParsePythonStatement();
                }

                return ParseAssignment();

            case SyntaxKind.PythonNameToken:
                return Peek(1).Kind is SyntaxKind.EqualsToken or SyntaxKind.PlusEqualsToken ? ParseAssignment() : ParsePythonStatement();

            case SyntaxKind.PythonKeywordToken:
            case SyntaxKind.PythonStringToken:
            case SyntaxKind.PythonOperatorToken:
            case SyntaxKind.OpenParenToken:
            case SyntaxKind.OpenBraceToken:
                return ParsePythonStatement();

            default:
                SkipToEndOfStatement(SyntaxDiagnostics.StatementWithoutKey, Describe(current));
                return Current.Kind is SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken
                    ? Node(SyntaxKind.EmptyStatement, EatToken())
                    : null;
        }
    }

    private GreenNode ParseAssignment()
    {
        var key = EatToken();
        if (key.Kind == SyntaxKind.PythonNameToken)
        {
            var suggestion = key.Text.TrimStart('_').ToLowerInvariant();
            key = WithDiagnostic(key, SyntaxDiagnostics.UpperCaseKey, key.Text, suggestion.Length == 0 ? "a lower-case name" : suggestion);
        }

        GreenToken operatorToken;
        GreenNode value;
        var hasOperator = Current.Kind is SyntaxKind.EqualsToken or SyntaxKind.PlusEqualsToken;
        if (hasOperator)
        {
            operatorToken = EatToken();
            value = ParseValue(depth: 0) ?? MissingValue(SyntaxDiagnostics.MissingValue, operatorToken.Text);
        }
        else
        {
            operatorToken = MissingToken(SyntaxKind.EqualsToken, SyntaxDiagnostics.MissingEquals, key.Text);

            // One error per mistake: with no '=' a missing value is not reported again.
            value = ParseValue(depth: 0) ?? Node(SyntaxKind.MissingValue, GreenToken.Missing(SyntaxKind.StringToken));
        }

        GreenToken? terminator = null;
        switch (Current.Kind)
        {
            case SyntaxKind.NewLineToken:
            case SyntaxKind.SemicolonToken:
                terminator = EatToken();
                break;
            case SyntaxKind.EndOfFileToken:
                break;
            case SyntaxKind.IdentifierToken or SyntaxKind.PythonNameToken
                when Peek(1).Kind is SyntaxKind.EqualsToken or SyntaxKind.PlusEqualsToken:
                terminator = MissingToken(SyntaxKind.SemicolonToken, SyntaxDiagnostics.MissingSemicolon);
                break;
            default:
                if (value.Kind == SyntaxKind.MissingValue || !hasOperator)
                {
                    SkipToEndOfStatement(null);
                }
                else
                {
                    SkipToEndOfStatement(SyntaxDiagnostics.UnexpectedAfterValue, Describe(Current), key.Text);
                }

                if (Current.Kind != SyntaxKind.EndOfFileToken)
                {
                    terminator = EatToken();
                }

                break;
        }

        return terminator is null
            ? Node(SyntaxKind.Assignment, key, operatorToken, value)
            : Node(SyntaxKind.Assignment, key, operatorToken, value, terminator);
    }

    /// <summary>
    /// A Python statement, kept whole: its logical line (brackets may span lines) and, after a header ending in
    /// ':', the indented block and any else/elif/except/finally parts.
    /// </summary>
    private GreenNode ParsePythonStatement()
    {
        var slots = new List<GreenNode?>();
        var first = Current;
        var headerText = new System.Text.StringBuilder();
        var endsWithColon = ConsumePythonLine(slots, headerText);
        var headerEnd = slots.Sum(slot => slot?.FullWidth ?? 0) - TrailingWidth(slots);

        while (endsWithColon && Current.Kind == SyntaxKind.NewLineToken)
        {
            slots.Add(EatToken());
            var blockHasLines = false;
            while (NextLineIsIndented())
            {
                blockHasLines = true;
                var lineStart = _index;
                while (Current.Kind == SyntaxKind.NewLineToken)
                {
                    slots.Add(EatToken());
                }

                ConsumePythonLine(slots, null);

                // `a; b` in a block: the semicolons and what follows them belong to the block's line. (A block line
                // starting with ';' used to stop the loop from moving on: it hung.)
                while (Current.Kind == SyntaxKind.SemicolonToken)
                {
                    slots.Add(EatToken());
                    ConsumePythonLine(slots, null);
                }

                if (Current.Kind == SyntaxKind.NewLineToken && NextLineIsIndentedAfter(1))
                {
                    slots.Add(EatToken());
                }

                if (_index == lineStart)
                {
                    break;
                }
            }

            endsWithColon = false;
            if (blockHasLines && Current.Kind == SyntaxKind.NewLineToken
                && Peek(1) is { Kind: SyntaxKind.IdentifierToken, Text: "else" or "elif" or "except" or "finally" } continuation
                && continuation.LeadingTriviaWidth == 0)
            {
                slots.Add(EatToken());
                endsWithColon = ConsumePythonLine(slots, null);
            }
        }

        if (Current.Kind is SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken)
        {
            slots.Add(EatToken());
        }

        var keyword = first.Kind == SyntaxKind.IdentifierToken && PythonStatementKeywords.Contains(first.Text) ? first.Text : null;
        var advice = keyword switch
        {
            "import" or "from" => "remove it (xl has no modules) and write the values it was used for",
            "def" or "class" => "remove the definition and write the values it computed as plain settings",
            "if" or "elif" or "else" or "for" or "while" or "try" or "except" or "finally" or "with" =>
                "write out the settings it would have chosen, without the condition or loop",
            "print" => "remove it",
            _ => "remove it; xl reads only `key = value` settings",
        };
        var name = keyword
            ?? (first.Kind is SyntaxKind.IdentifierToken or SyntaxKind.PythonNameToken && slots.Count > 1 && slots[1] is GreenToken { Kind: SyntaxKind.OpenParenToken }
                ? first.Text + "(...)"
                : Abbreviate(headerText.ToString()));
        var diagnostic = NewDiagnostic(SyntaxDiagnostics.PythonStatement, first.LeadingTriviaWidth,
            Math.Max(0, headerEnd - first.LeadingTriviaWidth), [name, advice]);
        return GreenNodeWithChildren.Create(SyntaxKind.PythonStatement, CollectionsMarshal.AsSpan(slots), diagnostic is null ? null : [diagnostic]);
    }

    /// <summary>Consumes one logical Python line up to (not including) its newline; true if it ends with ':'.</summary>
    private bool ConsumePythonLine(List<GreenNode?> slots, System.Text.StringBuilder? text)
    {
        var depth = 0;
        var lastKind = SyntaxKind.None;
        while (Current.Kind != SyntaxKind.EndOfFileToken)
        {
            var kind = Current.Kind;
            if (depth == 0 && kind is SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken)
            {
                break;
            }

            if (depth > 0 && kind == SyntaxKind.NewLineToken && StartsUnindentedSetting(1))
            {
                break;
            }

            if (SkipTooDeepGroup(depth))
            {
                continue;
            }

            depth += kind switch
            {
                SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken or SyntaxKind.OpenBraceToken => 1,
                SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken or SyntaxKind.CloseBraceToken when depth > 0 => -1,
                _ => 0,
            };
            var token = EatToken();
            if (text is not null && kind != SyntaxKind.NewLineToken)
            {
                text.Append(token.Text);
                if (token.TrailingTriviaWidth > 0)
                {
                    text.Append(' ');
                }
            }

            slots.Add(token);
            lastKind = kind;
        }

        return lastKind == SyntaxKind.ColonToken;
    }

    /// <summary>
    /// Inside Python brackets nested <see cref="MaxNestingDepth"/> deep, an opening bracket starts a group that is
    /// skipped whole as trivia (to its matching close, the end of the file, or a setting at the start of a line),
    /// as <see cref="ParseTooDeepList"/> does for lists: a hostile <c>x = [([([(...</c> then costs one piece of
    /// trivia, not a slot per bracket. The statement or expression already has its diagnostic.
    /// </summary>
    private bool SkipTooDeepGroup(int depth)
    {
        if (depth < MaxNestingDepth || Current.Kind is not (SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken or SyntaxKind.OpenBraceToken))
        {
            return false;
        }

        var nested = 0;
        var count = 0;
        while (Peek(count) is { Kind: not SyntaxKind.EndOfFileToken } token
            && !(token.Kind == SyntaxKind.NewLineToken && StartsUnindentedSetting(count + 1)))
        {
            count++;
            if (token.Kind is SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken or SyntaxKind.OpenBraceToken)
            {
                nested++;
            }
            else if (token.Kind is SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken or SyntaxKind.CloseBraceToken && --nested == 0)
            {
                break;
            }
        }

        SkipTokens(count, null);
        return count > 0;
    }

    /// <summary>True when the line after the current newline token starts with indentation (a Python block line).</summary>
    private bool NextLineIsIndented() => NextLineIsIndentedAfter(0);

    private bool NextLineIsIndentedAfter(int offset)
    {
        // Skip blank and comment-only lines: they belong to the block only if an indented line follows.
        var i = offset;
        while (Peek(i).Kind == SyntaxKind.NewLineToken && (i > offset || offset == 0 && i == 0))
        {
            if (Peek(i + 1).Kind != SyntaxKind.NewLineToken)
            {
                var line = Peek(i + 1);
                return line.Kind != SyntaxKind.EndOfFileToken && IsIndented(line);
            }

            i++;
        }

        return Current.Kind != SyntaxKind.NewLineToken && Current.Kind != SyntaxKind.EndOfFileToken && IsIndented(Current);
    }

    private static bool IsIndented(GreenToken token) => token.Leading.Length > 0 && token.Leading[0].Kind == SyntaxKind.WhitespaceTrivia;

    /// <summary>
    /// True when the token after <paramref name="offset"/> starts a line at column 0 with <c>key =</c>: an
    /// unclosed bracket should not swallow the rest of the file.
    /// </summary>
    private bool StartsUnindentedSetting(int offset)
    {
        var token = Peek(offset);
        return token.Kind is SyntaxKind.IdentifierToken or SyntaxKind.PythonNameToken
            && token.LeadingTriviaWidth == 0
            && Peek(offset + 1).Kind is SyntaxKind.EqualsToken or SyntaxKind.PlusEqualsToken;
    }

    // ---- Values ----------------------------------------------------------------------------------------------

    /// <summary>Parses a value, or returns null (consuming nothing) when none starts here.</summary>
    private GreenNode? ParseValue(int depth)
    {
        GreenNode value;
        switch (Current.Kind)
        {
            case SyntaxKind.StringToken:
            case SyntaxKind.NumberToken:
                value = Node(SyntaxKind.LiteralValue, EatToken());
                break;
            case SyntaxKind.OpenBracketToken:
                value = ParseList(depth);
                break;
            case SyntaxKind.IdentifierToken when !PythonOperatorWords.Contains(Current.Text) || Current.Text == "not":
            case SyntaxKind.PythonNameToken:
            case SyntaxKind.PythonKeywordToken:
            case SyntaxKind.PythonStringToken:
            case SyntaxKind.PythonNumberToken:
            case SyntaxKind.OpenParenToken:
            case SyntaxKind.OpenBraceToken:
            case SyntaxKind.PythonOperatorToken when Current.Text is "-" or "+" or "~":
                return ParsePythonExpression(depth, null);
            default:
                return null;
        }

        return ContinuesPythonExpression() ? ParsePythonExpression(depth, value) : value;
    }

    /// <summary>True when the token after a value makes it the start of a Python expression.</summary>
    private bool ContinuesPythonExpression() => Current.Kind switch
    {
        SyntaxKind.PythonOperatorToken or SyntaxKind.DotToken => true,
        SyntaxKind.IdentifierToken => PythonOperatorWords.Contains(Current.Text),
        _ => false,
    };

    private GreenNode ParseList(int depth)
    {
        if (depth >= MaxNestingDepth)
        {
            return ParseTooDeepList();
        }

        var open = EatToken();
        var items = new List<GreenNode?> { null };
        GreenToken close;
        while (true)
        {
            switch (Current.Kind)
            {
                case SyntaxKind.CloseBracketToken:
                    close = EatToken();
                    break;

                case SyntaxKind.EndOfFileToken:
                    open = WithDiagnostic(open, SyntaxDiagnostics.UnterminatedList, string.Empty);
                    close = GreenToken.Missing(SyntaxKind.CloseBracketToken);
                    break;

                case SyntaxKind.SemicolonToken:
                    open = WithDiagnostic(open, SyntaxDiagnostics.UnterminatedList, " before the `;`");
                    close = GreenToken.Missing(SyntaxKind.CloseBracketToken);
                    break;

                case SyntaxKind.NewLineToken when StatementFollowsNewLines():
                    open = WithDiagnostic(open, SyntaxDiagnostics.UnterminatedList, " before the next setting");
                    close = GreenToken.Missing(SyntaxKind.CloseBracketToken);
                    break;

                case SyntaxKind.NewLineToken:
                    items.Add(EatToken());
                    continue;

                case SyntaxKind.CommaToken:
                    // A comma is only allowed right after a value (xl: values ',' nlok); any other is an empty element.
                    var comma = WithDiagnostic(EatToken(), SyntaxDiagnostics.EmptyListElement);
                    items.Add(Node(SyntaxKind.ListElement, Node(SyntaxKind.MissingValue, GreenToken.Missing(SyntaxKind.StringToken)), comma));
                    continue;

                default:
                    if (ParseValue(depth + 1) is { } value)
                    {
                        items.Add(ParseListElementEnd(value));
                    }
                    else
                    {
                        SkipTokens(1, SyntaxDiagnostics.UnexpectedInList, Describe(Current));
                    }

                    continue;
            }

            break;
        }

        items[0] = open;
        items.Add(close);
        return GreenCache.GetNode(SyntaxKind.ListValue, CollectionsMarshal.AsSpan(items));
    }

    /// <summary>Builds a list element from its value and the comma after it (newlines may come between).</summary>
    private GreenNode ParseListElementEnd(GreenNode value)
    {
        if (Current.Kind == SyntaxKind.CommaToken)
        {
            return Node(SyntaxKind.ListElement, value, EatToken());
        }

        var newlines = 0;
        while (Peek(newlines).Kind == SyntaxKind.NewLineToken)
        {
            newlines++;
        }

        var after = Peek(newlines);
        if (after.Kind == SyntaxKind.CommaToken)
        {
            var slots = new List<GreenNode?> { value };
            for (var i = 0; i <= newlines; i++)
            {
                slots.Add(EatToken());
            }

            return GreenCache.GetNode(SyntaxKind.ListElement, CollectionsMarshal.AsSpan(slots));
        }

        var startsValue = after.Kind is SyntaxKind.StringToken or SyntaxKind.NumberToken or SyntaxKind.OpenBracketToken
            or SyntaxKind.PythonStringToken or SyntaxKind.PythonNumberToken or SyntaxKind.PythonKeywordToken or SyntaxKind.PythonNameToken
            || after.Kind == SyntaxKind.IdentifierToken && !PythonOperatorWords.Contains(after.Text);
        if (startsValue && !(newlines > 0 && StatementFollowsNewLines()))
        {
            return Node(SyntaxKind.ListElement, value, MissingToken(SyntaxKind.CommaToken, SyntaxDiagnostics.MissingComma));
        }

        return Node(SyntaxKind.ListElement, value);
    }

    /// <summary>
    /// Inside a list, whether the newlines at the current position are followed by <c>key =</c>: then the list was
    /// never closed, and the setting belongs to the next statement.
    /// </summary>
    private bool StatementFollowsNewLines()
    {
        var offset = 0;
        while (Peek(offset).Kind == SyntaxKind.NewLineToken)
        {
            offset++;
        }

        var token = Peek(offset);
        return token.Kind is SyntaxKind.IdentifierToken or SyntaxKind.PythonNameToken
            && Peek(offset + 1).Kind is SyntaxKind.EqualsToken or SyntaxKind.PlusEqualsToken;
    }

    /// <summary>A list nested beyond <see cref="MaxNestingDepth"/>: read flat to its matching ']', with one error.</summary>
    private GreenNode ParseTooDeepList()
    {
        var open = WithDiagnostic(EatToken(), SyntaxDiagnostics.NestingTooDeep, MaxNestingDepth);
        var depth = 1;
        var count = 0;
        while (Peek(count).Kind != SyntaxKind.EndOfFileToken)
        {
            var kind = Peek(count).Kind;
            if (kind == SyntaxKind.CloseBracketToken && --depth == 0)
            {
                break;
            }

            if (kind == SyntaxKind.OpenBracketToken)
            {
                depth++;
            }

            count++;
        }

        SkipTokens(count, null);
        var close = Current.Kind == SyntaxKind.CloseBracketToken ? EatToken() : GreenToken.Missing(SyntaxKind.CloseBracketToken);
        return Node(SyntaxKind.ListValue, open, close);
    }

    /// <summary>
    /// A Python expression: operands joined by binary operators, with unary prefixes and call, subscript and
    /// attribute suffixes. Bracketed parts are consumed by counting, without recursion.
    /// </summary>
    private GreenNode ParsePythonExpression(int depth, GreenNode? firstOperand)
    {
        var slots = new List<GreenNode?>();
        var shape = new ExpressionShape();
        if (firstOperand is not null)
        {
            slots.Add(firstOperand);
            shape.OperandCount = 1;
            shape.FirstOperandIsString = firstOperand.Kind == SyntaxKind.LiteralValue && ((GreenToken)firstOperand.GetSlot(0)!).Kind == SyntaxKind.StringToken;
            shape.FirstKind = firstOperand.Kind == SyntaxKind.ListValue ? SyntaxKind.OpenBracketToken : ((GreenToken)firstOperand.GetSlot(0)!).Kind;
        }
        else
        {
            ParseOperand(slots, depth, shape);
        }

        while (IsBinaryOperator(Current))
        {
            shape.Operators.Add(Current.Text);
            slots.Add(EatToken());
            ParseOperand(slots, depth, shape);
        }

        var node = GreenNodeWithChildren.Create(SyntaxKind.PythonExpression, CollectionsMarshal.AsSpan(slots));
        var (descriptor, arguments) = Classify(shape, node);
        var diagnostic = NewDiagnostic(descriptor, node.LeadingTriviaWidth, node.Width, arguments);
        return diagnostic is null ? node : GreenNodeWithChildren.Create(SyntaxKind.PythonExpression, CollectionsMarshal.AsSpan(slots), [diagnostic]);
    }

    private sealed class ExpressionShape
    {
        public int OperandCount { get; set; }

        public List<string> Operators { get; } = [];

        public SyntaxKind FirstKind { get; set; }

        public string FirstText { get; set; } = string.Empty;

        public bool FirstOperandIsString { get; set; }

        public bool FirstIsNegated { get; set; }

        public bool FirstHasUnary { get; set; }

        public bool FirstIsCall { get; set; }

        public bool FirstHasSuffix { get; set; }
    }

    private void ParseOperand(List<GreenNode?> slots, int depth, ExpressionShape shape)
    {
        var isFirst = shape.OperandCount == 0;
        shape.OperandCount++;
        while (Current.Kind == SyntaxKind.PythonOperatorToken && Current.Text is "-" or "+" or "~"
            || Current.Kind == SyntaxKind.IdentifierToken && Current.Text is "not" or "lambda")
        {
            if (isFirst)
            {
                shape.FirstHasUnary = true;
                shape.FirstIsNegated = Current.Text == "-";
            }

            slots.Add(EatToken());
        }

        var primary = Current;
        if (isFirst)
        {
            shape.FirstKind = primary.Kind;
            shape.FirstText = primary.Text;
            shape.FirstOperandIsString = primary.Kind is SyntaxKind.StringToken;
        }

        switch (primary.Kind)
        {
            case SyntaxKind.StringToken:
            case SyntaxKind.NumberToken:
            case SyntaxKind.IdentifierToken:
            case SyntaxKind.PythonNameToken:
            case SyntaxKind.PythonKeywordToken:
            case SyntaxKind.PythonStringToken:
            case SyntaxKind.PythonNumberToken:
                slots.Add(EatToken());
                break;
            case SyntaxKind.OpenBracketToken:
                slots.Add(ParseList(depth + 1));
                break;
            case SyntaxKind.OpenParenToken:
            case SyntaxKind.OpenBraceToken:
                ConsumeBalanced(slots);
                break;
            default:
                return;
        }

        // Suffixes: calls, subscripts (only when written against the operand) and attributes.
        while (true)
        {
            var previous = (GreenToken?)slots.LastOrDefault(slot => slot is GreenToken) ?? primary;
            if (Current.Kind == SyntaxKind.OpenParenToken)
            {
                if (isFirst && !shape.FirstHasSuffix)
                {
                    shape.FirstIsCall = true;
                }

                ConsumeBalanced(slots);
            }
            else if (Current.Kind == SyntaxKind.OpenBracketToken && AreAdjacent(previous, Current))
            {
                ConsumeBalanced(slots);
                shape.FirstIsCall &= !isFirst;
                shape.FirstHasSuffix |= isFirst;
            }
            else if (Current.Kind == SyntaxKind.DotToken)
            {
                slots.Add(EatToken());
                if (Current.Kind is SyntaxKind.IdentifierToken or SyntaxKind.PythonNameToken)
                {
                    slots.Add(EatToken());
                }

                shape.FirstHasSuffix |= isFirst;
            }
            else
            {
                break;
            }
        }
    }

    private static bool IsBinaryOperator(GreenToken token) => token.Kind switch
    {
        SyntaxKind.PythonOperatorToken => token.Text is not "~",
        SyntaxKind.IdentifierToken => token.Text is "and" or "or" or "in" or "is" or "if" or "else" or "for" or "not",
        _ => false,
    };

    /// <summary>Consumes an opening bracket and everything to its matching close, newlines included.</summary>
    private void ConsumeBalanced(List<GreenNode?> slots)
    {
        var depth = 0;
        do
        {
            var kind = Current.Kind;
            if (kind == SyntaxKind.EndOfFileToken || (depth > 0 && kind == SyntaxKind.NewLineToken && StartsUnindentedSetting(1)))
            {
                return;
            }

            if (SkipTooDeepGroup(depth))
            {
                continue;
            }

            depth += kind switch
            {
                SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken or SyntaxKind.OpenBraceToken => 1,
                SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken or SyntaxKind.CloseBraceToken => -1,
                _ => 0,
            };
            slots.Add(EatToken());
        }
        while (depth > 0);
    }

    /// <summary>Names the construct: the outermost one, so an expression gets one diagnostic.</summary>
    private static (DiagnosticDescriptor Descriptor, object?[] Arguments) Classify(ExpressionShape shape, GreenNode node)
    {
        var text = Abbreviate(node.ToFullString().Trim());
        if (shape.Operators.Count > 0)
        {
            return shape.Operators[0] == "%" && shape.FirstOperandIsString && !shape.FirstHasUnary
                ? (SyntaxDiagnostics.PythonFormatting, [])
                : (SyntaxDiagnostics.PythonOperator, [text, string.Empty]);
        }

        if (shape.FirstHasUnary)
        {
            return shape.FirstIsNegated && shape.FirstKind is SyntaxKind.NumberToken or SyntaxKind.PythonNumberToken && !shape.FirstHasSuffix
                ? (SyntaxDiagnostics.NegativeNumber, [text])
                : (SyntaxDiagnostics.PythonOperator, [text, string.Empty]);
        }

        if (shape.FirstIsCall)
        {
            return (SyntaxDiagnostics.PythonCall, [shape.FirstText]);
        }

        if (shape.FirstHasSuffix)
        {
            return (SyntaxDiagnostics.PythonOperator, [text, string.Empty]);
        }

        return shape.FirstKind switch
        {
            SyntaxKind.PythonKeywordToken => (SyntaxDiagnostics.PythonConstant, [shape.FirstText, shape.FirstText switch
            {
                "True" => "write 1",
                "False" => "write 0",
                _ => "leave the setting out to keep its default",
            }]),
            SyntaxKind.PythonNumberToken => (SyntaxDiagnostics.PythonFloat, [shape.FirstText, string.Empty]),
            SyntaxKind.PythonStringToken => (SyntaxDiagnostics.TripleQuotedString, []),
            SyntaxKind.OpenParenToken => (SyntaxDiagnostics.PythonBracket, ["tuple", text, "write a [list] instead"]),
            SyntaxKind.OpenBraceToken => (SyntaxDiagnostics.PythonBracket, ["dictionary", text, "xl has no dictionaries: write separate settings"]),
            SyntaxKind.IdentifierToken or SyntaxKind.PythonNameToken => (SyntaxDiagnostics.PythonName, [shape.FirstText]),
            _ => (SyntaxDiagnostics.PythonOperator, [text, string.Empty]),
        };
    }

    private static string Abbreviate(string text)
    {
        var oneLine = string.Join(' ', text.Split(['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 40 ? oneLine : string.Concat(oneLine.AsSpan(0, 39), "…");
    }

    // ---- Tokens, trivia and skipping -------------------------------------------------------------------------

    /// <summary>A token ahead; looking is recorded, as what the statement being parsed depends on.</summary>
    private GreenToken Peek(int offset)
    {
        var index = Math.Min(_index + offset, _tokens.Count - 1);
        if (index > _maxPeek)
        {
            _maxPeek = index;
        }

        return _tokens[index];
    }

    /// <summary>Takes the current token, giving it any skipped trivia that waits in front of it.</summary>
    private GreenToken EatToken()
    {
        var token = Current;
        if (_index < _tokens.Count - 1)
        {
            _consumedEnd += token.FullWidth;
            _index++;
        }

        FlushSkippedRun();
        if (_pendingTrivia.Count > 0)
        {
            token = token.WithLeading([.. _pendingTrivia, .. token.Leading]);
            _pendingTrivia.Clear();
        }

        return token;
    }

    private void SkipToEndOfStatement(DiagnosticDescriptor? descriptor, params object?[] arguments)
    {
        var count = 0;
        while (Peek(count).Kind is not (SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken or SyntaxKind.EndOfFileToken))
        {
            count++;
        }

        SkipTokens(count, descriptor, arguments);
    }

    /// <summary>
    /// Turns the next <paramref name="count"/> tokens into skipped-token trivia in front of the token after them.
    /// Their own trivia (blanks, comments) stays what it was; one diagnostic covers the whole run.
    /// </summary>
    private void SkipTokens(int count, DiagnosticDescriptor? descriptor, params object?[] arguments)
    {
        if (count == 0)
        {
            return;
        }

        var first = true;
        var runWidth = 0;
        for (var i = 0; i < count; i++)
        {
            runWidth += Peek(i).FullWidth;
        }

        runWidth -= Peek(0).LeadingTriviaWidth + Peek(count - 1).TrailingTriviaWidth;
        for (var i = 0; i < count; i++)
        {
            var token = Current;
            _consumedEnd += token.FullWidth;
            _index++;
            AddPendingTrivia(token.Leading);
            var diagnostics = new List<GreenDiagnostic>();
            foreach (var own in token.Diagnostics ?? [])
            {
                diagnostics.Add(own with { Offset = own.Offset - token.LeadingTriviaWidth });
            }

            if (first && descriptor is not null && NewDiagnostic(descriptor, 0, runWidth, arguments) is { } diagnostic)
            {
                diagnostics.Add(diagnostic);
            }

            first = false;
            if (diagnostics.Count == 0)
            {
                // A run of junk ("]]]]", a hundred thousand '[' past the nesting limit) becomes one piece of trivia.
                _skippedRun.Append(token.Text);
            }
            else
            {
                AddPendingTrivia([GreenTrivia.Create(SyntaxKind.SkippedTokensTrivia, token.Text, [.. diagnostics])]);
            }

            AddPendingTrivia(token.Trailing);
        }
    }

    private void AddPendingTrivia(GreenTrivia[] trivia)
    {
        if (trivia.Length > 0)
        {
            FlushSkippedRun();
            _pendingTrivia.AddRange(trivia);
        }
    }

    private void FlushSkippedRun()
    {
        if (_skippedRun.Length == 0)
        {
            return;
        }

        _pendingTrivia.Add(_skippedRun.Length <= GreenCache.MaxTriviaLength
            ? GreenCache.GetTrivia(SyntaxKind.SkippedTokensTrivia, _skippedRun.ToString())
            : GreenTrivia.Create(SyntaxKind.SkippedTokensTrivia, _skippedRun.ToString()));
        _skippedRun.Clear();
    }

    private static bool AreAdjacent(GreenToken left, GreenToken right) => left.TrailingTriviaWidth == 0 && right.LeadingTriviaWidth == 0;

    private static int TrailingWidth(List<GreenNode?> slots)
    {
        for (var i = slots.Count - 1; i >= 0; i--)
        {
            if (slots[i] is { FullWidth: > 0 } slot)
            {
                return slot.TrailingTriviaWidth;
            }
        }

        return 0;
    }

    private static string Describe(GreenToken token) => token.Kind switch
    {
        SyntaxKind.StringToken => $"string `{Abbreviate(token.Text)}`",
        SyntaxKind.NumberToken => $"number `{token.Text}`",
        SyntaxKind.IdentifierToken or SyntaxKind.PythonNameToken => $"word `{token.Text}`",
        SyntaxKind.NewLineToken => "end of line",
        SyntaxKind.EndOfFileToken => "end of file",
        _ => $"`{Abbreviate(token.Text)}`",
    };

    // A span, not an array: the slots of most nodes are copied into the node's own fields, so no array is allocated.
    private static GreenNode Node(SyntaxKind kind, params ReadOnlySpan<GreenNode?> slots) => GreenCache.GetNode(kind, slots);

    /// <summary>A new diagnostic, or null once the file has had <see cref="DiagnosticBudget.MaxPerDescriptor"/> of its kind.</summary>
    private GreenDiagnostic? NewDiagnostic(DiagnosticDescriptor descriptor, int offset, int length, object?[] arguments) =>
        _budget.TryTake(descriptor) ? new GreenDiagnostic(descriptor, offset, length, arguments) : null;

    private GreenToken MissingToken(SyntaxKind kind, DiagnosticDescriptor descriptor, params object?[] arguments) =>
        GreenToken.Missing(kind, NewDiagnostic(descriptor, 0, 0, arguments) is { } diagnostic ? [diagnostic] : null);

    private GreenNode MissingValue(DiagnosticDescriptor descriptor, params object?[] arguments) =>
        Node(SyntaxKind.MissingValue, MissingToken(SyntaxKind.StringToken, descriptor, arguments));

    /// <summary>Adds a diagnostic that underlines the token's own text.</summary>
    private GreenToken WithDiagnostic(GreenToken token, DiagnosticDescriptor descriptor, params object?[] arguments) =>
        NewDiagnostic(descriptor, token.LeadingTriviaWidth, token.Text.Length, arguments) is { } diagnostic
            ? token.WithDiagnostics([.. token.Diagnostics ?? [], diagnostic])
            : token;
}
