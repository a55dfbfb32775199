using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace XenCfg.Syntax.Text;

/// <summary>
/// Turns the bytes of a config file into text and back without losing a byte.
/// </summary>
/// <remarks>
/// xl reads its files as bytes and accepts any byte inside strings and comments, so a config may hold bytes
/// that are not UTF-8 (a Latin-1 host name in a comment, binary junk). We decode UTF-8 and hold every byte that
/// is not part of a valid UTF-8 sequence as the lone low surrogate U+DC80 + byte (the "surrogateescape" scheme of
/// Python's PEP 383). Valid UTF-8 never decodes to a lone surrogate, so the mapping is one-to-one and
/// <see cref="Encode"/> gives back the original bytes exactly, which is what lets `xcfg fmt` rewrite such a file
/// without damaging it. A byte-order mark is kept as the character U+FEFF, not stripped.
/// </remarks>
public static class ConfigFileEncoding
{
    private const char EscapeBase = '\uDC00';

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SourceText DecodeText(ReadOnlySpan<byte> bytes) => SourceText.From(Decode(bytes));

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return StrictUtf8.GetString(bytes);
        }

        var builder = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                builder.Append(rune.ToString());
            }
            else
            {
                // Escape only the first byte of an invalid sequence: the next one may start a valid character.
                consumed = 1;
                builder.Append((char)(EscapeBase + bytes[0]));
            }

            bytes = bytes[consumed..];
        }

        return builder.ToString();
    }

    public static byte[] Encode(string text)
    {
        if (!ContainsEscapedByte(text))
        {
            return StrictUtf8.GetBytes(text);
        }

        using var stream = new MemoryStream(text.Length + 16);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsEscapedByte(c))
            {
                stream.WriteByte((byte)(c - EscapeBase));
                continue;
            }

            Rune rune;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                rune = new Rune(c, text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // A lone surrogate that did not come from a byte (only an editor can produce one): store the
                // replacement character rather than invalid UTF-8.
                rune = Rune.ReplacementChar;
            }
            else
            {
                rune = new Rune(c);
            }

            var written = rune.EncodeToUtf8(buffer);
            stream.Write(buffer[..written]);
        }

        return stream.ToArray();
    }

    /// <summary>True for a character that holds a byte which was not valid UTF-8.</summary>
    public static bool IsEscapedByte(char c) => c is >= '\uDC80' and <= '\uDCFF';

    /// <summary>The byte held by an escaped character (see <see cref="IsEscapedByte"/>).</summary>
    public static byte EscapedByteValue(char c) => (byte)(c - EscapeBase);

    private static bool ContainsEscapedByte(string text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}
