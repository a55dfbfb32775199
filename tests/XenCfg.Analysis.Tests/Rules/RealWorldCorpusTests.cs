using XenCfg.Syntax;
using XenCfg.TestKit;
using Xunit.Abstractions;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

/// <summary>
/// The real-world configs that xl accepts (oracle/cfg/PATH.out starts with OK), linted under the xl dialect: no
/// error except the few below, each checked to be one xl (or libxl) really stops on.
/// </summary>
public class RealWorldCorpusTests(ITestOutputHelper output)
{
    /// <summary>True errors in files whose syntax xl accepts: (file, id) and why it is right.</summary>
    private static readonly (string File, string Id, string Reason)[] TrueErrors =
    [
        ("libvirt-xl/test-disk-qed.cfg", "XCFG0124",
            "target= comes first and swallows format=,backendtype=,vdev=,access=; xl: \"no vdev specified\" (oracle/disk-cases.tsv, expected_rc 1)"),
        ("xen-examples/xmexample.hvm-dm", "XCFG0200",
            "a stub-domain fragment with no name; xl_parse.c: \"Domain name must be specified\""),
        ("xen-examples/xmexample.hvm-dm", "XCFG0180",
            "a PV domain with a type=ioemu vif; libxl_nic.c: \"trying to create PV or PVH guest with an emulated interface\""),
    ];

    [SkippableFact]
    public void Files_xl_accepts_get_no_error_but_the_verified_ones()
    {
        Skip.If(Corpus.Root is null, Corpus.SkipReason);

        var allowed = TrueErrors.Select(error => (error.File, error.Id)).ToHashSet();
        var unexpected = LintAcceptedFiles()
            .Where(finding => finding.Diagnostic.Severity == DiagnosticSeverity.Error && !allowed.Contains((finding.File, finding.Diagnostic.Id)))
            .Select(finding => $"{finding.File}:{finding.Line} {finding.Diagnostic.Id} {finding.Diagnostic.Message}")
            .ToList();

        Assert.True(unexpected.Count == 0, "errors on files xl accepts:\n" + string.Join("\n", unexpected));
    }

    [SkippableFact]
    public void Every_allowed_error_is_still_found()
    {
        Skip.If(Corpus.Root is null, Corpus.SkipReason);

        var errors = LintAcceptedFiles()
            .Where(finding => finding.Diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(finding => (finding.File, finding.Diagnostic.Id))
            .ToHashSet();

        Assert.All(TrueErrors, error => Assert.Contains((error.File, error.Id), errors));
    }

    [SkippableFact]
    public void The_count_of_each_diagnostic_is_written_to_the_test_output()
    {
        Skip.If(Corpus.Root is null, Corpus.SkipReason);

        var findings = LintAcceptedFiles();
        output.WriteLine($"{AcceptedFiles().Count()} files xl accepts, {findings.Count} diagnostics under xl:");
        foreach (var group in findings.GroupBy(finding => (finding.Diagnostic.Severity, finding.Diagnostic.Id)).OrderBy(group => group.Key.Severity).ThenBy(group => group.Key.Id, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key.Id} {group.Key.Severity}: {group.Count()} in {group.Select(finding => finding.File).Distinct().Count()} files");
        }

        Assert.NotEmpty(findings);
    }

    /// <summary>Real-world files (paths relative to real-world/, with /) whose oracle says xl parses them.</summary>
    private static IEnumerable<string> AcceptedFiles() =>
        Directory.EnumerateFiles(Corpus.RealWorld, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Corpus.RealWorld, path).Replace('\\', '/'))
            .Where(relative => relative != "MANIFEST.tsv")
            .Where(relative => File.ReadLines(Path.Combine(Corpus.Oracle, "cfg", relative + ".out")).FirstOrDefault() == "OK")
            .Order(StringComparer.Ordinal);

    private static List<(string File, int Line, Syntax.Diagnostics.ConfigDiagnostic Diagnostic)> LintAcceptedFiles()
    {
        var options = new AnalysisOptions(Dialect.Xl);
        var findings = new List<(string, int, Syntax.Diagnostics.ConfigDiagnostic)>();
        foreach (var relative in AcceptedFiles())
        {
            var path = Path.Combine(Corpus.RealWorld, relative);
            var tree = SyntaxTree.Parse(File.ReadAllText(path), options.ParseOptions, path);
            foreach (var diagnostic in ConfigAnalyzer.Analyze(tree, options))
            {
                findings.Add((relative, tree.Text.Lines.GetLineFromPosition(diagnostic.Span.Start).LineNumber + 1, diagnostic));
            }
        }

        return findings;
    }
}
