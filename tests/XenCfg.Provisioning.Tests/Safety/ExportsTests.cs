using XenCfg.Provisioning.Host;
using XenCfg.Provisioning.Planning;
using XenCfg.Provisioning.Tests.Support;
using XenCfg.Syntax;

namespace XenCfg.Provisioning.Tests.Safety;

/// <summary>
/// Issue 12, cases 1 and 2 and the undo: an NFS root is exported to its one client and to no one else, whatever the
/// exports files already say (active or not) about it, a directory above it or one inside it — run for real with
/// exportfs in a private mount namespace (<see cref="NamespacedExports"/>).
/// </summary>
public sealed class ExportsTests : IDisposable
{
    private readonly Harness _harness = new() { Dialect = Dialect.Xm };
    private NamespacedExports? _exports;

    public void Dispose()
    {
        try
        {
            _exports?.Dispose();
        }
        finally
        {
            _harness.Dispose();
        }
    }

    private NamespacedExports Exports(ICommandRunner? runner = null)
    {
        _exports = new NamespacedExports(runner);
        _harness.Host = new HostTools(_exports, LinuxFileSystem.Instance);
        _harness.Options = _harness.Options with { ExportsDirectory = _exports.ExportsDirectory, ExportsFile = _exports.ExportsFile };
        return _exports;
    }

    private string Guest(string root, string client = "192.0.2.12", string name = "w1") => _harness.Config(name + ".cfg",
        $"name = \"{name}\"\nkernel = \"/boot/vmlinuz\"\nmemory = 128\nvif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\n" +
        $"nfs_root = \"{root}\"  # xcfg: client={client}\n");

    private static IEnumerable<string> EtabLines(NamespacedExports exports) => exports.Etab.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [SkippableFact]
    public void Case1_a_pending_world_export_in_etc_exports_refuses_the_root_and_nothing_is_activated()
    {
        var exports = Exports();
        var root = _harness.PathOf("srv/r/w1");
        _harness.Directory("srv/r/w1");
        File.WriteAllText(exports.ExportsFile, $"{root} *(rw,no_subtree_check)\n");

        var applied = _harness.Run(apply: true, Guest(root));

        Assert.Equal(ProvisionExitCodes.Refused, applied.Code);
        Assert.Contains(
            $"! export     {exports.ExportsDirectory}/xcfg-w1.exports — refused: {root} would not be exported to 192.0.2.12 alone: {root} (the NFS root itself) is exported to the world (*) by {exports.ExportsFile} line 1; remove that export (or narrow it to 192.0.2.12) first",
            applied.Output,
            StringComparison.Ordinal);
        Assert.Contains("! exportfs   192.0.2.12:" + root + " — refused: its exports entry is refused", applied.Output, StringComparison.Ordinal);
        Assert.Empty(EtabLines(exports));
        Assert.False(Directory.Exists(exports.ExportsDirectory));
    }

    /// <summary>Every way exports(5) lets a line reach more than the one client: the parser reads each as exportfs does.</summary>
    [SkippableTheory]
    [InlineData("{root} (rw,no_root_squash)\n", "*")]
    [InlineData("{root}\n", "*")]
    [InlineData("{root} \\\n    *(rw)\n", "*")]
    [InlineData("\"{root}\" 192.0.2.99(rw)\n", "192.0.2.99")]
    [InlineData("{root} -rw,sync 192.0.2.0/24 # {root} *(rw)\n", "192.0.2.0/24")]
    [InlineData("{parent}\\057w1 *.example.com(rw)\n", "*.example.com")]
    public void Case1_every_spelling_of_a_wider_export_is_read_as_exportfs_reads_it(string line, string client)
    {
        var exports = Exports();
        var root = _harness.PathOf("srv/r/w1");
        _harness.Directory("srv/r/w1");
        Directory.CreateDirectory(exports.ExportsDirectory);
        File.WriteAllText(Path.Combine(exports.ExportsDirectory, "other.exports"),
            line.Replace("{root}", root, StringComparison.Ordinal).Replace("{parent}", _harness.PathOf("srv/r"), StringComparison.Ordinal));

        var export = _harness.Plan(Guest(root)).Resources.OfType<ExportResource>().Single();

        Assert.Equal(PlanAction.Refused, export.Action);
        Assert.Contains($"{root} (the NFS root itself) is exported to {(client == "*" ? "the world (*)" : client)} by {exports.ExportsDirectory}/other.exports line 1", export.Reason, StringComparison.Ordinal);

        // What exportfs itself makes of the same file: the very client the parser read.
        Assert.True(exports.Run(["exportfs", "-ra"]).Succeeded);
        Assert.Contains((root, client), _harness.Host.ActiveExports().Select(active => (active.Path, active.Client)));
    }

    [SkippableFact]
    public void Case1_an_entry_for_exactly_the_client_or_a_file_exportfs_skips_is_no_conflict()
    {
        var exports = Exports();
        var root = _harness.PathOf("srv/r/w1");
        _harness.Directory("srv/r/w1");
        File.WriteAllText(exports.ExportsFile, $"{root} 192.0.2.12/32(rw,sync,no_subtree_check)\n");
        Directory.CreateDirectory(exports.ExportsDirectory);
        // Not read by exportfs: a hidden file, and one without the .exports suffix.
        File.WriteAllText(Path.Combine(exports.ExportsDirectory, ".old.exports"), $"{root} *(rw)\n");
        File.WriteAllText(Path.Combine(exports.ExportsDirectory, "notes.txt"), $"{root} *(rw)\n");

        var plan = _harness.Plan(Guest(root));

        Assert.All(plan.Resources, resource => Assert.NotEqual(PlanAction.Refused, resource.Action));
    }

