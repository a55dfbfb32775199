using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using XenCfg.Analysis.Formatting;
using XenCfg.Analysis.Tests.Specs;
using XenCfg.Syntax;
using XenCfg.Syntax.Tests;

namespace XenCfg.Analysis.Tests.Properties;

public sealed record XmConfig(string Text)
{
    public override string ToString() => SyntaxDump.Escape(Text);
}

public sealed record ConfigWithWarnings(string Text)
{
    public override string ToString() => SyntaxDump.Escape(Text);
}

public sealed record SemanticConfigText(string Text)
{
    public override string ToString() => SyntaxDump.Escape(Text);
}

/// <summary>Generators for the analysis properties: xm configs with Python, xl configs whose findings are warnings, and config-shaped text built from the settings the rules look at.</summary>
public static class AnalysisArbitraries
{
    private static readonly Gen<string> Blanks = Gen.Elements("", " ", "  ", "\t", " \t");

    private static readonly Gen<string> Comments = Gen.Elements("", " # note", "\t# 'x' [y]", "#");

    /// <summary>Settings xl reads; their values mean something to the rules (and draw warnings, not errors).</summary>
    private static readonly string[] XlSettings =
    [
        "name = 'vm1'", "name=\"web2\"", "memory = 1024", "maxmem = 512", "vcpus = 2", "type = 'pv'", "type = 'hvm'", "builder = 'hvm'",
        "kernel = '/boot/vmlinuz'", "root = '/dev/xvda1 ro'", "root = '/dev/nfs'", "extra = 'console=hvc0'", "extra = 'nfsroot=10.0.0.1:/x ip=dhcp'",
        "disk = [ 'phy:/dev/vg/a,xvda,w' ]", "disk = [ 'phy:/dev/vg/a,hda,w', 'file:/img,xvda,w!' ]", "disk = ['format=raw, vdev=xvdb, target=/dev/vg/b']",
        "disk = [ '/dev/vg/a,raw,xvda,rw', ',hdc:cdrom,r' ]", "vif = [ 'mac=00:16:3e:01:02:03,bridge=xenbr0' ]", "vif = [ '', 'ip=10.0.0.300' ]",
        "vif = [ 'mac=00:16:3e:01:02:03', 'mac=00:16:3e:01:02:03' ]", "memroy = 512", "on_crash = 'restart'", "on_crash = 'explode'",
        "nfs_server = '10.0.0.1'", "nfs_root = '/export'", "dhcp = 'dhcp'", "ip = '10.0.0.2'", "netmask = '255.255.255.0'", "gateway = '10.0.0.1'",
        "cpus = [ '0-3', '5' ]", "pci = [ '0000:00:1f.2' ]", "uuid = '12345678-1234-1234-1234-123456789abc'", "bootloader = 'pygrub'",
        "extra += ' single'", "disk += [ 'phy:/dev/vg/c,xvdc,r' ]", "vnc = 1", "sdl = 0", "viridian = 1", "shadow_memory = 8",
    ];

    /// <summary>Python that xm ran and the xm dialect reports as warnings (no syntax errors under xm).</summary>
    private static readonly string[] XmPython =
    [
        "import os", "import os, re", "name = 'vm%d' % 3", "memory = 64 * 2", "acpi = True", "weight = 1.5", "offset = -1",
        "arch = os.uname()[4]", "def f(x):\n    return x\n", "if arch == 'x86_64':\n    memory = 512\nelse:\n    memory = 256\n",
        "xm_vars.var('vmid', use='x', check=f)", "cpus = (1, 2)", "extra = \"\"\"console=hvc0\"\"\"", "kernel = '/boot/' + arch",
    ];

    public static Arbitrary<XmConfig> XmConfig() =>
        Arb.From(Lines(Gen.Frequency((2, Gen.Elements(XlSettings)), (1, Gen.Elements(XmPython)))).Select(text => new XmConfig(text)));

    public static Arbitrary<ConfigWithWarnings> ConfigWithWarnings() =>
        Arb.From(Lines(Gen.Elements(XlSettings)).Select(text => new ConfigWithWarnings(text)));

    /// <summary>Settings the rules read, broken up and mixed with the pieces of <see cref="ConfigArbitraries"/>.</summary>
    public static Arbitrary<SemanticConfigText> SemanticConfigText()
    {
        var piece = Gen.Frequency(
            (3, Gen.Elements(XlSettings).Select(setting => setting + "\n")),
            (1, Gen.Elements(XmPython).Select(python => python + "\n")),
            (2, ConfigArbitraries.ConfigLikeText().Generator.Select(text => text.Text)),
            (2, Gen.Elements(XlSettings).SelectMany(setting => Gen.Choose(0, setting.Length).Select(cut => setting[..cut]))));
        return Arb.From(Gen.ListOf(piece).Select(parts => new SemanticConfigText(string.Concat(parts))));
    }

