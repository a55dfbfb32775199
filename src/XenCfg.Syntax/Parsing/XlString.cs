using System.Text;

namespace XenCfg.Syntax.Parsing;

/// <summary>An escape that xl refuses, as an offset range within the quoted token text.</summary>
internal readonly record struct EscapeProblem(int Offset, int Length, string Reason);

/// <summary>
/// The value of a quoted string the way xl computes it (tools/libs/util/libxlu_cfg.c, xlu__cfgl_dequote), with
/// a map from value offsets back to offsets in the quoted token text.
/// </summary>
/// <remarks>
/// xl's reader has two quirks we reproduce because they decide whether xl accepts a file:
/// its hexadecimal escape skips one character too many and then demands more digits than it reads, so every
/// <c>\x</c> escape is refused; and its octal escape reads up to three following characters as a *decimal*
/// number (C's strtoul, which also skips blanks and a sign), requires it to consume at least two of them, and
/// then drops the character instead of storing it.
/// </remarks>
internal sealed class XlString
{
    private XlString(string value, int[]? valueToSource, IReadOnlyList<EscapeProblem> problems)
    {
        Value = value;
        ValueToSource = valueToSource;
        Problems = problems;
    }

    public string Value { get; }

    /// <summary>For each value character, its offset in the token text; null when the value is the text between the quotes.</summary>
    public int[]? ValueToSource { get; }

    public IReadOnlyList<EscapeProblem> Problems { get; }

    /// <summary>
    /// Dequotes the token text of a string (quotes included; the closing quote may be missing when the string
    /// is unterminated).
    /// </summary>
    public static XlString Dequote(string tokenText, bool terminated)
    {
        var end = terminated ? tokenText.Length - 1 : tokenText.Length;
        if (end <= 1)
        {
            return new XlString(string.Empty, null, []);
        }

        if (tokenText.AsSpan(1, end - 1).IndexOf('\\') < 0)
        {
            return new XlString(tokenText[1..end], null, []);
        }

        var value = new StringBuilder(end);
        var map = new List<int>(end);
        var problems = new List<EscapeProblem>();
        var p = 1;
        while (p < end)
        {
            var c = tokenText[p];
            if (c != '\\' || p + 1 >= end)
            {
                map.Add(p);
                value.Append(c);
                p++;
                continue;
            }

            var escapeStart = p;
            var next = tokenText[p + 1];
            p += 2;
            var simple = SimpleEscape(next);
            if (simple is { } produced)
            {
                map.Add(escapeStart);
                value.Append(produced);
            }
            else if (next == 'x')
            {
                var length = Math.Min(4, end - escapeStart);
                problems.Add(new EscapeProblem(escapeStart, length,
                    ": xl's \\x escape is broken and refuses every use; write the character itself"));
                p = escapeStart + length;
            }
            else if (next is >= '0' and <= '7')
            {
                var consumed = StrtoulDecimalLength(tokenText, p, end);
                if (consumed <= 1)
                {
                    problems.Add(new EscapeProblem(escapeStart, Math.Min(2 + consumed, end - escapeStart),
                        ": xl reads an octal escape as three more digits and drops the character; write the character itself"));
                }

                p += consumed;
            }
            else
            {
                problems.Add(new EscapeProblem(escapeStart, 2, string.Empty));
            }
        }

        return new XlString(value.ToString(), [.. map], problems);
    }

    /// <summary>
    /// How many of the (at most three) characters at <paramref name="start"/> C's strtoul(s, &amp;end, 10)
    /// consumes: optional white space, an optional sign, then decimal digits; nothing when there are no digits.
    /// </summary>
    private static int StrtoulDecimalLength(string text, int start, int end)
    {
        // The copy xl makes is three characters long and may include the closing quote.
        var limit = Math.Min(start + 3, text.Length);
        var i = start;
        while (i < limit && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            i++;
        }

        if (i < limit && text[i] is '+' or '-')
        {
            i++;
        }

        var digitsStart = i;
        while (i < limit && i < end && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i == digitsStart ? 0 : i - start;
    }

    private static char? SimpleEscape(char c) => c switch
    {
        '"' or '\'' or '\\' => c,
        'a' => '\a',
        'b' => '\b',
        'f' => '\f',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\v',
        _ => null,
    };
}
