using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// Semantic tokens for the inside of disk and vif strings, which a TextMate grammar can only guess at (it cannot
/// count positional parameters, nor know the dialect): from the parsers' own reading, xl's (or xm's under the xm
/// dialect). The rest of the file is left to the grammar. Only the standard token types of the legend are used, so
/// every theme colours them:
/// <list type="bullet">
/// <item><c>keyword</c>: a disk's legacy prefix (<c>phy</c>, <c>tap</c>, <c>aio</c>, …), flags (<c>cdrom</c>, <c>discard</c>, a vdev's <c>:cdrom</c>), vif flags (<c>trusted</c>);</item>
/// <item><c>property</c>: a parameter name before <c>=</c> (<c>format</c>, <c>vdev</c>, <c>target</c>, <c>mac</c>, <c>bridge</c>, …); <c>operator</c>: its <c>=</c>;</item>
/// <item><c>enumMember</c>: values from a fixed set (format, access, devtype, backendtype, specification, xm's mode; vif type and model);</item>
/// <item><c>variable</c>: names (the vdev, backend domain, script; vif bridge, vifname, script, backend, …);</item>
/// <item><c>string</c>: the target; <c>number</c>: a vif's mac, ip, rate, mtu and devid.</item>
/// </list>
/// Tokens never span lines and never overlap; the legend has no modifiers.
/// </summary>
internal static class SemanticTokensProvider
{
    public static readonly SemanticTokensLegend Legend = new(["keyword", "property", "operator", "enumMember", "variable", "string", "number"], []);

    private const int Keyword = 0;
    private const int Property = 1;
    private const int Operator = 2;
    private const int EnumMember = 3;
    private const int Variable = 4;
    private const int String = 5;
    private const int Number = 6;

    public static SemanticTokens For(SyntaxTree tree)
    {
        var model = SemanticModel.For(tree);
        var tokens = new List<(int Start, int Length, int Type)>();
        foreach (var disk in model.Disks)
        {
            if (disk.Xm is { } xm)
            {
                XmDisk(disk, xm, tokens);
            }
            else
            {
                XlDisk(disk, tokens);
            }
        }

        foreach (var vif in model.Vifs)
        {
            foreach (var item in vif.Spec.Items.Where(item => item.IsKnown))
            {
                if (item.Value is null)
                {
                    Add(tokens, vif.SourceSpan(item.KeySpan), Keyword);
                    continue;
                }

                Add(tokens, vif.SourceSpan(item.KeySpan), Property);
                Add(tokens, vif.SourceSpan(new TextSpan(item.KeySpan.End, 1)), Operator);
                Add(tokens, vif.SourceSpan(item.ValueSpan), item.Key switch
                {
                    "mac" or "ip" or "rate" or "mtu" or "devid" => Number,
                    "type" or "model" => EnumMember,
                    _ => Variable,
                });
            }
        }

        return new SemanticTokens(Encode(tree.Text, tokens));
    }

    private static void XlDisk(DiskEntry disk, List<(int Start, int Length, int Type)> tokens)
    {
        foreach (var parameter in disk.Xl.Parameters)
        {
            switch (parameter.Form)
            {
                case XlDiskParameterForm.LegacyPrefix or XlDiskParameterForm.Flag:
                    Add(tokens, disk.SourceSpan(parameter.ValueSpan), Keyword);
                    break;
                case XlDiskParameterForm.Keyword or XlDiskParameterForm.Target when parameter.ValueSpan.Start > parameter.Span.Start:
                    Add(tokens, disk.SourceSpan(TextSpan.FromBounds(parameter.Span.Start, parameter.ValueSpan.Start - 1)), Property);
                    Add(tokens, disk.SourceSpan(new TextSpan(parameter.ValueSpan.Start - 1, 1)), Operator);
                    Value(disk, parameter.Field, parameter.ValueSpan, tokens);
                    break;
                case XlDiskParameterForm.Positional:
                    Value(disk, parameter.Field, parameter.ValueSpan, tokens);
                    break;
            }
        }
    }

    private static void Value(DiskEntry disk, XlDiskField field, TextSpan span, List<(int Start, int Length, int Type)> tokens)
    {
        switch (field)
        {
            case XlDiskField.Target:
                Add(tokens, disk.SourceSpan(span), String);
                break;
            case XlDiskField.Format or XlDiskField.Access or XlDiskField.DeviceType or XlDiskField.BackendType or XlDiskField.Specification:
                Add(tokens, disk.SourceSpan(span), EnumMember);
                break;
            case XlDiskField.Vdev:
                // xvda:cdrom -- the device, then its type.
                var colon = disk.Spec.IndexOf(':', span.Start, span.Length);
                if (colon < 0)
                {
                    Add(tokens, disk.SourceSpan(span), Variable);
                }
                else
                {
                    Add(tokens, disk.SourceSpan(TextSpan.FromBounds(span.Start, colon)), Variable);
                    Add(tokens, disk.SourceSpan(TextSpan.FromBounds(colon + 1, span.End)), Keyword);
                }

                break;
            case XlDiskField.None:
                break;
            default:
                Add(tokens, disk.SourceSpan(span), Variable);
                break;
        }
    }

    private static void XmDisk(DiskEntry disk, XmDiskSpec xm, List<(int Start, int Length, int Type)> tokens)
    {
        void Located(Analysis.Specs.Located<string>? located, int type)
        {
            if (located is { } value)
            {
                Add(tokens, disk.SourceSpan(value.Span), type);
            }
        }

        Located(xm.Prefix, Keyword);
        Located(xm.TapType, Keyword);
        Located(xm.Target, String);
        Located(xm.Device, Variable);
        Located(xm.DeviceType, Keyword);
        Located(xm.Mode, EnumMember);
        Located(xm.BackendDomain, Variable);
        Located(xm.Protocol, EnumMember);
    }

    private static void Add(List<(int Start, int Length, int Type)> tokens, TextSpan span, int type)
    {
        if (!span.IsEmpty)
        {
            tokens.Add((span.Start, span.Length, type));
        }
    }

    /// <summary>LSP's relative encoding (line delta, start delta, length, type, modifiers), split at line ends, overlaps dropped.</summary>
    private static int[] Encode(SourceText text, List<(int Start, int Length, int Type)> tokens)
    {
        var data = new List<int>(tokens.Count * 5);
        var previousLine = 0;
        var previousCharacter = 0;
        var covered = 0;
        foreach (var (start, length, type) in tokens.OrderBy(token => token.Start).ThenBy(token => token.Length))
        {
            if (start < covered)
            {
                continue;
            }

            covered = start + length;
            var position = start;
            while (position < start + length)
            {
                var line = text.Lines.GetLineFromPosition(position);
                var end = Math.Min(start + length, line.End);
                if (end > position)
                {
                    var character = position - line.Start;
                    data.Add(line.LineNumber - previousLine);
                    data.Add(line.LineNumber == previousLine ? character - previousCharacter : character);
                    data.Add(end - position);
                    data.Add(type);
                    data.Add(0);
                    previousLine = line.LineNumber;
                    previousCharacter = character;
                }

                position = Math.Max(end, line.EndIncludingLineBreak);
            }
        }

        return [.. data];
    }
}
