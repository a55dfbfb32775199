using XenCfg.TestKit;

namespace XenCfg.Syntax.Tests;

/// <summary>
/// Golden files: for each Baselines/NAME.cfg, the tree (NAME.tree) and the diagnostics shown inline
/// (NAME.xl.diagnostics.cfg, NAME.xm.diagnostics.cfg). Review changes with git diff; regenerate with
/// XCFG_UPDATE_BASELINES=1.
/// </summary>
public class BaselineTests
{
    private static readonly string Folder = Path.Combine(Baseline.SourceDirectory(), "Baselines");

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*.cfg").Where(path => !path.EndsWith(".diagnostics.cfg", StringComparison.Ordinal)).Order())
        {
            data.Add(Path.GetFileNameWithoutExtension(path));
        }

        return data;
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
