
namespace XenCfg.Syntax.Diagnostics;

/// <summary>
/// The syntax layer's part of the diagnostic catalogue: XCFG0001–XCFG0099. Every one of them makes xl refuse
/// the file (Xen's parser: tools/libs/util/libxlu_cfg_l.l and libxlu_cfg_y.y). Those tagged
/// <see cref="DiagnosticTags.AcceptedByXm"/> were fine for xm, which ran the file as Python, and are warnings
/// under the xm dialect.
/// </summary>
public static class SyntaxDiagnostics
{
    private const string Category = "Syntax";
    private const string Xl = DiagnosticTags.RejectedByXl;
    private const string Xm = DiagnosticTags.AcceptedByXm;

    public static readonly DiagnosticDescriptor UnexpectedCharacter = Create(
        "XCFG0001", "Character xl cannot read",
        "{0} cannot appear here: xl reads only keys, `=`, `+=`, quoted strings, numbers, [lists], `,`, `;` and # comments{1}",
        "xl's lexer knows a handful of tokens; any other character outside a string or comment is a lexical error " +
        "and xl refuses the whole file. Put text inside quotes, or remove the character.",
        Xl);

    public static readonly DiagnosticDescriptor CarriageReturn = Create(
        "XCFG0002", "Windows line ending",
        "line ends with a carriage return (a Windows CRLF line ending{0}); xl accepts only LF: convert the file with `dos2unix` or set your editor to LF",
        "xl treats a carriage return as an unknown character (only inside a # comment is it harmless). A file " +
        "saved with CRLF line endings is refused with 'lexical error'. The first such line is reported, with the count.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor ByteOrderMark = Create(
        "XCFG0003", "Byte-order mark",
        "the file starts with a UTF-8 byte-order mark, which xl rejects: save the file as UTF-8 without a BOM",
        "xl reads bytes, and the three bytes of a UTF-8 byte-order mark are not a token it knows.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor CommentWithoutNewline = Create(
        "XCFG0004", "Comment on the last line without a newline",
        "the file ends in a comment with no newline after it; xl rejects this: add a newline at the end of the file",
        "In xl's lexer a comment runs from '#' up to and including the newline. A comment on the last line with " +
        "no final newline does not match and becomes a lexical error.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor NulCharacter = Create(
        "XCFG0005", "NUL byte",
        "NUL byte{0}: xl cannot read it{1}; remove it",
        "A NUL byte outside a string is a lexical error in xl; inside a string it makes xl abort. The file is " +
        "probably binary or damaged.");

    public static readonly DiagnosticDescriptor UpperCaseKey = Create(
        "XCFG0010", "Key with upper-case letters",
        "`{0}` is not a key xl can read: keys are lower case ([a-z][._0-9a-z]*); write `{1}`. Under xm this was a Python variable, not a setting",
        "xl keys start with a lower-case letter and contain only lower-case letters, digits, '_' and '.'. xm ran " +
        "the file as Python, where 'Name' is a variable distinct from the setting 'name'.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor InvalidKeyCharacter = Create(
        "XCFG0011", "Key with a character keys cannot have",
        "`{0}` is not a key xl can read: keys contain only lower-case letters, digits, `_` and `.`; xl reads `{1}` and fails at `{2}`",
        "xl keys match [a-z][._0-9a-z]*. A '-' (or another character) in a key is a lexical error.",
        Xl);

    public static readonly DiagnosticDescriptor MissingEquals = Create(
        "XCFG0012", "Missing '='",
        "expected `=` or `+=` after the key `{0}`; write `{0} = value`",
        "Every setting has the form 'key = value' or 'key += value'.",
        Xl);

    public static readonly DiagnosticDescriptor MissingValue = Create(
        "XCFG0013", "Missing value",
        "expected a value after `{0}`: a quoted string, a number or a [list] on the same line",
        "The value must start on the same line as the '='. Text values are quoted: name = \"vm1\".",
        Xl);

    public static readonly DiagnosticDescriptor MissingSemicolon = Create(
        "XCFG0014", "Two settings on one line",
        "a second setting starts on the same line: put `;` before it or start a new line",
        "In xl a setting ends at the end of the line or at ';'. Two settings on one line need ';' between them.",
        Xl);

    public static readonly DiagnosticDescriptor UnexpectedAfterValue = Create(
        "XCFG0015", "Unexpected text after a value",
        "unexpected {0} after the value of `{1}`: a setting ends at the end of the line or at `;`",
        "Only a newline, ';' or a comment may follow a setting's value on its line.",
        Xl);

    public static readonly DiagnosticDescriptor StatementWithoutKey = Create(
        "XCFG0016", "Line does not start with a key",
        "expected a setting `key = value` but found {0}; remove it or put a key in front of it",
        "Each line of an xl config is empty, a comment, or settings of the form 'key = value'.",
        Xl);

    public static readonly DiagnosticDescriptor UnterminatedString = Create(
        "XCFG0020", "Unterminated string",
        "string is not closed: add the closing {0} before the end of the line (a string cannot span lines)",
        "xl strings are '...' or \"...\" on a single line.",
        Xl);

    public static readonly DiagnosticDescriptor InvalidEscape = Create(
        "XCFG0021", "Escape xl rejects",
        "`{0}` in a string is rejected by xl{1}; write `\\\\` for a literal backslash",
        "xl's string reader accepts \\\\ \\' \\\" \\a \\b \\f \\n \\r \\t \\v and octal escapes; any other character " +
        "after a backslash makes it refuse the file. Its hexadecimal escape (\\x) is always refused, whatever follows.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor UnterminatedList = Create(
        "XCFG0030", "Unclosed list",
        "list is not closed: add `]`{0}",
        "A list opened with '[' must be closed with ']'. Lists may span several lines.",
        Xl);

