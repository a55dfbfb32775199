using System.Globalization;
using XenCfg.Syntax.Diagnostics;
using XenCfg.Syntax.InternalSyntax;
using XenCfg.Syntax.Text;

namespace XenCfg.Syntax.Parsing;

/// <summary>
/// Splits the text into tokens with trivia. It follows xl's lexer (tools/libs/util/libxlu_cfg_l.l) for every
/// token xl knows, and in addition recognises the Python tokens of xm configs so the parser can name the
/// construct instead of reporting a bare "lexical error". It is context-free and never fails: characters nobody
/// can read become skipped trivia with a diagnostic.
/// </summary>
/// <remarks>
/// <para>
/// Trivia: a token's trailing trivia runs to the end of its line (blanks, junk, a comment), never past it; a
/// newline is a token. Everything else is leading trivia of the next token, so a comment alone on its line is
/// leading trivia of that line's newline token.
/// </para>
/// <para>
/// What a token depends on (the incremental parser relies on this; see <see cref="IncrementalParser"/>): a token is
/// read from where its leading trivia starts, with no state but whether the token before it ended a statement, and
/// reading it looks at most one character past its trailing trivia (the one that starts the next token), except a
/// name at the start of a statement, whose test for <c>install-method =</c> may look along the rest of its line, and a
/// newline token, which looks at nothing past itself. Only a triple-quoted string crosses a line end.
/// </para>
/// </remarks>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly int _textOffset;
    private int _position;
    private SyntaxKind _previousKind;
    private readonly List<TriviaPiece> _triviaBuffer = [];
    private readonly List<GreenDiagnostic> _diagnosticBuffer = [];

    private readonly DiagnosticBudget _budget;

    /// <param name="text">The text, or a window of it (the incremental parser reads only the lines it reparses).</param>
    /// <param name="budget">The parse's diagnostic budget.</param>
    /// <param name="textOffset">Where <paramref name="text"/> starts in the file (a byte-order mark counts only at 0).</param>
    /// <param name="previousKind">The kind of the token before the text: a newline or ';' when it starts a statement.</param>
    public Lexer(string text, DiagnosticBudget budget, int textOffset = 0, SyntaxKind previousKind = SyntaxKind.NewLineToken)
    {
        _text = text;
        _budget = budget;
        _textOffset = textOffset;
        _previousKind = previousKind;
    }

    public GreenToken NextToken()
    {
        var fullStart = _position;
        var leading = ScanTrivia(out var leadingShared);
        var start = _position;
        var kind = ScanToken();
        var length = _position - start;
        var diagnostics = TakeDiagnostics(fullStart);
        var trailingShared = true;
        var trailing = kind is SyntaxKind.NewLineToken or SyntaxKind.EndOfFileToken ? null : ScanTrivia(out trailingShared);
        _previousKind = kind;
        if (diagnostics is null && leadingShared && trailingShared && length <= GreenCache.MaxTokenLength)
        {
            return GreenCache.GetToken(kind, _text.AsSpan(start, length), leading, trailing);
        }

        return GreenToken.Create(kind, Intern(start, length), leading, trailing, diagnostics);
    }

    private SyntaxKind ScanToken()
    {
        if (_position >= _text.Length)
        {
            return SyntaxKind.EndOfFileToken;
        }

        var c = _text[_position];
        switch (c)
        {
            case '\n':
                _position++;
                return SyntaxKind.NewLineToken;
            case ',':
                _position++;
                return SyntaxKind.CommaToken;
            case ';':
                _position++;
                return SyntaxKind.SemicolonToken;
            case '[':
                _position++;
                return SyntaxKind.OpenBracketToken;
            case ']':
                _position++;
                return SyntaxKind.CloseBracketToken;
            case '(':
                _position++;
                return SyntaxKind.OpenParenToken;
            case ')':
                _position++;
                return SyntaxKind.CloseParenToken;
            case '{':
                _position++;
                return SyntaxKind.OpenBraceToken;
            case '}':
                _position++;
                return SyntaxKind.CloseBraceToken;
            case ':':
                _position++;
                return SyntaxKind.ColonToken;
            case '=':
                if (Peek(1) == '=')
                {
                    _position += 2;
                    return SyntaxKind.PythonOperatorToken;
                }

                _position++;
                return SyntaxKind.EqualsToken;
            case '+':
                if (Peek(1) == '=')
                {
                    _position += 2;
                    return SyntaxKind.PlusEqualsToken;
                }

                _position++;
                return SyntaxKind.PythonOperatorToken;
            case '.':
                if (char.IsAsciiDigit(Peek(1)))
                {
                    return ScanNumber();
                }

                _position++;
                return SyntaxKind.DotToken;
            case '\'' or '"':
                return ScanString(c);
            case >= '0' and <= '9':
                return ScanNumber();
            case (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_':
                return ScanName();
            default:
                if (IsPythonOperatorStart(c))
                {
                    ScanPythonOperator();
                    return SyntaxKind.PythonOperatorToken;
                }

                // ScanTrivia consumed every character that is not a token start.
                throw new InvalidOperationException($"Unexpected token start U+{(int)c:X4}");
        }
    }

    private static bool IsPythonOperatorStart(char c) => c is '-' or '*' or '/' or '%' or '<' or '>' or '!' or '&' or '|' or '^' or '~' or '@';

    private static bool IsTokenStart(char c) => c switch
    {
        '\n' or ',' or ';' or '[' or ']' or '(' or ')' or '{' or '}' or ':' or '=' or '+' or '.' or '\'' or '"' => true,
        (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' => true,
        _ => IsPythonOperatorStart(c),
    };

    private void ScanPythonOperator()
    {
        var c = _text[_position];
        var next = Peek(1);
        var twoCharacter = next == '=' && c is not '~' and not '@'
            || (c == next && c is '*' or '/' or '<' or '>');
        _position += twoCharacter ? 2 : 1;
    }

    private SyntaxKind ScanString(char quote)
    {
        var start = _position;
        if (Peek(1) == quote && Peek(2) == quote)
        {
            return ScanTripleQuotedString(quote);
        }

        _position++;
        var terminated = false;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\n')
            {
                break;
            }

            if (c == quote)
            {
                _position++;
                terminated = true;
                break;
            }

            // A backslash escapes any character but a newline (xl: \\. where . excludes \n).
            _position += c == '\\' && Peek(1) != '\n' && _position + 1 < _text.Length ? 2 : 1;
        }

        var length = _position - start;
        if (!terminated)
        {
            AddDiagnostic(SyntaxDiagnostics.UnterminatedString, start, length, quote == '"' ? "`\"`" : "`'`");
        }

        var nul = _text.IndexOf('\0', start, length);
        if (nul >= 0)
        {
            AddDiagnostic(SyntaxDiagnostics.NulCharacter, nul, 1, " inside a string", " (xl aborts when it meets one)");
        }

        // Only an escape can be refused: a string without a backslash (nearly all) is not dequoted here at all.
        if (_text.AsSpan(start, length).Contains('\\'))
        {
            foreach (var problem in XlString.Dequote(_text.Substring(start, length), terminated).Problems)
            {
                var escape = _text.Substring(start + problem.Offset, Math.Min(2, problem.Length));
                AddDiagnostic(SyntaxDiagnostics.InvalidEscape, start + problem.Offset, problem.Length, escape, problem.Reason);
            }
        }

        return SyntaxKind.StringToken;
    }

    private SyntaxKind ScanTripleQuotedString(char quote)
    {
        var start = _position;
        _position += 3;
        while (_position < _text.Length)
        {
            if (_text[_position] == '\\')
            {
                _position = Math.Min(_text.Length, _position + 2);
                continue;
            }

            if (_text[_position] == quote && Peek(1) == quote && Peek(2) == quote)
            {
                _position += 3;
                return SyntaxKind.PythonStringToken;
            }

            _position++;
        }

        AddDiagnostic(SyntaxDiagnostics.UnterminatedString, start, _position - start, $"`{new string(quote, 3)}`");
        return SyntaxKind.PythonStringToken;
    }

    private SyntaxKind ScanNumber()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '.'))
        {
            _position++;
        }

        var text = _text.AsSpan(start, _position - start);
        if (IsXlNumber(text))
        {
            return SyntaxKind.NumberToken;
        }

        if (IsPythonNumber(text))
        {
            return SyntaxKind.PythonNumberToken;
        }

        if (_budget.TryTake(SyntaxDiagnostics.MalformedNumber))
        {
            _diagnosticBuffer.Add(new GreenDiagnostic(SyntaxDiagnostics.MalformedNumber, start, text.Length, [text.ToString(), MalformedNumberHint(text)]));
        }

        return SyntaxKind.NumberToken;
    }

    /// <summary>xl's NUMBER token: [0-9][0-9a-fx]*.</summary>
    private static bool IsXlNumber(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsAsciiDigit(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c is (>= 'a' and <= 'f') or 'x'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A Python float (1.5, .5, 1., 2.5e3) or long (10L).</summary>
    private static bool IsPythonNumber(ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        if (dot < 0)
        {
            return text.Length > 1 && text[^1] is 'L' or 'l' && AllDigits(text[..^1]);
        }

        var whole = text[..dot];
        var fraction = text[(dot + 1)..];
        var exponent = fraction.IndexOfAny('e', 'E');
        if (exponent >= 0)
        {
            if (!AllDigits(fraction[(exponent + 1)..]) || fraction.Length == exponent + 1)
            {
                return false;
            }

            fraction = fraction[..exponent];
        }

        return (whole.Length + fraction.Length) > 0 && AllDigits(whole) && AllDigits(fraction);
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string MalformedNumberHint(ReadOnlySpan<char> text)
    {
        if (text.Count('.') == 3)
        {
            return $": an address is text, quote it: `\"{text}\"`";
        }

        if (text.StartsWith("0x") || text.StartsWith("0X"))
        {
            return $": write hexadecimal with a lower-case 0x and lower-case digits, e.g. `{text.ToString().ToLowerInvariant()}`";
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits > 0 && char.IsAsciiLetter(text[digits]))
        {
            return $": a unit suffix is not part of an xl number; write the plain number in the setting's unit (memory and maxmem are in MiB: `{text[..digits]}`)";
        }

        return string.Empty;
    }

    private SyntaxKind ScanName()
    {
        var start = _position;
        ScanNameCharacters();

        // A key such as `install-method` at the start of a statement is one (invalid) key, not a subtraction.
        if (_previousKind is SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken && Peek(0) == '-' && IsNameCharacter(Peek(1)))
        {
            var end = _position;
            while (Peek(0) == '-' && IsNameCharacter(Peek(1)))
            {
                _position++;
                ScanNameCharacters();
            }

            if (IsFollowedByAssignmentOperator())
            {
                var key = _text.Substring(start, _position - start);
                var badAt = end - start;
                AddDiagnostic(SyntaxDiagnostics.InvalidKeyCharacter, start, key.Length, key, key[..badAt], key[badAt..]);
                return SyntaxKind.IdentifierToken;
            }

            _position = end;
        }

        var text = _text.AsSpan(start, _position - start);
        if (IsXlIdentifier(text))
        {
            return SyntaxKind.IdentifierToken;
        }

        return text is "True" or "False" or "None" ? SyntaxKind.PythonKeywordToken : SyntaxKind.PythonNameToken;
    }

    private void ScanNameCharacters()
    {
        while (_position < _text.Length && IsNameCharacter(_text[_position]))
        {
            _position++;
        }
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.';

    private bool IsFollowedByAssignmentOperator()
    {
        var i = _position;
        while (i < _text.Length && _text[i] is ' ' or '\t')
        {
            i++;
        }

        return i < _text.Length && (_text[i] == '=' && (i + 1 >= _text.Length || _text[i + 1] != '=')
            || _text[i] == '+' && i + 1 < _text.Length && _text[i + 1] == '=');
    }

    /// <summary>xl's IDENT token: [a-z][._0-9a-z]*.</summary>
    public static bool IsXlIdentifier(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Scans trivia up to the next token; a newline is a token, so trailing trivia stops at the line's end.</summary>
    /// <param name="shared">Whether the result is null or a list from <see cref="GreenCache"/>, so a token holding it can be shared.</param>
    private GreenTrivia[]? ScanTrivia(out bool shared)
    {
        _triviaBuffer.Clear();
        while (_position < _text.Length)
        {
            var start = _position;
            var c = _text[_position];
            if (c is ' ' or '\t')
            {
                while (_position < _text.Length && _text[_position] is ' ' or '\t')
                {
                    _position++;
                }

                AddTrivia(SyntaxKind.WhitespaceTrivia, start);
            }
            else if (c == '#')
            {
                var newline = _text.IndexOf('\n', _position);
                _position = newline < 0 ? _text.Length : newline;
                if (newline < 0)
                {
                    AddDiagnostic(SyntaxDiagnostics.CommentWithoutNewline, start, _position - start);
                }

                AddTrivia(SyntaxKind.CommentTrivia, start);
            }
            else if (c == '\r' && Peek(1) == '\n')
            {
                // A line end xl refuses; reported once for the file (see FileLevelDiagnostics), so no diagnostic here.
                _position++;
                AddTrivia(SyntaxKind.SkippedTokensTrivia, start);
            }
            else if (c == '\uFEFF' && start + _textOffset == 0)
            {
                _position++;
                AddDiagnostic(SyntaxDiagnostics.ByteOrderMark, start, 1);
                AddTrivia(SyntaxKind.SkippedTokensTrivia, start);
            }
            else if (c == '\0')
            {
                while (_position < _text.Length && _text[_position] == '\0')
                {
                    _position++;
                }

                AddDiagnostic(SyntaxDiagnostics.NulCharacter, start, _position - start, string.Empty, string.Empty);
                AddTrivia(SyntaxKind.SkippedTokensTrivia, start, junk: true);
            }
            else if (!IsTokenStart(c))
            {
                _position++;
                while (_position < _text.Length && IsUnreadable(_text[_position]))
                {
                    _position++;
                }

                if (_budget.TryTake(SyntaxDiagnostics.UnexpectedCharacter))
                {
                    _diagnosticBuffer.Add(new GreenDiagnostic(SyntaxDiagnostics.UnexpectedCharacter, start, _position - start,
                        [DescribeCharacters(_text.AsSpan(start, _position - start)), string.Empty]));
                }

                AddTrivia(SyntaxKind.SkippedTokensTrivia, start, junk: true);
            }
            else
            {
                break;
            }
        }

        shared = true;
        if (_triviaBuffer.Count == 0)
        {
            return null;
        }

        // One or two pieces (a blank, a comment) is the common case: the list is a shared one, and no array is made
        // unless a piece cannot be shared.
        if (_triviaBuffer.Count <= 2)
        {
            var first = TriviaPieceAt(0, ref shared);
            var second = _triviaBuffer.Count == 2 ? TriviaPieceAt(1, ref shared) : null;
            if (shared)
            {
                return GreenCache.GetTriviaList(first, second);
            }

            return second is null ? [first] : [first, second];
        }

        var pieces = new GreenTrivia[_triviaBuffer.Count];
        for (var i = 0; i < pieces.Length; i++)
        {
            pieces[i] = TriviaPieceAt(i, ref shared);
        }

        shared = false;
        return pieces;
    }

    /// <summary>The green trivia for a buffered piece; clears <paramref name="shared"/> when it is not a shared one.</summary>
    private GreenTrivia TriviaPieceAt(int index, ref bool shared)
    {
        var (kind, start, length, diagnostics, _) = _triviaBuffer[index];
        if (diagnostics is null && length <= GreenCache.MaxTriviaLength)
        {
            return GreenCache.GetTrivia(kind, _text.AsSpan(start, length));
        }

        shared = false;
        return GreenTrivia.Create(kind, Intern(start, length), diagnostics);
    }

    /// <summary>Characters that run together into one piece of junk (the special cases are reported on their own).</summary>
    private static bool IsUnreadable(char c) => !IsTokenStart(c) && c is not (' ' or '\t' or '#' or '\r' or '\0' or '\uFEFF');

    /// <param name="junk">
    /// True for skipped junk (unreadable characters, NULs). Junk right after junk, neither with a diagnostic
    /// (past the file's <see cref="DiagnosticBudget"/>), extends the previous piece instead of adding one, so a
    /// binary file is a few long pieces of trivia rather than one object per byte.
    /// </param>
    private void AddTrivia(SyntaxKind kind, int start, bool junk = false)
    {
        var length = _position - start;
        var diagnostics = TakeDiagnostics(start);
        if (junk && diagnostics is null && _triviaBuffer.Count > 0
            && _triviaBuffer[^1] is { Junk: true, Diagnostics: null } last && last.Start + last.Length == start)
        {
            _triviaBuffer[^1] = last with { Length = last.Length + length };
            return;
        }

        // Blanks between two such pieces of junk join them too.
        if (junk && diagnostics is null && _triviaBuffer.Count > 1 && _triviaBuffer[^1].Kind == SyntaxKind.WhitespaceTrivia
            && _triviaBuffer[^2] is { Junk: true, Diagnostics: null } before)
        {
            _triviaBuffer.RemoveAt(_triviaBuffer.Count - 1);
            _triviaBuffer[^1] = before with { Length = _position - before.Start };
            return;
        }

        _triviaBuffer.Add(new TriviaPiece(kind, start, length, diagnostics, junk));
    }

    private readonly record struct TriviaPiece(SyntaxKind Kind, int Start, int Length, GreenDiagnostic[]? Diagnostics, bool Junk);

    /// <summary>Describes junk for a message: the characters themselves when printable, else their code.</summary>
    internal static string DescribeCharacters(ReadOnlySpan<char> text)
    {
        var first = text[0];
        if (ConfigFileEncoding.IsEscapedByte(first))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the byte 0x{ConfigFileEncoding.EscapedByteValue(first):X2}, which is not UTF-8,");
        }

        if (first == '\r')
        {
            return "a carriage return";
        }

        if (char.IsControl(first))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the control character U+{(int)first:X4}");
        }

        if (char.GetUnicodeCategory(first) is UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the invisible character U+{(int)first:X4}");
        }

        var shown = text.Length > 20 ? string.Concat(text[..20], "…") : text.ToString();
        return $"`{shown}`";
    }

    private void AddDiagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int start, int length, params object?[] arguments)
    {
        if (_budget.TryTake(descriptor))
        {
            _diagnosticBuffer.Add(new GreenDiagnostic(descriptor, start, length, arguments));
        }
    }

    /// <summary>Takes the pending diagnostics, made relative to the element that starts at <paramref name="elementStart"/>.</summary>
    private GreenDiagnostic[]? TakeDiagnostics(int elementStart)
    {
        if (_diagnosticBuffer.Count == 0)
        {
            return null;
        }

        var result = new GreenDiagnostic[_diagnosticBuffer.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var diagnostic = _diagnosticBuffer[i];
            result[i] = diagnostic with { Offset = diagnostic.Offset - elementStart };
        }

        _diagnosticBuffer.Clear();
        return result;
    }

    private char Peek(int offset)
    {
        var index = _position + offset;
        return index < _text.Length ? _text[index] : '\0';
    }

    /// <summary>Shares the strings of the commonest short tokens and trivia instead of allocating each.</summary>
    private string Intern(int start, int length) => length switch
    {
        0 => string.Empty,
        1 => SingleCharacterStrings.Get(_text[start]),
        _ => _text.Substring(start, length),
    };
}
