using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis;
using XenCfg.Analysis.Formatting;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Analysis.Specs.Values;
using XenCfg.Analysis.Specs.Vif;
using XenCfg.Syntax;
using XenCfg.Syntax.Text;

namespace XenCfg.Fuzzing;

/// <summary>A property the fuzzed code broke (an exception from the code itself is a finding too).</summary>
public sealed class FuzzFindingException(string message) : Exception(message);

/// <summary>
/// The fuzz targets: each takes the raw bytes of one input and throws when the code under test throws or breaks
/// one of its properties. The same file is compiled into the analysis tests, which replay every input kept
/// under tests/XenCfg.Fuzzing/Regressions/ through these checks.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The target names, as given to run.sh and as the folders under Regressions/.</summary>
    public static IReadOnlyList<string> Names { get; } = ["parser", "specs", "formatter", "analyzer"];

    public static void Run(string target, ReadOnlySpan<byte> data)
    {
        switch (target)
        {
            case "parser":
                Parser(data);
                break;
            case "specs":
                Specs(ConfigFileEncoding.Decode(data));
                break;
            case "formatter":
                Formatter(data);
                break;
            case "analyzer":
                Analyzer(data);
                break;
            default:
                throw new ArgumentException($"Unknown fuzz target `{target}`; the targets are {string.Join(", ", Names)}.", nameof(target));
        }
    }

    /// <summary>
    /// Bytes to tree and back: the tree gives back the decoded text exactly, the encoding gives back the bytes,
    /// the tokens cover the text, every diagnostic lies inside it; in both dialects.
    /// </summary>
    public static void Parser(ReadOnlySpan<byte> data)
    {
        var text = ConfigFileEncoding.Decode(data);
        Check(ConfigFileEncoding.Encode(text).AsSpan().SequenceEqual(data), "Encode(Decode(bytes)) differs from the bytes");
        foreach (var options in new[] { ParseOptions.Default, ParseOptions.Xm })
        {
            var tree = SyntaxTree.ParseBytes(data, options);
            Check(tree.Text.Length == text.Length, "the tree's text has another length than the decoded bytes");
            var full = tree.Root.ToFullString();
            Check(full == text, "ToFullString differs from the decoded text");
            Check(tree.Root.FullSpan == new TextSpan(0, text.Length), $"the root's full span {tree.Root.FullSpan} is not the text");
            var position = 0;
            foreach (var token in tree.Root.DescendantTokens())
            {
                Check(token.FullSpan.Start == position, $"token {token.Kind} at {token.FullSpan} does not start where the previous one ended ({position})");
                Check(token.Span.Start >= token.FullSpan.Start && token.Span.End <= token.FullSpan.End, $"token span {token.Span} outside its full span {token.FullSpan}");
                position = token.FullSpan.End;
            }

            Check(position == text.Length, $"the tokens end at {position}, not at {text.Length}");
            CheckSpans(tree.GetDiagnostics().Select(diagnostic => (diagnostic.Id, diagnostic.Span)), text.Length);
            _ = tree.IsReadableByXl;
        }
    }

    /// <summary>Every spec parser on the text (and on its lines, for the multi-argument disk form): no throw, spans inside.</summary>
    public static void Specs(string text)
    {
        var spans = new List<(string What, TextSpan Span)>();
        void Add(string what, IEnumerable<TextSpan> found) => spans.AddRange(found.Select(span => (what, span)));

        var xl = XlDiskSpecParser.Parse(text);
        _ = xl.ToLibxlJson();
        Add("xl disk", xl.Problems.Select(p => p.Span));
        Add("xl disk parameter", xl.Parameters.SelectMany(p => new[] { p.Span, p.ValueSpan }));
        var xm = XmDiskSpecParser.Parse(text);
        Add("xm disk", xm.Problems.Select(p => p.Span).Concat(xm.Fields.Select(f => f.Span)));
        var vif = VifSpecParser.Parse(text);
        Add("vif", vif.Problems.Select(p => p.Span).Concat(vif.Items.SelectMany(i => new[] { i.Span, i.KeySpan, i.ValueSpan })));
        Add("vdev", VirtualDeviceParser.Parse(text).Problems.Select(p => p.Span));
        Add("ipv4", NetworkValueParser.ParseIpv4(text).Problems.Select(p => p.Span));
        Add("netmask", NetworkValueParser.ParseNetmask(text).Problems.Select(p => p.Span));
        Add("mac", NetworkValueParser.ParseMac(text).Problems.Select(p => p.Span));
        Add("host name", NetworkValueParser.CheckHostName(text).Select(p => p.Span));
        foreach (var unit in Enum.GetValues<SizeUnit>())
        {
            Add("size", SizeParser.Parse(text, unit).Problems.Select(p => p.Span));
        }

        foreach (var dialect in new[] { Dialect.Xl, Dialect.Xm })
        {
            var root = KernelArgumentParser.ParseRoot(text, dialect);
            Add("root", root.Problems.Select(p => p.Span).Append(root.Device.Span));
        }

        var nfs = KernelArgumentParser.ParseNfsRoot(text);
        Add("nfsroot", nfs.Problems.Select(p => p.Span).Append(nfs.Path.Span));
        var ip = KernelArgumentParser.ParseIp(text);
        Add("ip", ip.Problems.Select(p => p.Span).Concat(ip.Fields.Select(f => f.Span)));
        var words = KernelArgumentParser.Tokenize(text, out var tokenProblems);
        Add("kernel arguments", words.SelectMany(w => new[] { w.Span, w.ValueSpan }).Concat(tokenProblems.Select(p => p.Span)));
        CheckSpans(spans, text.Length);

        // The block-attach form: one argument per line.
        var arguments = text.Split('\n');
        var many = XlDiskSpecParser.ParseMany(arguments);
        _ = many.ToLibxlJson();
        foreach (var problem in many.Problems)
        {
            Check(problem.Argument >= 0 && problem.Argument < arguments.Length, $"problem {problem} names argument {problem.Argument} of {arguments.Length}");
            var length = arguments[problem.Argument].Length;
            Check(problem.Span.Start >= 0 && problem.Span.End <= length, $"problem {problem} lies outside its argument (length {length})");
        }
    }

    /// <summary>
    /// Formatting a file without syntax errors (in either dialect) gives a file that parses to the same tokens,
    /// has no syntax error either, and formats to itself.
    /// </summary>
    public static void Formatter(ReadOnlySpan<byte> data)
    {
        var text = ConfigFileEncoding.Decode(data);
        foreach (var options in new[] { ParseOptions.Default, ParseOptions.Xm })
        {
            var tree = SyntaxTree.Parse(text, options);
            var formatted = ConfigFormatter.FormatText(tree);
            if (formatted is null)
            {
                continue;
            }

            var again = SyntaxTree.Parse(formatted, options);
            Check(again.Root.ToFullString() == formatted, "the formatted text does not round-trip");
            var before = Tokens(tree);
            var after = Tokens(again);
            Check(before.SequenceEqual(after), $"formatting changed the tokens ({options.Dialect}): {FirstDifference(before, after)}");
            var reformatted = ConfigFormatter.FormatText(again);
            Check(reformatted is not null, $"the formatted text has syntax errors ({options.Dialect}): {string.Join("; ", again.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.Id))}");
            Check(reformatted == formatted, $"formatting is not idempotent ({options.Dialect})");
            var diagnosticsBefore = tree.GetDiagnostics().Select(d => d.Id).Order(StringComparer.Ordinal).ToList();
            var diagnosticsAfter = again.GetDiagnostics().Select(d => d.Id).Order(StringComparer.Ordinal).ToList();
            Check(diagnosticsBefore.SequenceEqual(diagnosticsAfter), $"formatting changed the syntax findings ({options.Dialect}): {string.Join(",", diagnosticsBefore)} became {string.Join(",", diagnosticsAfter)}");
        }
    }

    /// <summary>
    /// Diagnostic IDs whose spans are not checked, from the environment variable XCFG_FUZZ_IGNORE (comma-separated):
    /// while a known finding waits for its fix, the fuzzer can look for others instead of finding it again.
    /// </summary>
    private static readonly HashSet<string> IgnoredIds =
        [.. (Environment.GetEnvironmentVariable("XCFG_FUZZ_IGNORE") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The whole analyzer, in both dialects: never an internal error (XCFG0900), every span inside the text.</summary>
    public static void Analyzer(ReadOnlySpan<byte> data)
    {
        var tree = SyntaxTree.ParseBytes(data);
        foreach (var options in new[] { AnalysisOptions.Default, new AnalysisOptions(Dialect.Xm) })
        {
            var diagnostics = ConfigAnalyzer.Analyze(tree, options);
            foreach (var diagnostic in diagnostics)
            {
                Check(diagnostic.Id != "XCFG0900", $"internal error ({options.Dialect}): {diagnostic.Message}");
            }

            CheckSpans(diagnostics.Where(diagnostic => !IgnoredIds.Contains(diagnostic.Id)).Select(diagnostic => (diagnostic.Id, diagnostic.Span)), tree.Text.Length);
        }
    }

    private static List<(SyntaxKind Kind, string Text)> Tokens(SyntaxTree tree) =>
        [.. tree.Root.DescendantTokens().Where(token => !token.IsMissing).Select(token => (token.Kind, token.Text))];

    private static string FirstDifference(List<(SyntaxKind Kind, string Text)> before, List<(SyntaxKind Kind, string Text)> after)
    {
        var i = 0;
        while (i < before.Count && i < after.Count && before[i] == after[i])
        {
            i++;
        }

        return $"token {i}: {(i < before.Count ? before[i].ToString() : "none")} became {(i < after.Count ? after[i].ToString() : "none")}";
    }

    private static void CheckSpans(IEnumerable<(string What, TextSpan Span)> spans, int length)
    {
        foreach (var (what, span) in spans)
        {
            Check(span.Start >= 0 && span.End <= length, $"{what}: span {span} lies outside the text [0..{length}]");
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzFindingException(message);
        }
    }
}
