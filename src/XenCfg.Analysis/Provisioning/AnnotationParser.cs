using Microsoft.CodeAnalysis.Text;

namespace XenCfg.Analysis.Provisioning;

/// <summary>One <c>key=value</c> of an annotation; spans are offsets in the file.</summary>
/// <param name="Key">The key as written (keys are lower case; anything else is reported as unknown).</param>
/// <param name="Value">The value without its double quotes.</param>
/// <param name="KeySpan">Where the key is.</param>
/// <param name="ValueSpan">Where the value is (inside the quotes for a quoted value).</param>
public sealed record AnnotationItem(string Key, string Value, TextSpan KeySpan, TextSpan ValueSpan)
{
    /// <summary>The whole item, key to the end of the value (closing quote included).</summary>
    public TextSpan Span { get; init; }
}

/// <summary>A malformed part of an annotation (not <c>key=value</c>, an unclosed quote, a control character).</summary>
public sealed record AnnotationSyntaxProblem(TextSpan Span, string Message);

/// <summary>
/// A provisioning annotation: a comment <c># xcfg: key=value key="a value" ...</c>. It is a comment, so the file
/// stays valid for xl and xm; <c>xcfg provision</c> reads what the config itself cannot say (size, file system,
/// contents, snapshot origin, NFS client).
/// </summary>
/// <param name="CommentSpan">The whole comment, from <c>#</c> to the end of the line.</param>
/// <param name="Line">The 0-based line the comment is on.</param>
/// <param name="IsOwnLine">True when nothing but blanks precedes the comment on its line (it annotates the next line).</param>
/// <param name="Items">The key=value pairs in order.</param>
/// <param name="Problems">Syntax problems; items that could be read are still in <see cref="Items"/>.</param>
public sealed record ProvisioningAnnotation(TextSpan CommentSpan, int Line, bool IsOwnLine, IReadOnlyList<AnnotationItem> Items, IReadOnlyList<AnnotationSyntaxProblem> Problems);

/// <summary>
/// Reads the text of a comment as an annotation. The grammar, after <c>#</c>, optional blanks and <c>xcfg:</c>:
/// items separated by blanks (spaces or tabs); an item is <c>key=value</c>; a key is a lower-case letter followed
/// by lower-case letters, digits and <c>-</c>; a value is a run of characters other than blanks and <c>"</c>, or
/// <c>"</c>any characters but <c>"</c><c>"</c> (no escapes: a value cannot contain a double quote). Control
/// characters are refused everywhere (a path with a newline or an escape sequence is never what was meant).
/// </summary>
public static class AnnotationParser
{
    /// <summary>What marks a comment as an annotation (after <c>#</c> and blanks).</summary>
    public const string Marker = "xcfg:";

    /// <summary>True when the comment text (starting with <c>#</c>) is an annotation.</summary>
    public static bool IsAnnotation(string commentText) => MarkerEnd(commentText) >= 0;

