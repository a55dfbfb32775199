using XenCfg.Syntax;
using XenCfg.TestKit;

namespace XenCfg.Analysis.Tests.Rules;

/// <summary>
/// Every file of the shared corpus's seed-scenarios/ (the storage set-ups of the old Xen manual) linted on its own
/// under both dialects: the exact findings, as (file, line, id). Each one was reviewed by hand; the reason is
/// next to it. Cross-file findings (the sharing conflict of shared-rw-a/b) are the workspace's, not these rules'.
/// </summary>
public class SeedScenarioTests
{
    private static readonly string[] ExpectedUnderXl =
    [
        // PV guests of the old manual with IDE/SCSI names: a modern guest calls them xvd*.
        "file-backed.cfg:5 XCFG0133",
        "lvm-clone1.cfg:5 XCFG0133",
        "lvm-clone2.cfg:4 XCFG0133",
        "lvm-master.cfg:6 XCFG0133",
        "phy-lvm.cfg:5 XCFG0133",
        "phy-partition.cfg:5 XCFG0133",
        "shared-ro-ok.cfg:5 XCFG0133",

        // phy:vg/... and phy:hda3: xend looked these up under /dev, xl takes them relative to its working directory.
        "lvm-clone1.cfg:5 XCFG0131",
        "lvm-clone2.cfg:4 XCFG0131",
        "lvm-master.cfg:6 XCFG0131",
        "phy-lvm.cfg:5 XCFG0131",
        "phy-partition.cfg:5 XCFG0131",

        // The broken NFS root: no nfsroot= for xl, no vif, no address at boot, the empty server, the placeholder path,
        // and the two xm keys xl ignores.
        "nfs-root-broken.cfg:6 XCFG0160",
        "nfs-root-broken.cfg:6 XCFG0163",
        "nfs-root-broken.cfg:6 XCFG0165",
        "nfs-root-broken.cfg:7 XCFG0161",
        "nfs-root-broken.cfg:7 XCFG0190",
        "nfs-root-broken.cfg:8 XCFG0162",
        "nfs-root-broken.cfg:8 XCFG0190",

        // The working xm NFS roots do not work under xl: their nfs_*/ip/dhcp keys are ignored (no nfsroot=, no ip=);
        // the note gives the command line xm built.
        "nfs-root-dhcp.cfg:6 XCFG0160",
        "nfs-root-dhcp.cfg:6 XCFG0165",
        "nfs-root-dhcp.cfg:7 XCFG0190",
        "nfs-root-dhcp.cfg:7 XCFG0191",
        "nfs-root-dhcp.cfg:8 XCFG0190",
        "nfs-root-dhcp.cfg:9 XCFG0190",
        "nfs-root-static.cfg:6 XCFG0160",
        "nfs-root-static.cfg:6 XCFG0165",
        "nfs-root-static.cfg:7 XCFG0190",
        "nfs-root-static.cfg:7 XCFG0191",
        "nfs-root-static.cfg:8 XCFG0190",
        "nfs-root-static.cfg:9 XCFG0190",
        "nfs-root-static.cfg:10 XCFG0190",
        "nfs-root-static.cfg:11 XCFG0190",
        "nfs-root-static.cfg:12 XCFG0190",

        // vifs without mac= get a new MAC at every start.
        "nfs-root-dhcp.cfg:5 XCFG0183",
        "phy-partition.cfg:7 XCFG0183",
    ];

    private static readonly string[] ExpectedUnderXm =
    [
        "file-backed.cfg:5 XCFG0133",
        "lvm-clone1.cfg:5 XCFG0133",
        "lvm-clone2.cfg:4 XCFG0133",
        "lvm-master.cfg:6 XCFG0133",
        "phy-lvm.cfg:5 XCFG0133",
        "phy-partition.cfg:5 XCFG0133",
        "shared-ro-ok.cfg:5 XCFG0133",

        // Under xm the broken NFS root is refused outright (nfs_root with an empty nfs_server), and still has no vif,
        // no address, an empty server and the placeholder path.
        "nfs-root-broken.cfg:6 XCFG0163",
        "nfs-root-broken.cfg:6 XCFG0165",
        "nfs-root-broken.cfg:7 XCFG0161",
        "nfs-root-broken.cfg:8 XCFG0160",
        "nfs-root-broken.cfg:8 XCFG0162",

        "nfs-root-dhcp.cfg:5 XCFG0183",
        "phy-partition.cfg:7 XCFG0183",

        // shared-rw-b.cfg is written in xl's keyword syntax, which xm does not have.
        "shared-rw-b.cfg:5 XCFG0137",
    ];

    [SkippableFact]
    public void Each_seed_scenario_gets_exactly_the_reviewed_findings_under_xl()
    {
        Corpus.Require();

        AssertFindings(ExpectedUnderXl, Lint(Dialect.Xl));
    }

    [SkippableFact]
    public void Each_seed_scenario_gets_exactly_the_reviewed_findings_under_xm()
    {
        Corpus.Require();

        AssertFindings(ExpectedUnderXm, Lint(Dialect.Xm));
    }

    [SkippableTheory]
    [InlineData(Dialect.Xl)]
    [InlineData(Dialect.Xm)]
    public void The_broken_nfs_root_gets_the_empty_server_the_placeholder_and_the_missing_network(Dialect dialect)
    {
        Corpus.Require();

        var findings = Lint(dialect).Where(finding => finding.StartsWith("nfs-root-broken.cfg:", StringComparison.Ordinal)).ToList();

        Assert.Contains("nfs-root-broken.cfg:7 XCFG0161", findings);
        Assert.Contains("nfs-root-broken.cfg:8 XCFG0162", findings);
        Assert.Contains("nfs-root-broken.cfg:6 XCFG0163", findings);
        Assert.Contains("nfs-root-broken.cfg:6 XCFG0165", findings);
    }

    private static List<string> Lint(Dialect dialect)
    {
        var findings = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Corpus.SeedScenarios, "*.cfg").Order(StringComparer.Ordinal))
        {
            var tree = SyntaxTree.Parse(File.ReadAllText(path), new AnalysisOptions(dialect).ParseOptions, path);
            foreach (var diagnostic in ConfigAnalyzer.Analyze(tree, new AnalysisOptions(dialect)))
            {
                var line = tree.Text.Lines.GetLineFromPosition(diagnostic.Span.Start).LineNumber + 1;
                findings.Add($"{Path.GetFileName(path)}:{line} {diagnostic.Id}");
            }
        }

        return findings;
    }

    private static void AssertFindings(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var wanted = expected.Order(StringComparer.Ordinal).ToList();
        var found = actual.Order(StringComparer.Ordinal).ToList();
        var missing = wanted.Except(found).ToList();
        var unexpected = found.Except(wanted).ToList();
        Assert.True(wanted.SequenceEqual(found),
            $"missing: [{string.Join(", ", missing)}]; unexpected: [{string.Join(", ", unexpected)}]");
    }
}
