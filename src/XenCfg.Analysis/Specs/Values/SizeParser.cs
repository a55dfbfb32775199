using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace XenCfg.Analysis.Specs.Values;

/// <summary>Problems in a size such as <c>512M</c>.</summary>
public enum SizeProblemKind
{
    /// <summary>Nothing written.</summary>
    Empty,
    /// <summary>Not a number with an optional unit letter.</summary>
    BadSyntax,
    /// <summary>Too large for 64 bits of bytes.</summary>
    Overflow,
}

/// <summary>The unit a size without a suffix is counted in.</summary>
public enum SizeUnit
{
    /// <summary>Bytes (<c>b</c>).</summary>
    Bytes,
    /// <summary>512-byte sectors (<c>s</c>).</summary>
    Sectors,
    /// <summary>KiB (<c>k</c>).</summary>
    Kibibytes,
    /// <summary>MiB (<c>m</c>), LVM's default for <c>-L</c>.</summary>
    Mebibytes,
    /// <summary>GiB (<c>g</c>).</summary>
    Gibibytes,
    /// <summary>TiB (<c>t</c>).</summary>
    Tebibytes,
    /// <summary>PiB (<c>p</c>).</summary>
    Pebibytes,
    /// <summary>EiB (<c>e</c>).</summary>
    Exbibytes,
}

/// <summary>A size in bytes.</summary>
/// <param name="Bytes">The number of bytes.</param>
public readonly record struct ByteSize(ulong Bytes)
{
    /// <summary>The size in whole MiB, rounded up.</summary>
    public ulong Mebibytes => (Bytes + (1UL << 20) - 1) >> 20;

    /// <summary>The shortest exact spelling with a power-of-two suffix (<c>2G</c>, <c>1536M</c>, <c>100b</c>).</summary>
    public override string ToString()
    {
        foreach (var (letter, shift) in new[] { ('E', 60), ('P', 50), ('T', 40), ('G', 30), ('M', 20), ('K', 10) })
        {
            if (Bytes != 0 && Bytes % (1UL << shift) == 0)
                return (Bytes >> shift).ToString(CultureInfo.InvariantCulture) + letter;
        }

        return Bytes.ToString(CultureInfo.InvariantCulture) + "b";
    }
}

/// <summary>
/// Sizes as LVM reads <c>lvcreate -L</c>: a number (fractions allowed) and an optional unit letter,
/// upper or lower case alike, all powers of two: b bytes, s 512-byte sectors, k, m, g, t, p, e
/// (KiB ... EiB). Without a letter the caller's default unit applies (MiB for <c>-L</c>). Suffixes such as
/// <c>GB</c> or <c>GiB</c> are refused, as LVM refuses them.
/// </summary>
public static class SizeParser
{
    private static readonly Parser<char, (string Number, char? Unit)> Size =
        Map((whole, fraction, unit) => (fraction.HasValue ? whole + "." + fraction.Value : whole, unit.HasValue ? char.ToLowerInvariant(unit.Value) : (char?)null),
            Token(char.IsAsciiDigit).AtLeastOnceString(),
            Char('.').Then(Token(char.IsAsciiDigit).AtLeastOnceString()).Optional(),
            CIOneOf('b', 's', 'k', 'm', 'g', 't', 'p', 'e').Optional().Before(End));

    /// <summary>Reads <paramref name="text"/>. Never throws.</summary>
    public static ParsedValue<ByteSize, SizeProblemKind> Parse(string text, SizeUnit defaultUnit = SizeUnit.Mebibytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var whole = new TextSpan(0, text.Length);
        if (text.Length == 0)
            return Fail(SizeProblemKind.Empty, whole, "The size is empty. Write a number and a unit, e.g. `512M` or `2G`.");
        var parsed = Size.Parse(text);
        if (!parsed.Success)
        {
            string hint = SuggestFor(text);
            return Fail(SizeProblemKind.BadSyntax, whole, $"`{text}` is not a size LVM reads. Write a number and one unit letter (b, s, k, m, g, t, p, e; powers of two){hint}.");
        }

        var (number, unit) = parsed.Value;
        int shift = (unit ?? LetterOf(defaultUnit)) switch
        {
            'b' => 0,
            's' => 9,
            'k' => 10,
            'm' => 20,
            'g' => 30,
            't' => 40,
            'p' => 50,
            _ => 60,
        };
        decimal value;
        try
        {
            // An exact power of two: a double converted to decimal keeps only 15 digits (2^60 would become 1152921504606850000).
            value = decimal.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * (1UL << shift);
        }
        catch (OverflowException)
        {
            return Fail(SizeProblemKind.Overflow, whole, $"`{text}` is too large. Use a larger unit or a smaller number.");
        }

        value = decimal.Ceiling(value);
        if (value > ulong.MaxValue)
            return Fail(SizeProblemKind.Overflow, whole, $"`{text}` is more than 16 EiB. Use a smaller size.");
        return new(new ByteSize((ulong)value), []);
    }

    private static char LetterOf(SizeUnit unit) => unit switch
    {
        SizeUnit.Bytes => 'b',
        SizeUnit.Sectors => 's',
        SizeUnit.Kibibytes => 'k',
        SizeUnit.Mebibytes => 'm',
        SizeUnit.Gibibytes => 'g',
        SizeUnit.Tebibytes => 't',
        SizeUnit.Pebibytes => 'p',
        _ => 'e',
    };

    private static string SuggestFor(string text)
    {
        string trimmed = text.Trim();
        foreach (string suffix in new[] { "iB", "ib", "B" })
        {
            if (trimmed.Length > suffix.Length + 1 && trimmed.EndsWith(suffix, StringComparison.Ordinal)
                && "KkMmGgTtPpEe".Contains(trimmed[^(suffix.Length + 1)], StringComparison.Ordinal))
            {
                return $": write `{trimmed[..^suffix.Length]}`";
            }
        }

        return ", e.g. `512M` or `2G`";
    }

    private static ParsedValue<ByteSize, SizeProblemKind> Fail(SizeProblemKind kind, TextSpan span, string message) =>
        new(null, [new SpecProblem<SizeProblemKind>(kind, span, message) { IsFatal = true }]);
}
