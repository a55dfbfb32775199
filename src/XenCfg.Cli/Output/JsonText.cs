using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace XenCfg.Cli.Output;

/// <summary>Shared settings and helpers for the JSON formats (json, sarif).</summary>
internal static class JsonText
{
    /// <summary>
    /// Indented with "\n" on every platform; only what JSON requires is escaped (quotes, backslashes, control
    /// characters), so messages with backticks, quotes and non-ASCII text stay readable.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Replaces unpaired surrogates with U+FFFD. Bytes of a config that are not UTF-8 are held as U+DC80–U+DCFF
    /// (see ConfigFileEncoding), which JSON, being Unicode, cannot carry; a message quoting them shows the
    /// replacement character instead.
    /// </summary>
    public static string Clean(string text)
    {
        var index = IndexOfUnpairedSurrogate(text);
        if (index < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Writes the UTF-8 JSON in <paramref name="buffer"/> to <paramref name="output"/>, ending with a newline.</summary>
    public static void WriteUtf8(TextWriter output, MemoryStream buffer)
    {
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Write('\n');
    }

    private static int IndexOfUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }
}
