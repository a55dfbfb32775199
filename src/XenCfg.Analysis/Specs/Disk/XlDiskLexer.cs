using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace XenCfg.Analysis.Specs.Disk;

/// <summary>The scanner rules of xl's disk-spec lexer, in the order they appear in libxlu_disk_l.l.</summary>
internal enum XlDiskRule
{
    Blank,
    Format,
    Cdrom,
    DevtypeCdrom,
    DevtypeDisk,
    DevtypeOther,
    Access,
    Backend,
    BackendType,
    Specification,
    Vdev,
    Script,
    DirectIoSafe,
    Discard,
    NoDiscard,
    Colo,
    NoColo,
    ColoHost,
    ColoPort,
    ColoExport,
    ActiveDisk,
    HiddenDisk,
    Trusted,
    Untrusted,
    GrantUsageOn,
    GrantUsageOff,
    Target,
    UnknownParameter,
    FormatPrefix,
    ScriptPrefix,
    TapdiskPrefix,
    TapPrefix,
    AioPrefix,
    IoemuPrefix,
    FilePrefix,
    PhyPrefix,
    UnknownPrefix,
    Positional,
    Stray,
}

/// <summary>What stopped the scanner after a stray character (flex's <c>LEXERR</c> state).</summary>
internal enum StrayOutcome
{
    /// <summary>Not a stray-character token.</summary>
    None,
    /// <summary>The rest of the line was taken as the erroneous text ("bad disk syntax").</summary>
    BadSyntax,
    /// <summary>The stray character was the last one: flex reaches the end and stops without a word.</summary>
    SilentEnd,
    /// <summary>A newline followed: no rule of the LEXERR state matches it and flex aborts ("flex scanner jammed").</summary>
    Jammed,
}

/// <summary>One token: the rule that won and the text it took (flex's yytext, trailing context excluded).</summary>
internal readonly record struct XlDiskToken(XlDiskRule Rule, int Start, int End, StrayOutcome Stray = StrayOutcome.None)
{
    public int Length => End - Start;
}

/// <summary>
/// A re-implementation of the flex scanner in Xen's tools/libs/util/libxlu_disk_l.l. Each rule's pattern is
/// a small Pidgin parser; at every position all rules are tried and, as in flex, the longest match wins and a
/// tie goes to the rule listed first. Trailing context (<c>r/s</c>) counts towards the length but is not taken,
/// which is how the legacy-prefix rules (<c>phy:/.*</c>) beat the positional rule. Flex's <c>.</c> does not
/// match a newline, so "to the end of the line" is computed from a newline table rather than scanned, keeping
/// the whole scan linear.
/// </summary>
internal sealed class XlDiskLexer
{
    /// <summary>How a rule matched: the length it takes, and where its <c>.*</c> trailing context starts (-1: none).</summary>
    private readonly record struct Shape(int Head, int TrailFrom);

    /// <summary>
    /// A cheap test the text must pass for the rule's pattern to match (its first character, or its literal
    /// prefix): only a necessary condition, so skipping the Pidgin parser when it fails changes no result, and the
    /// many rules that cannot match at a position cost no parse (and no failed-parse error) each.
    /// </summary>
    private delegate bool Prefilter(ReadOnlySpan<char> rest);

    private sealed record Rule(XlDiskRule Kind, Prefilter MayMatch, Parser<char, Shape> Pattern)
    {
        /// <summary>The longest match the pattern can make: a rule that cannot beat the best so far is not tried.</summary>
        public int MaxLength { get; init; } = int.MaxValue;

        public Rule(XlDiskRule kind, Func<char, bool> canStart, Parser<char, Shape> pattern)
            : this(kind, rest => canStart(rest[0]), pattern)
        {
        }
    }