    public static readonly DiagnosticDescriptor MissingComma = Create(
        "XCFG0031", "Missing ','",
        "missing `,` between list elements: add `,` after this element",
        "List elements are separated by commas; a trailing comma before ']' is allowed.",
        Xl);

    public static readonly DiagnosticDescriptor UnexpectedInList = Create(
        "XCFG0032", "Unexpected text in a list",
        "unexpected {0} in a list: elements are quoted strings, numbers or [lists] separated by `,`",
        "A list holds values separated by commas, over one or several lines.",
        Xl);

    public static readonly DiagnosticDescriptor EmptyListElement = Create(
        "XCFG0033", "Empty list element",
        "empty list element: remove this `,`",
        "xl allows one trailing comma before ']' but no empty element between commas, and no leading comma.",
        Xl);

    public static readonly DiagnosticDescriptor NestingTooDeep = Create(
        "XCFG0034", "Lists nested too deeply",
        "lists are nested more than {0} levels deep; xl's parser runs out of stack on such input: flatten the value",
        "No Xen setting uses more than two levels of lists. Deeper nesting is read as an error, without recursion.",
        Xl);

    public static readonly DiagnosticDescriptor AppendTypeMismatch = Create(
        "XCFG0040", "'+=' mixes a list and a string",
        "`+=` adds a {0} to the {1} set earlier for `{2}`; xl refuses the file (\"can't add [list] to \\\"string\\\" or vice versa\"): make both lists or both strings",
        "key += value concatenates with the earlier value of the same key: a string with a string, a list with a list.",
        Xl);

    public static readonly DiagnosticDescriptor PythonStatement = Create(
        "XCFG0050", "Python statement",
        "Python `{0}` statement: xl does not run Python; {1}",
        "xm executed the config as Python, so imports, functions and conditionals worked. xl reads only settings " +
        "and refuses the file. Compute the values and write them as plain settings.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor PythonOperator = Create(
        "XCFG0051", "Python expression",
        "Python expression `{0}`: xl cannot compute values; write the result{1}",
        "xm evaluated arithmetic and concatenation; xl reads only literal values.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor PythonFormatting = Create(
        "XCFG0052", "Python string formatting",
        "Python string formatting (`%`): xl cannot format strings; write the finished string",
        "\"vm%d\" % vmid worked under xm, which ran Python; xl refuses it.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor PythonName = Create(
        "XCFG0053", "Bare word",
        "bare word `{0}`: xm read it as a Python variable and xl rejects it; if it is text, quote it: `\"{0}\"`",
        "Text values must be quoted in xl. Under xm a bare word was a Python variable reference.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor PythonConstant = Create(
        "XCFG0054", "Python constant",
        "Python `{0}`: xl has no such value; {1}",
        "xl has no booleans or None: booleans are the numbers 1 and 0; leave a setting out to keep its default.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor PythonCall = Create(
        "XCFG0055", "Python function call",
        "Python call `{0}(...)`: xl cannot call functions; write the value it returns",
        "xm ran functions such as os.uname() or int(); xl reads only literal values.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor PythonFloat = Create(
        "XCFG0056", "Decimal fraction",
        "`{0}` is a decimal fraction: xl reads only whole numbers; write a whole number{1}",
        "xl numbers are integers (decimal, octal with a leading 0, hexadecimal with 0x).",
        Xl, Xm);

    public static readonly DiagnosticDescriptor NegativeNumber = Create(
        "XCFG0057", "Negative number",
        "`{0}`: xl has no negative numbers and rejects `-`; quote it (`\"{0}\"`) if the setting takes text",
        "xl's lexer has no minus sign; a negative value can only be written as a string.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor TripleQuotedString = Create(
        "XCFG0058", "Triple-quoted string",
        "triple-quoted string: xl reads only single-line '...' or \"...\" strings; write it on one line",
        "Python's '''...''' and \"\"\"...\"\"\" strings may span lines; xl's may not.",
        Xl, Xm);

    public static readonly DiagnosticDescriptor PythonBracket = Create(
        "XCFG0059", "Python tuple or dictionary",
        "Python {0} `{1}`: xl reads only [lists] of strings and numbers; {2}",
        "xm accepted tuples and dictionaries; xl has only lists written with [ ].",
        Xl, Xm);

    public static readonly DiagnosticDescriptor MalformedNumber = Create(
        "XCFG0060", "Number xl cannot read",
        "`{0}` is not a number xl can read{1}",
        "xl numbers are digits: decimal (512), octal with a leading 0 (0750), hexadecimal with 0x and lower-case " +
        "digits (0x1f). Units are not allowed: memory is given in MiB as a plain number.",
        Xl);

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        UnexpectedCharacter, CarriageReturn, ByteOrderMark, CommentWithoutNewline, NulCharacter,
        UpperCaseKey, InvalidKeyCharacter, MissingEquals, MissingValue, MissingSemicolon, UnexpectedAfterValue,
        StatementWithoutKey, UnterminatedString, InvalidEscape, UnterminatedList, MissingComma, UnexpectedInList,
        EmptyListElement, NestingTooDeep, AppendTypeMismatch, PythonStatement, PythonOperator, PythonFormatting,
        PythonName, PythonConstant, PythonCall, PythonFloat, NegativeNumber, TripleQuotedString, PythonBracket,
        MalformedNumber,
    ];

    private static DiagnosticDescriptor Create(string id, string title, string message, string description, params string[] tags)
    {
        // Every syntax finding stops xl; the tag says so explicitly so callers never infer it from the ID range.
        var allTags = tags.Contains(Xl) ? tags : [Xl, .. tags];
        return DescriptorFactory.Create(id, title, message, Category, DiagnosticSeverity.Error, description, allTags);
    }
}
