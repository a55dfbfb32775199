using System.Globalization;
using System.Text;
using XenCfg.Syntax;

namespace XenCfg.Cli.Output;

/// <summary>
/// JSON text in the exact layout of the oracle files made from Xen's own parser (Python's json.dumps style: ASCII
/// only, ", " and ": " separators), so `xcfg inspect --json` output can be diffed against them line by line.
/// </summary>
internal static class PythonStyleJson
{
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case < ' ' or > '~':
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    public static string Value(ConfigValue value) => value switch
    {
        StringConfigValue text => String(text.Value),
        ListConfigValue list => "[" + string.Join(",", list.Items.Select(Value)) + "]",
        _ => "null",
    };
}
