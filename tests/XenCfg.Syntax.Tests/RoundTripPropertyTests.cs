using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using XenCfg.Syntax.Text;

namespace XenCfg.Syntax.Tests;

/// <summary>Properties every input must have: the tree gives back the text exactly, and parsing never throws.</summary>
public class RoundTripPropertyTests
{
    [Property(MaxTest = 500)]
    public bool Any_string_round_trips(string? text)
    {
        text ??= string.Empty;
        var tree = SyntaxTree.Parse(text);
        return tree.Root.ToFullString() == text && tree.Root.FullSpan.Length == text.Length;
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(ConfigArbitraries)])]
    public bool Config_like_text_round_trips_and_every_diagnostic_span_lies_inside_it(ConfigLikeText input)
    {
        var tree = SyntaxTree.Parse(input.Text);
        var xm = SyntaxTree.Parse(input.Text, ParseOptions.Xm);
        return tree.Root.ToFullString() == input.Text
            && tree.GetDiagnostics().Concat(xm.GetDiagnostics()).All(diagnostic => diagnostic.Span.End <= input.Text.Length)
            && string.Concat(tree.Root.DescendantTokens().Select(token => token.ToFullString())) == input.Text;
    }

    [Property(MaxTest = 500)]
    public bool Any_bytes_round_trip_through_the_file_encoding(byte[]? bytes)
    {
        bytes ??= [];
        var tree = SyntaxTree.ParseBytes(bytes);
        return ConfigFileEncoding.Encode(tree.Root.ToFullString()).AsSpan().SequenceEqual(bytes);
    }

    /// <summary>
    /// Config-shaped bytes with the bytes files really hold by mistake (invalid UTF-8, truncated sequences, NUL,
    /// a byte-order mark, carriage returns, control bytes): parsing never throws in either dialect, the tree gives
    /// the decoded text back, encoding gives the bytes back, and every diagnostic lies inside the text.
    /// </summary>
    [Property(MaxTest = 500, Arbitrary = [typeof(ConfigArbitraries)])]
    public bool Config_like_bytes_round_trip_and_every_diagnostic_span_lies_inside(ConfigLikeBytes input)
    {
        var bytes = input.Bytes;
        var text = ConfigFileEncoding.Decode(bytes);
        foreach (var options in new[] { ParseOptions.Default, ParseOptions.Xm })
        {
            var tree = SyntaxTree.ParseBytes(bytes, options);
            if (tree.Root.ToFullString() != text
                || !ConfigFileEncoding.Encode(tree.Root.ToFullString()).AsSpan().SequenceEqual(bytes)
                || tree.GetDiagnostics().Any(diagnostic => diagnostic.Span.Start < 0 || diagnostic.Span.End > text.Length)
                || tree.Root.DescendantTokens().Sum(token => token.FullSpan.Length) != text.Length)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The generator uses both operators, '+=' about as often as '=' (it once rewrote every '+=' to '=').</summary>
    [Fact]
    public void The_valid_config_generator_appends_with_plus_equals()
    {
        var assignments = ConfigArbitraries.ValidConfig().Generator.Sample(20, 200)
            .SelectMany(config => SyntaxTree.Parse(config.Text).Root.Statements.OfType<AssignmentSyntax>())
            .ToList();
        var appends = assignments.Count(assignment => assignment.IsAppend);

        Assert.True(assignments.Count >= 200, $"only {assignments.Count} assignments in 200 generated configs");
        Assert.InRange(appends / (double)assignments.Count, 0.3, 0.7);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ConfigArbitraries)])]
    public bool Generated_valid_configs_parse_without_diagnostics(ValidConfig config)
    {
        var tree = SyntaxTree.Parse(config.Text);
        return tree.IsReadableByXl && tree.GetDiagnostics().IsEmpty && tree.Root.ToFullString() == config.Text;
    }
}

public sealed record ConfigLikeText(string Text)
{
    public override string ToString() => SyntaxDump.Escape(Text);
}

public sealed record ConfigLikeBytes(byte[] Bytes)
{
    public override string ToString() => Convert.ToHexString(Bytes);
}

public sealed record ValidConfig(string Text)
{
    public override string ToString() => SyntaxDump.Escape(Text);
}

