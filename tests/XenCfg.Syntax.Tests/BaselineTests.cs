using XenCfg.TestKit;

namespace XenCfg.Syntax.Tests;

/// <summary>
/// Golden files: for each Baselines/NAME.cfg, the tree (NAME.tree) and the diagnostics shown inline
/// (NAME.xl.diagnostics.cfg, NAME.xm.diagnostics.cfg), and nothing else in the folder. Review changes with git diff;
/// regenerate with XCFG_UPDATE_BASELINES=1.
/// </summary>
public class BaselineTests
{
    private static readonly string Folder = Path.Combine(Baseline.SourceDirectory(), "Baselines");

    private static readonly string[] BaselineSuffixes = [".tree", ".xl.diagnostics.cfg", ".xm.diagnostics.cfg"];

    private static IEnumerable<string> SampleNames() =>
        Directory.EnumerateFiles(Folder, "*.cfg")
            .Where(path => !path.EndsWith(".diagnostics.cfg", StringComparison.Ordinal))
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Samples() => [.. SampleNames()];

    [Fact]
    public void The_folder_holds_each_sample_with_its_three_baselines_and_nothing_else()
    {
        var samples = SampleNames().ToList();

        Assert.True(samples.Count >= 3, $"only {samples.Count} samples in {Folder}");
        Baseline.AssertFolderHolds(Folder, samples.SelectMany(sample => BaselineSuffixes.Select(suffix => sample + suffix).Prepend(sample + ".cfg")));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Tree_and_diagnostics_match_the_baselines(string sample)
    {
        var text = File.ReadAllText(Path.Combine(Folder, sample + ".cfg"));
        var tree = SyntaxTree.Parse(text);
        var xmTree = SyntaxTree.Parse(text, ParseOptions.Xm);

        Assert.Equal(text, tree.Root.ToFullString());
        Baseline.Verify(Path.Combine(Folder, sample + ".tree"), SyntaxDump.Dump(tree.Root));
        Baseline.Verify(Path.Combine(Folder, sample + ".xl.diagnostics.cfg"), DiagnosticAnnotator.Annotate(tree.Text, tree.GetDiagnostics()));
        Baseline.Verify(Path.Combine(Folder, sample + ".xm.diagnostics.cfg"), DiagnosticAnnotator.Annotate(xmTree.Text, xmTree.GetDiagnostics()));
    }
}