    [SkippableFact]
    public void Case2_a_parent_exported_to_the_world_refuses_the_root_also_through_a_symbolic_link()
    {
        var exports = Exports();
        var parent = _harness.PathOf("srv/r");
        _harness.Directory("srv/r/w2");
        File.WriteAllText(exports.ExportsFile, $"{parent} *(rw,no_root_squash,no_subtree_check)\n");
        Assert.True(exports.Run(["exportfs", "-ra"]).Succeeded);
        Directory.CreateSymbolicLink(_harness.PathOf("link"), parent);

        foreach (var root in new[] { _harness.PathOf("srv/r/w2"), _harness.PathOf("link/w2") })
        {
            var export = _harness.Plan(Guest(root, name: "w2")).Resources.OfType<ExportResource>().Single();

            Assert.Equal(PlanAction.Refused, export.Action);
            Assert.Equal(
                $"{root} would not be exported to 192.0.2.12 alone: {parent} (a directory above the NFS root) is exported to the world (*) by {exports.ExportsFile} line 1; "
                + $"{parent} (a directory above the NFS root) is exported to the world (*) right now (exportfs -s); remove those exports (or narrow them to 192.0.2.12) first",
                export.Reason);
        }

        Assert.Equal(ProvisionExitCodes.Refused, _harness.Run(apply: true, Guest(_harness.PathOf("link/w2"), name: "w2")).Code);
        Assert.DoesNotContain(EtabLines(exports), line => line.Contains("192.0.2.12", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Case2_a_directory_inside_the_root_exported_to_another_client_refuses_it()
    {
        var exports = Exports();
        var root = _harness.PathOf("srv/r");
        _harness.Directory("srv/r/sub");
        File.WriteAllText(exports.ExportsFile, $"{root}/sub 192.0.2.99(rw)\n");

        var export = _harness.Plan(Guest(root)).Resources.OfType<ExportResource>().Single();

        Assert.Equal($"{root} would not be exported to 192.0.2.12 alone: {root}/sub (a directory inside the NFS root) is exported to 192.0.2.99 by {exports.ExportsFile} line 1; remove that export (or narrow it to 192.0.2.12) first", export.Reason);
    }

    [SkippableFact]
    public void Case2_two_configs_of_the_run_with_nested_roots_are_both_refused()
    {
        Exports();
        _harness.Directory("srv/r/inner");
        var outer = Guest(_harness.PathOf("srv/r"), "192.0.2.11", "outer");
        var inner = Guest(_harness.PathOf("srv/r/inner"), "192.0.2.12", "inner");

        var exports = _harness.Plan(outer, inner).Resources.OfType<ExportResource>().ToList();

        Assert.Equal(2, exports.Count);
        Assert.All(exports, export => Assert.Equal(PlanAction.Refused, export.Action));
        Assert.Contains($"{_harness.PathOf("srv/r/inner")} (a directory inside the NFS root) is exported to 192.0.2.12 by this run for {inner}", exports[0].Reason, StringComparison.Ordinal);
        Assert.Contains($"{_harness.PathOf("srv/r")} (a directory above the NFS root) is exported to 192.0.2.11 by this run for {outer}", exports[1].Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Activation_exports_exactly_this_root_and_leaves_other_pending_entries_alone()
    {
        var exports = Exports();
        var root = _harness.PathOf("srv/w1");
        _harness.Directory("srv/w1");
        _harness.Directory("data");
        // Someone's pending, unrelated entry: exportfs -ra would have activated it too.
        File.WriteAllText(exports.ExportsFile, $"{_harness.PathOf("data")} 192.0.2.77(ro)\n");

        var applied = _harness.Run(apply: true, Guest(root));

        Assert.Equal(ProvisionExitCodes.Changes, applied.Code);
        Assert.StartsWith($"{root}\t192.0.2.12(", Assert.Single(EtabLines(exports)), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_failed_verification_undoes_what_this_run_exported_and_says_so()
    {
        var root = _harness.PathOf("srv/w1");
        NamespacedExports? exports = null;
        // Another admin's world export of the same directory lands while ours is being activated.
        var hostile = new RecordingRunner(ProcessCommandRunner.Instance).On(argv => argv is ["unshare", .., "exportfs", "-i", _, _, _], argv =>
        {
            File.AppendAllText(exports!.ExportsFile, $"{root} *(ro)\n");
            Assert.True(ProcessCommandRunner.Instance.Run([.. argv.Take(argv.Count - 5), "exportfs", "-ra"]).Succeeded);
            return ProcessCommandRunner.Instance.Run(argv);
        });
        exports = Exports(hostile);
        _harness.Directory("srv/w1");
        var exportsFile = Path.Combine(exports.ExportsDirectory, "xcfg-w1.exports");

        var applied = _harness.Run(apply: true, Guest(root));

        Assert.Equal(ProvisionExitCodes.PartlyApplied, applied.Code);
        Assert.Contains($"created, but the check afterwards failed: {root} would not be exported to 192.0.2.12 alone: {root} (the NFS root itself) is exported to the world (*) right now (exportfs -s)", applied.Output, StringComparison.Ordinal);
        Assert.Contains($"    undone: exportfs -u 192.0.2.12:{root}; removed {exportsFile}; exportfs -s still shows {root} exported to the world (*), not by this run: remove that export", applied.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(exportsFile));
        Assert.DoesNotContain(EtabLines(exports), line => line.Contains("192.0.2.12", StringComparison.Ordinal));
        Assert.Contains("\"event\":\"undone\"", File.ReadAllText(_harness.Journal), StringComparison.Ordinal);
    }
}