    /// <summary>Lines made of the statements, with varied blanks around '=' and a trailing comment sometimes.</summary>
    private static Gen<string> Lines(Gen<string> statement)
    {
        var line =
            from text in statement
            from before in Blanks
            from after in Blanks
            from end in Blanks
            from comment in Comments
            select (text.EndsWith('\n') ? text : Reblank(text, before, after) + end + comment + "\n");
        return Gen.ListOf(line).Select(lines => string.Concat(lines));
    }

    private static string Reblank(string statement, string before, string after)
    {
        var equals = statement.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || statement.Contains('\n', StringComparison.Ordinal))
        {
            return statement;
        }

        var op = equals > 0 && statement[equals - 1] == '+' ? equals - 1 : equals;
        return statement[..op].TrimEnd() + before + statement[op..(equals + 1)] + after + statement[(equals + 1)..].TrimStart();
    }
}

/// <summary>Properties of the whole analyzer and of the formatter on generated configs (issue 7).</summary>
public sealed class AnalysisPropertyTests
{
    [Property(MaxTest = 200, Arbitrary = [typeof(AnalysisArbitraries)])]
    public void The_analyzer_never_fails_and_every_span_lies_inside_the_text(SemanticConfigText input)
    {
        var tree = SyntaxTree.Parse(input.Text);
        foreach (var options in new[] { AnalysisOptions.Default, new AnalysisOptions(Dialect.Xm) })
        {
            var diagnostics = ConfigAnalyzer.Analyze(tree, options);

            Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "XCFG0900");
            Assert.All(
                diagnostics,
                diagnostic => Assert.True(diagnostic.Span.Start >= 0 && diagnostic.Span.End <= input.Text.Length, $"{diagnostic.Id} at {diagnostic.Span} outside [0..{input.Text.Length}]"));
        }
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(AnalysisArbitraries)])]
    public void Formatting_an_xm_config_with_python_is_idempotent_and_changes_no_token(XmConfig config)
    {
        var tree = SyntaxTree.Parse(config.Text, ParseOptions.Xm);

        AssertFormatsCleanly(tree);
    }

    /// <summary>A file whose findings are only warnings is formatted, and formatting changes none of its findings.</summary>
    [Property(MaxTest = 200, Arbitrary = [typeof(AnalysisArbitraries)])]
    public void Formatting_a_config_with_warnings_only_is_idempotent_and_keeps_its_findings(ConfigWithWarnings config)
    {
        var tree = SyntaxTree.Parse(config.Text);
        var formatted = AssertFormatsCleanly(tree);

        Assert.Equal(Findings(tree), Findings(SyntaxTree.Parse(formatted)));
    }

    /// <summary>
    /// xl skips blanks before a disk parameter, so blanks inserted after the commas of a disk spec change none of
    /// the analyzer's disk findings (XCFG01xx), except the one about blanks before a comma, which moves with them.
    /// (Commas inside <c>target=</c> belong to the target and get no blanks. Under the xm dialect blanks do matter:
    /// xend split the spec on commas and kept them.)
    /// </summary>
    [Property(MaxTest = 300, Arbitrary = [typeof(PlainDiskSpecs)])]
    public void Blanks_after_commas_in_a_disk_spec_change_no_disk_finding(string spec, PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var targetAt = spec.IndexOf("target=", StringComparison.Ordinal);
        var widened = new System.Text.StringBuilder();
        for (var i = 0; i < spec.Length; i++)
        {
            widened.Append(spec[i]);
            if (spec[i] == ',' && (targetAt < 0 || i < targetAt))
            {
                widened.Append(random.Next(3) switch { 0 => "", 1 => " ", _ => " \t " });
            }
        }

        Assert.Equal(DiskFindings(spec), DiskFindings(widened.ToString()));
    }

    /// <summary>The disk findings under xl. (xm split specs on commas and kept the blanks, so there they matter.)</summary>
    private static List<string> DiskFindings(string spec) =>
        [
            .. ConfigAnalyzer.Analyze(SyntaxTree.Parse($"name = 'vm'\ndisk = [ '{spec}' ]\n"), AnalysisOptions.Default)
                .Where(diagnostic => diagnostic.Id.StartsWith("XCFG01", StringComparison.Ordinal) && diagnostic.Id != "XCFG0130")
                .Select(diagnostic => diagnostic.Id)
                .Order(StringComparer.Ordinal),
        ];

    private static string AssertFormatsCleanly(SyntaxTree tree)
    {
        var formatted = ConfigFormatter.FormatText(tree);
        Assert.NotNull(formatted);
        var again = tree.WithText(Microsoft.CodeAnalysis.Text.SourceText.From(formatted));

        Assert.Equal(Tokens(tree), Tokens(again));
        Assert.Equal(formatted, ConfigFormatter.FormatText(again));
        return formatted;
    }

    private static List<(SyntaxKind, string)> Tokens(SyntaxTree tree) =>
        [.. tree.Root.DescendantTokens().Where(token => !token.IsMissing).Select(token => (token.Kind, token.Text))];

    private static List<string> Findings(SyntaxTree tree) =>
        [.. ConfigAnalyzer.Analyze(tree, AnalysisOptions.Default).Select(diagnostic => diagnostic.Id).Order(StringComparer.Ordinal)];
}