/// <summary>Generators for config-shaped text: valid xl configs, and text made of the pieces configs are made of.</summary>
public static class ConfigArbitraries
{
    private static readonly string[] Pieces =
    [
        "name", "disk", "x.y_1", "Memory", "install-method", " ", "\t", "\n", "\r\n", "\r", "=", "+=", ";", ",", "[", "]",
        "'", "\"", "'a b'", "\"c\\\"d\"", "'\\x41'", "'\\101'", "\\", "#", "# c\n", "0x1f", "512M", "1.5", "-", "(", ")",
        "{", "}", ":", ".", "%", "*", "'''", "\"\"\"", "True", "None", "import", "def", "\u00e9", "\uFEFF", "\0", "\uDCFF",
        "\uD83D\uDE00", "    ", "phy:/dev/vg/lv,xvda,w",
    ];

    public static Arbitrary<ConfigLikeText> ConfigLikeText() =>
        Arb.From(Gen.ListOf(Gen.Elements(Pieces)).Select(parts => new ConfigLikeText(string.Concat(parts))));

    /// <summary>Pieces of configs as bytes, mixed with bytes that are not (or not only) UTF-8.</summary>
    public static Arbitrary<ConfigLikeBytes> ConfigLikeBytes()
    {
        byte[][] odd =
        [
            [0x00], [0x00, 0x00], [0xEF, 0xBB, 0xBF], [0x0D], [0x0D, 0x0A], [0x0A, 0x0D], [0x01], [0x1B], [0x7F], [0x09],
            [0xFF], [0xFE], [0x80], [0xC3], [0xC3, 0xA9], [0xE2, 0x82], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98], [0xF0, 0x9F, 0x98, 0x80],
            [0xED, 0xB2, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE9],
        ];
        var piece = Gen.Frequency(
            (4, Gen.Elements(Pieces).Select(System.Text.Encoding.UTF8.GetBytes)),
            (2, Gen.Elements(odd)),
            (1, Gen.Choose(0, 255).Select(b => new[] { (byte)b })));
        return Arb.From(Gen.ListOf(piece).Select(parts => new ConfigLikeBytes([.. parts.SelectMany(part => part)])));
    }

    /// <summary>
    /// Valid xl configs, with '=' and '+=': each key keeps one shape (string or list) throughout a config, since xl's
    /// '+=' joins a string to a string and a list to a list and refuses anything else (libxlu_cfg.c,
    /// xlu__cfg_concat_vals).
    /// </summary>
    public static Arbitrary<ValidConfig> ValidConfig()
    {
        string[] keys = ["name", "memory", "disk", "vif", "extra", "x.y", "a_1", "on_crash", "cpus"];
        var blanks = Gen.Elements("", " ", "  ", "\t");
        var comment = Gen.Elements("", " # note", "#", "# 'quoted' [x]");
        var stringValue = Gen.Elements("''", "\"\"", "'vm1'", "\"a b\"", "'phy:vg/lv,xvda,w'", "'\\n\\t\\\\'", "\"it\\'s\"", "'\\101x'", "'é'");
        var number = Gen.Elements("0", "512", "0x1f", "010", "1e5");
        var atom = Gen.OneOf(stringValue, number);
        var list = Gen.Sized(size => ListOf(atom, blanks, Math.Min(size, 3)));
        var op = Gen.Elements("=", "+=");
        return Arb.From(
            from isList in Gen.ArrayOf(Gen.Elements(false, true), keys.Length)
            let assignment =
                from index in Gen.Choose(0, keys.Length - 1)
                from b1 in blanks
                from o in op
                from b2 in blanks
                from v in isList[index] ? list : atom
                from b3 in blanks
                select keys[index] + b1 + o + b2 + v + b3
            let line =
                from parts in Gen.ListOf(assignment)
                from c in comment
                select string.Join("; ", parts) + c + "\n"
            from lines in Gen.ListOf(line)
            from last in Gen.OneOf(Gen.Constant(""), assignment)
            select new ValidConfig(string.Concat(lines) + last));
    }

    private static Gen<string> ListOf(Gen<string> atom, Gen<string> blanks, int depth)
    {
        var element = depth <= 0 ? atom : Gen.OneOf(atom, ListOf(atom, blanks, depth - 1));
        var separator = Gen.Elements(",", ", ", ",\n  ", "\n,", ", # c\n");
        return
            from items in Gen.ListOf(element)
            from separators in Gen.ArrayOf(separator, Math.Max(0, items.Count - 1))
            from trailing in Gen.Elements("", ",", ",\n")
            from open in Gen.Elements("[", "[ ", "[\n")
            from close in Gen.Elements("]", " ]", "\n]")
            select open + Join(items, separators) + (items.Count > 0 ? trailing : "") + close;
    }

    private static string Join(IReadOnlyList<string> items, string[] separators)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(separators[i - 1]);
            }

            builder.Append(items[i]);
        }

        return builder.ToString();
    }
}
