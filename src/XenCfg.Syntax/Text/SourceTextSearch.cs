using System.Buffers;
using Microsoft.CodeAnalysis.Text;

namespace XenCfg.Syntax.Text;

/// <summary>Questions about a <see cref="SourceText"/> answered without copying it into one string.</summary>
public static class SourceTextSearch
{
    private const int Chunk = 4096;

    /// <summary>
    /// Whether <paramref name="value"/> occurs in the text (ordinal). Rules ask it before walking every token's
    /// trivia for a rare kind of comment; a text built by edits (the language server's) would otherwise be copied
    /// into a new string for each question.
    /// </summary>
    public static bool Contains(SourceText text, string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        var window = Chunk + value.Length - 1;
        var buffer = ArrayPool<char>.Shared.Rent(window);
        try
        {
            for (var start = 0; start < text.Length; start += Chunk)
            {
                // Each window overlaps the next by the value's length less one, so a match across a boundary is seen.
                var count = Math.Min(window, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                if (buffer.AsSpan(0, count).IndexOf(value, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
