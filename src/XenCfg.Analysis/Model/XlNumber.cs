namespace XenCfg.Analysis.Model;

/// <summary>Why a value is not a number xl can use.</summary>
public enum XlNumberProblem
{
    None,

    /// <summary>Not all of the text is a number (xl: "is not a valid number").</summary>
    NotANumber,

    /// <summary>Outside the range of a C long (xl: "could not be parsed as a number: Numerical result out of range").</summary>
    OutOfRange,
}

/// <summary>An integer read the way xl reads one.</summary>
/// <param name="Value">The value, when there is no problem.</param>
/// <param name="IsOctal">The text has a leading 0 and more digits, so C reads it in base 8 (0512 is 330).</param>
public readonly record struct XlNumber(long Value, XlNumberProblem Problem, bool IsOctal)
{
    /// <summary>
    /// Reads an integer as xl does: C's <c>strtol(text, &amp;end, 0)</c> on a 64-bit host, then "every character
    /// must be used" (tools/libs/util/libxlu_cfg.c, xlu_cfg_get_bounded_long). So <c>0x10</c> is 16, <c>010</c>
    /// is 8, <c>08</c>, <c>1e5</c> and <c>512M</c> are not numbers, and leading blanks and a sign are accepted.
    /// </summary>
    public static XlNumber Parse(string text)
    {
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            i++;
        }

        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var numberBase = 10;
        var isOctal = false;
        if (i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 2]))
        {
            numberBase = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == '0')
        {
            numberBase = 8;
            isOctal = i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
        }

        var digitsStart = i;
        var magnitude = 0UL;
        var overflow = false;
        while (i < text.Length && DigitValue(text[i]) is var digit && digit < numberBase)
        {
            if (magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)numberBase)
            {
                overflow = true;
            }
            else
            {
                magnitude = (magnitude * (ulong)numberBase) + (ulong)digit;
            }

            i++;
        }

        if (i == digitsStart || i != text.Length)
        {
            return new XlNumber(0, XlNumberProblem.NotANumber, isOctal);
        }

        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        if (overflow || magnitude > limit)
        {
            return new XlNumber(0, XlNumberProblem.OutOfRange, isOctal);
        }

        var value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return new XlNumber(value, XlNumberProblem.None, isOctal);
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => int.MaxValue,
    };
}