    /// <summary>
    /// Parses <paramref name="commentText"/> (a whole comment, <c>#</c> included, as the lexer keeps it) found at
    /// <paramref name="commentStart"/> in the file; null when it is not an annotation.
    /// </summary>
    public static ProvisioningAnnotation? Parse(string commentText, int commentStart, int line, bool isOwnLine)
    {
        var start = MarkerEnd(commentText);
        if (start < 0)
        {
            return null;
        }

        // A CRLF file keeps the carriage return in the comment; it is the line end, not part of a value.
        var end = commentText.EndsWith('\r') ? commentText.Length - 1 : commentText.Length;
        var items = new List<AnnotationItem>();
        var problems = new List<AnnotationSyntaxProblem>();
        var position = start;
        while (true)
        {
            while (position < end && IsBlank(commentText[position]))
            {
                position++;
            }

            if (position >= end)
            {
                break;
            }

            var itemStart = position;
            while (position < end && !IsBlank(commentText[position]) && commentText[position] != '=' && commentText[position] != '"')
            {
                position++;
            }

            var key = commentText[itemStart..position];
            if (position >= end || commentText[position] != '=' || key.Length == 0)
            {
                var junkEnd = SkipItem(commentText, position, end);
                var text = commentText[itemStart..junkEnd];
                problems.Add(new AnnotationSyntaxProblem(new TextSpan(commentStart + itemStart, junkEnd - itemStart),
                    key.Length == 0
                        ? $"`{Printable(text)}` has no key: write key=value"
                        : $"`{Printable(text)}` is not key=value: every item of an annotation is key=value (a value with blanks goes in double quotes)"));
                position = junkEnd;
                continue;
            }

            position++; // '='
            int valueStart, valueEnd;
            if (position < end && commentText[position] == '"')
            {
                valueStart = position + 1;
                var close = commentText.IndexOf('"', valueStart, end - valueStart);
                if (close < 0)
                {
                    problems.Add(new AnnotationSyntaxProblem(new TextSpan(commentStart + position, end - position),
                        "the double quote is not closed: a quoted value ends with `\"` on the same line"));
                    break;
                }

                valueEnd = close;
                position = close + 1;
                if (position < end && !IsBlank(commentText[position]))
                {
                    var junkEnd = SkipItem(commentText, position, end);
                    problems.Add(new AnnotationSyntaxProblem(new TextSpan(commentStart + position, junkEnd - position),
                        $"`{Printable(commentText[position..junkEnd])}` follows the closing quote without a blank: put a blank between items"));
                    position = junkEnd;
                }
            }
            else
            {
                valueStart = position;
                while (position < end && !IsBlank(commentText[position]) && commentText[position] != '"')
                {
                    position++;
                }

                valueEnd = position;
                if (position < end && commentText[position] == '"')
                {
                    var junkEnd = SkipItem(commentText, position, end);
                    problems.Add(new AnnotationSyntaxProblem(new TextSpan(commentStart + itemStart, junkEnd - itemStart),
                        $"`{Printable(commentText[itemStart..junkEnd])}` has a double quote inside its value: quote the whole value, as key=\"value\""));
                    position = junkEnd;
                    continue;
                }
            }

            var value = commentText[valueStart..valueEnd];
            var controlAt = value.AsSpan().IndexOfAnyInRange('\0', '\x1f');
            if (controlAt < 0)
            {
                controlAt = value.IndexOf('\x7f', StringComparison.Ordinal);
            }

            if (controlAt >= 0)
            {
                problems.Add(new AnnotationSyntaxProblem(new TextSpan(commentStart + valueStart + controlAt, 1),
                    $"the value of `{key}` contains the control character U+{(int)value[controlAt]:X4}: values are refused with control characters"));
                continue;
            }

            items.Add(new AnnotationItem(key, value, new TextSpan(commentStart + itemStart, key.Length), TextSpan.FromBounds(commentStart + valueStart, commentStart + valueEnd))
            {
                Span = TextSpan.FromBounds(commentStart + itemStart, commentStart + position),
            });
        }

        if (items.Count == 0 && problems.Count == 0)
        {
            problems.Add(new AnnotationSyntaxProblem(new TextSpan(commentStart, end), "the annotation is empty: write key=value items after `xcfg:`, e.g. `# xcfg: size=2G fs=ext4`"));
        }

        return new ProvisioningAnnotation(new TextSpan(commentStart, end), line, isOwnLine, items, problems);
    }

    /// <summary>The offset just after <c>xcfg:</c>, or -1 when the comment is not an annotation.</summary>
    private static int MarkerEnd(string commentText)
    {
        if (commentText.Length == 0 || commentText[0] != '#')
        {
            return -1;
        }

        var position = 1;
        while (position < commentText.Length && IsBlank(commentText[position]))
        {
            position++;
        }

        return commentText.AsSpan(position).StartsWith(Marker, StringComparison.Ordinal) ? position + Marker.Length : -1;
    }

    /// <summary>Skips to the next blank outside double quotes (or the end), to resume after a malformed item.</summary>
    private static int SkipItem(string text, int position, int end)
    {
        var quoted = false;
        while (position < end && (quoted || !IsBlank(text[position])))
        {
            if (text[position] == '"')
            {
                quoted = !quoted;
            }

            position++;
        }

        return position;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';

    /// <summary>Text for a message: control characters shown as U+XXXX, so a message stays one safe line.</summary>
    internal static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString()));
}
