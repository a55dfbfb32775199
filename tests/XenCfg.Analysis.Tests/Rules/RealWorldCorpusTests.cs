using System.Text;
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
    private const string CountsBaseline = "real-world-counts.txt";

    private static readonly string Baselines = Path.Combine(Baseline.SourceDirectory(), "Baselines");

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
        Corpus.Require();

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
        Corpus.Require();

        var errors = LintAcceptedFiles()
            .Where(finding => finding.Diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(finding => (finding.File, finding.Diagnostic.Id))
            .ToHashSet();

        Assert.All(TrueErrors, error => Assert.Contains((error.File, error.Id), errors));
    }

    /// <summary>
    /// How many of each diagnostic the files xl accepts get, compared with a reviewed baseline
    /// (Baselines/real-world-counts.txt): a rule that starts or stops firing on real configs shows in the diff.
    /// </summary>
    [SkippableFact]
    public void The_count_of_each_diagnostic_on_the_files_xl_accepts_matches_the_reviewed_baseline()
    {
        Corpus.Require();

        var findings = LintAcceptedFiles();
        var report = new StringBuilder($"{AcceptedFiles().Count()} files xl accepts, {findings.Count} diagnostics under xl:\n");
        foreach (var group in findings.GroupBy(finding => (finding.Diagnostic.Severity, finding.Diagnostic.Id)).OrderBy(group => group.Key.Severity).ThenBy(group => group.Key.Id, StringComparer.Ordinal))
        {
            report.Append($"{group.Key.Id} {group.Key.Severity}: {group.Count()} in {group.Select(finding => finding.File).Distinct().Count()} files\n");
        }

        output.WriteLine(report.ToString());
        Baseline.Verify(Path.Combine(Baselines, CountsBaseline), report.ToString());
    }

    [Fact]
    public void The_baseline_folder_holds_the_counts_and_nothing_else() => Baseline.AssertFolderHolds(Baselines, [CountsBaseline]);

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
