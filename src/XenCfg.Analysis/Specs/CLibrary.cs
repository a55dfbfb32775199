namespace XenCfg.Analysis.Specs;

/// <summary>
/// The few C library conversions whose exact behaviour xl's parsers depend on
/// (glibc <c>strtoul</c>, <c>strtol</c>, <c>atoi</c>, <c>isspace</c>), written out so that our readings
/// agree with xl's on odd inputs such as <c>+1</c>, <c>-1</c>, <c>010</c> or leading blanks.
/// </summary>
internal static class CLibrary
{
    /// <summary>C <c>isspace</c> in the "C" locale.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>
    /// The result of a C integer conversion: the value, where the conversion stopped, and whether any
    /// digits were read (when not, C sets the end pointer back to the start of the string).
    /// </summary>
    public readonly record struct Conversion(ulong Value, int End, bool AnyDigits, bool Overflow, bool Negative);

    /// <summary>
    /// glibc <c>strtoul</c>/<c>strtoull</c> on 64 bits: leading white space, an optional sign, a base prefix when
    /// <paramref name="numberBase"/> is 0 or 16, then digits. Overflow gives <see cref="ulong.MaxValue"/>; a minus sign
    /// negates the result modulo 2^64 (so "-1" is ULONG_MAX).
    /// </summary>
    public static Conversion StrToUL(string s, int start, int numberBase)
    {
        int i = start;
        while (i < s.Length && IsSpace(s[i]))
            i++;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }

        int radix = numberBase;
        // "0x" counts as a prefix only when a hex digit follows; otherwise the "0" is the number.
        if ((radix == 0 || radix == 16) && i + 2 < s.Length && s[i] == '0'
            && (s[i + 1] == 'x' || s[i + 1] == 'X') && DigitValue(s[i + 2]) is >= 0 and < 16)
        {
            radix = 16;
            i += 2;
        }
        else if (radix == 0)
        {
            radix = i < s.Length && s[i] == '0' ? 8 : 10;
        }

        ulong value = 0;
        bool overflow = false;
        int digitsStart = i;
        while (i < s.Length)
        {
            int d = DigitValue(s[i]);
            if (d < 0 || d >= radix)
                break;
            if (!overflow)
            {
                ulong next = unchecked(value * (ulong)radix + (ulong)d);
                if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix)
                    overflow = true;
                else
                    value = next;
            }
            i++;
        }

        if (i == digitsStart)
            return new Conversion(0, start, false, false, negative);
        if (overflow)
            return new Conversion(ulong.MaxValue, i, true, true, negative);
        return new Conversion(negative ? unchecked(0UL - value) : value, i, true, false, negative);
    }

    /// <summary>glibc <c>atoi</c>: <c>(int)strtol(s, NULL, 10)</c>, with strtol saturating on 64 bits.</summary>
    public static int AtoI(string s)
    {
        int i = 0;
        while (i < s.Length && IsSpace(s[i]))
            i++;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }

        long value = 0;
        bool saturated = false;
        while (i < s.Length && s[i] is >= '0' and <= '9')
        {
            int d = s[i] - '0';
            if (!saturated)
            {
                if (value > (long.MaxValue - d) / 10)
                    saturated = true;
                else
                    value = value * 10 + d;
            }
            i++;
        }

        long result = saturated ? (negative ? long.MinValue : long.MaxValue) : (negative ? -value : value);
        return unchecked((int)result);
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>The part of <paramref name="s"/> that C code sees: everything before the first NUL.</summary>
    public static string UpToNul(string s)
    {
        int nul = s.IndexOf('\0', StringComparison.Ordinal);
        return nul < 0 ? s : s[..nul];
    }
}
