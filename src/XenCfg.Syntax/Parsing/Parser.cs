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

    private readonly List<GreenToken> _tokens;
    private readonly List<GreenTrivia> _pendingTrivia = [];

    /// <summary>Skipped tokens without diagnostics that follow each other with nothing between: one trivia once flushed.</summary>
    private readonly System.Text.StringBuilder _skippedRun = new();
    private readonly Dictionary<string, ValueShape> _shapes = new(StringComparer.Ordinal);
    private readonly DiagnosticBudget _budget = new();
    private int _index;

    private Parser(string text)
    {
        // Sized for a typical config (a token per eight characters or fewer) so the list is not regrown ten times.
        _tokens = new List<GreenToken>(Math.Max(16, text.Length / 8));
        var lexer = new Lexer(text, _budget);
        GreenToken token;
        do
        {
            token = lexer.NextToken();
            _tokens.Add(token);
        }
        while (token.Kind != SyntaxKind.EndOfFileToken);

        CarriageReturnLineEnds = lexer.CarriageReturnLineEnds;
    }

    private enum ValueShape
    {
        Unknown,
        String,
        List,
    }

    private List<int> CarriageReturnLineEnds { get; }

    private GreenToken Current => _tokens[_index];

    public static (GreenNode Root, IReadOnlyList<ConfigDiagnostic> FileDiagnostics) Parse(string text)
    {
        var parser = new Parser(text);
        var root = parser.ParseFile();
        return (root, parser.FileDiagnostics());
    }

    private GreenNode ParseFile()
    {
        var slots = new List<GreenNode?>();
        while (Current.Kind != SyntaxKind.EndOfFileToken)
        {
            if (ParseStatement() is { } statement)
            {
                slots.Add(statement);
            }
        }

        slots.Add(EatToken());
        return GreenNodeWithChildren.Create(SyntaxKind.ConfigFile, CollectionsMarshal.AsSpan(slots));
    }

    /// <summary>
    /// A CRLF file has a carriage return on every line; one diagnostic with the count says it better than one per
    /// line. It sits beside the tree, as it is about the file, not one token.
    /// </summary>
    private List<ConfigDiagnostic> FileDiagnostics()
    {
        if (CarriageReturnLineEnds.Count == 0)
        {
            return [];
        }

        var others = CarriageReturnLineEnds.Count - 1;
        var count = others == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; {others} more line{(others == 1 ? "" : "s")} end the same way");
        return [ConfigDiagnostic.Create(SyntaxDiagnostics.CarriageReturn, new TextSpan(CarriageReturnLineEnds[0], 1), count)];
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

        operatorToken = CheckAppendShape(key, operatorToken, value);

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
    /// xl's '+=' concatenates string with string and list with list; anything else makes it refuse the file
    /// (libxlu_cfg.c, xlu__cfg_concat_vals). Without an earlier value, '+=' acts as '='.
    /// </summary>
    private GreenToken CheckAppendShape(GreenToken key, GreenToken operatorToken, GreenNode value)
    {
        if (key.Kind != SyntaxKind.IdentifierToken)
        {
            return operatorToken;
        }

        var shape = value.Kind switch
        {
            SyntaxKind.LiteralValue => ValueShape.String,
            SyntaxKind.ListValue => ValueShape.List,
            _ => ValueShape.Unknown,
        };
        if (operatorToken.Kind == SyntaxKind.PlusEqualsToken && _shapes.TryGetValue(key.Text, out var previous))
        {
            if (previous != ValueShape.Unknown && shape != ValueShape.Unknown && previous != shape)
            {
                return WithDiagnostic(operatorToken, SyntaxDiagnostics.AppendTypeMismatch,
                    ShapeName(shape), ShapeName(previous), key.Text);
            }

            return operatorToken;
        }

        _shapes[key.Text] = shape;
        return operatorToken;

        static string ShapeName(ValueShape shape) => shape == ValueShape.List ? "list" : "string";
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

    private GreenToken Peek(int offset) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    /// <summary>Takes the current token, giving it any skipped trivia that waits in front of it.</summary>
    private GreenToken EatToken()
    {
        var token = Current;
        if (_index < _tokens.Count - 1)
        {
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