    private static readonly Parser<char, Unit> OptionalComma = Char(',').Optional().IgnoreResult();
    private static readonly Parser<char, Unit> UpToComma = Token(c => c != ',').SkipMany();

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\n';
    private static bool IsLower(char c) => c is >= 'a' and <= 'z';
    private static bool IsLowerOrDigit(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

    private static Parser<char, Shape> Taking(Parser<char, Unit> pattern) =>
        pattern.Then(CurrentOffset).Select(end => new Shape(end, -1));

    /// <summary><c>PATTERN/.*</c>: the match counts as reaching the end of the line.</summary>
    private static Parser<char, Shape> TakingWithRestOfLine(Parser<char, Unit> pattern) =>
        pattern.Then(CurrentOffset).Select(end => new Shape(end, end));

    /// <summary><c>name=[^,]*,?</c></summary>
    private static Rule Keyword(XlDiskRule kind, string name)
    {
        var head = name + "=";
        return new(kind, rest => rest.StartsWith(head, StringComparison.Ordinal), Taking(String(head).Then(UpToComma).Then(OptionalComma)));
    }

    /// <summary><c>text,?</c> for flags and fixed values such as <c>devtype=cdrom</c>.</summary>
    private static Rule Fixed(XlDiskRule kind, string text) =>
        new(kind, rest => rest.StartsWith(text, StringComparison.Ordinal), Taking(String(text).Then(OptionalComma)));

    /// <summary><c>(alternatives):/.*</c> for the deprecated prefixes.</summary>
    private static Rule Prefix(XlDiskRule kind, params string[] words)
    {
        // The pattern takes the first word that is a prefix and then needs ':', so some word followed by ':' must start the text.
        var heads = words.Select(w => w + ":").ToArray();
        return new(kind, rest => MatchesAny(rest, heads),
            TakingWithRestOfLine(OneOf(words.Select(w => Try(String(w)))).Then(Char(':')).IgnoreResult()));
    }

    private static bool MatchesAny(ReadOnlySpan<char> rest, string[] heads)
    {
        foreach (var head in heads)
        {
            if (rest.StartsWith(head, StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    /// <summary>
    /// Whether the text starts with <c>[a-z]</c>, then characters of <paramref name="inName"/>, then
    /// <paramref name="end"/>: the head every <c>[a-z][...]*=</c> or <c>[a-z][...]*:</c> pattern needs.
    /// </summary>
    private static bool StartsWithName(ReadOnlySpan<char> rest, Func<char, bool> inName, char end)
    {
        if (!IsLower(rest[0]))
            return false;
        int i = 1;
        while (i < rest.Length && inName(rest[i]))
            i++;
        return i < rest.Length && rest[i] == end;
    }

    private static readonly Rule[] Rules =
    [
        // [ \t\n]+/([^ \t\n].*)?  -- blanks before a parameter; the optional context is the rest of the line.
        new(XlDiskRule.Blank, IsBlank,
            Token(IsBlank).SkipAtLeastOnce().Then(CurrentOffset)
                .Then(Lookahead(Any).Optional(), (end, next) => new Shape(end, next.HasValue ? end : -1))),
        Keyword(XlDiskRule.Format, "format"),
        Fixed(XlDiskRule.Cdrom, "cdrom"),
        Fixed(XlDiskRule.DevtypeCdrom, "devtype=cdrom"),
        Fixed(XlDiskRule.DevtypeDisk, "devtype=disk"),
        Keyword(XlDiskRule.DevtypeOther, "devtype"),
        Keyword(XlDiskRule.Access, "access"),
        Keyword(XlDiskRule.Backend, "backend"),
        Keyword(XlDiskRule.BackendType, "backendtype"),
        Keyword(XlDiskRule.Specification, "specification"),
        Keyword(XlDiskRule.Vdev, "vdev"),
        Keyword(XlDiskRule.Script, "script"),
        Fixed(XlDiskRule.DirectIoSafe, "direct-io-safe"),
        Fixed(XlDiskRule.Discard, "discard"),
        Fixed(XlDiskRule.NoDiscard, "no-discard"),
        Fixed(XlDiskRule.Colo, "colo"),
        Fixed(XlDiskRule.NoColo, "no-colo"),
        Keyword(XlDiskRule.ColoHost, "colo-host"),
        Keyword(XlDiskRule.ColoPort, "colo-port"),
        Keyword(XlDiskRule.ColoExport, "colo-export"),
        Keyword(XlDiskRule.ActiveDisk, "active-disk"),
        Keyword(XlDiskRule.HiddenDisk, "hidden-disk"),
        Fixed(XlDiskRule.Trusted, "trusted"),
        Fixed(XlDiskRule.Untrusted, "untrusted"),
        Fixed(XlDiskRule.GrantUsageOn, "grant_usage=1"),
        Fixed(XlDiskRule.GrantUsageOff, "grant_usage=0"),
        // target=.*  -- the rest of the line, commas included.
        new(XlDiskRule.Target, rest => rest.StartsWith("target=", StringComparison.Ordinal), Taking(String("target=").Then(Token(c => c != '\n').SkipMany()))),
        // [a-z][-a-z0-9]*=[^,],?  -- note: exactly one character of the value.
        new(XlDiskRule.UnknownParameter, rest => StartsWithName(rest, c => IsLowerOrDigit(c) || c == '-', '='),
            Taking(Token(IsLower).Then(Token(c => IsLowerOrDigit(c) || c == '-').SkipMany())
                .Then(Char('=')).Then(Token(c => c != ',')).Then(OptionalComma))),
        Prefix(XlDiskRule.FormatPrefix, "raw", "qcow2", "qcow", "vhd"),
        Prefix(XlDiskRule.ScriptPrefix, "iscsi", "enbd", "nbd", "drbd"),
        Prefix(XlDiskRule.TapdiskPrefix, "tapdisk"),
        Prefix(XlDiskRule.TapPrefix, "tap2", "tap"),
        Prefix(XlDiskRule.AioPrefix, "aio"),
        Prefix(XlDiskRule.IoemuPrefix, "ioemu"),
        Prefix(XlDiskRule.FilePrefix, "file"),
        Prefix(XlDiskRule.PhyPrefix, "phy"),
        // [a-z][a-z0-9]*:/([^a-z0-9].*)?
        new(XlDiskRule.UnknownPrefix, rest => StartsWithName(rest, IsLowerOrDigit, ':'),
            Token(IsLower).Then(Token(IsLowerOrDigit).SkipMany()).Then(Char(':')).Then(CurrentOffset)
                .Then(Lookahead(Token(c => !IsLowerOrDigit(c))).Optional(),
                    (end, next) => new Shape(end, next.HasValue ? end + 1 : -1))),
        // [^=,]*,|[^=,]+,?  -- a positional parameter (an empty one needs its comma).
        new(XlDiskRule.Positional, c => c != '=',
            Token(c => c != '=' && c != ',').SkipMany().Then(CurrentOffset)
                .Then(Char(',').Optional(), (end, comma) => new Shape(comma.HasValue ? end + 1 : end, -1))),
        // .  -- anything else; flex then enters LEXERR and takes the rest of the line.
        new(XlDiskRule.Stray, c => c != '\n', Taking(Token(c => c != '\n').IgnoreResult())) { MaxLength = 1 },
    ];

    private readonly string _text;
    private readonly int[] _lineEnd;

    public XlDiskLexer(string text)
    {
        _text = text;
        // _lineEnd[i]: index of the first '\n' at or after i (or the length): where a ".*" starting at i stops.
        _lineEnd = new int[text.Length + 1];
        _lineEnd[text.Length] = text.Length;
        for (int i = text.Length - 1; i >= 0; i--)
            _lineEnd[i] = text[i] == '\n' ? i : _lineEnd[i + 1];
    }

    /// <summary>The token that starts at <paramref name="position"/>, which must be inside the text.</summary>
    public XlDiskToken Next(int position)
    {
        var rest = _text.AsSpan(position);
        XlDiskRule bestRule = XlDiskRule.Stray;
        int bestTotal = 0;
        int bestHead = 0;
        foreach (var rule in Rules)
        {
            // A tie goes to the earlier rule, so a rule must match more than the best so far to win.
            if (rule.MaxLength <= bestTotal || !rule.MayMatch(rest))
                continue;
            var result = rule.Pattern.Parse(rest);
            if (!result.Success)
                continue;
            var shape = result.Value;
            int total = shape.TrailFrom < 0 ? shape.Head : _lineEnd[position + shape.TrailFrom] - position;
            if (total > bestTotal)
            {
                bestRule = rule.Kind;
                bestTotal = total;
                bestHead = shape.Head;
            }
        }

        int start = position;
        if (bestRule != XlDiskRule.Stray)
            return new XlDiskToken(bestRule, start, start + bestHead);

        // The stray character starts flex's LEXERR state, whose only rule is ".*" (yymore keeps the stray char).
        // The only character every other rule refuses is '=' (a newline always matches the blank rule).
        int after = start + 1;
        if (after >= _text.Length)
            return new XlDiskToken(XlDiskRule.Stray, start, after, StrayOutcome.SilentEnd);
        int lineEnd = _lineEnd[after];
        return lineEnd > after
            ? new XlDiskToken(XlDiskRule.Stray, start, lineEnd, StrayOutcome.BadSyntax)
            : new XlDiskToken(XlDiskRule.Stray, start, after, StrayOutcome.Jammed);
    }
}
