using System.Collections.Immutable;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Workspace;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Workspace;

public class CrossFileTests
{
    private static ConfigWorkspace Load(Dialect dialect, params (string Path, string Text)[] files)
    {
        var options = new AnalysisOptions(dialect);
        var workspace = new ConfigWorkspace();
        workspace.SetMany([.. files.Select(file => new WorkspaceFile(SyntaxTree.Parse(file.Text, options.ParseOptions, file.Path), options))]);
        return workspace;
    }

    private static ConfigWorkspace Load(params (string Path, string Text)[] files) => Load(Dialect.Xl, files);

    private static List<ConfigDiagnostic> CrossFile(ConfigWorkspace workspace, string path) =>
        [.. workspace.GetDiagnostics(path).Where(diagnostic => diagnostic.Id.StartsWith("XCFG03", StringComparison.Ordinal))];

    [Fact]
    public void The_same_volume_written_under_two_names_is_an_error_at_both_sites()
    {
        var workspace = Load(
            ("/etc/xen/a.cfg", "name = \"web-a\"\ndisk = [ 'phy:/dev/vg/shared,xvdb,w' ]\n"),
            ("/etc/xen/b.cfg", "name = \"web-b\"\ndisk = [ 'format=raw, vdev=xvdb, access=rw, target=/dev/mapper/vg-shared' ]\n"));

        var a = Assert.Single(CrossFile(workspace, "/etc/xen/a.cfg"));
        var b = Assert.Single(CrossFile(workspace, "/etc/xen/b.cfg"));

        Assert.Equal("XCFG0300", a.Id);
        Assert.Equal("/dev/vg/shared", workspace.GetText("/etc/xen/a.cfg")!.ToString(a.Span));
        Assert.StartsWith("`/dev/vg/shared` is written by `web-a` here and also used by `web-b` (b.cfg)", a.Message, StringComparison.Ordinal);
        Assert.Equal("/dev/mapper/vg-shared", workspace.GetText("/etc/xen/b.cfg")!.ToString(b.Span));
        var related = Assert.Single(a.RelatedLocations);
        Assert.Equal("/etc/xen/b.cfg", related.FilePath);
        Assert.Equal(1, related.LineSpan.Start.Line);
        Assert.Equal("disk xvdb of `web-b` (written)", related.Message);
    }

    [Fact]
    public void Read_only_sharing_is_fine()
    {
        var workspace = Load(
            ("/a.cfg", "name = 'a'\ndisk = [ 'file:/srv/iso/debian.iso,hdc:cdrom,r' ]\n"),
            ("/b.cfg", "name = 'b'\ndisk = [ '/srv/iso/debian.iso,raw,hdc,ro,devtype=cdrom' ]\n"));

        Assert.Empty(CrossFile(workspace, "/a.cfg"));
        Assert.Empty(CrossFile(workspace, "/b.cfg"));
    }

    [Fact]
    public void One_domain_writing_and_another_reading_is_a_conflict_for_both()
    {
        var workspace = Load(
            ("/a.cfg", "name = 'a'\ndisk = [ 'phy:/dev/vg/data,xvdb,w' ]\n"),
            ("/b.cfg", "name = 'b'\ndisk = [ 'phy:/dev/vg/data,xvdb,r' ]\n"));

        Assert.Equal("XCFG0300", Assert.Single(CrossFile(workspace, "/a.cfg")).Id);
        var reader = Assert.Single(CrossFile(workspace, "/b.cfg"));
        Assert.StartsWith("`/dev/vg/data` is read by `b` here and also used by `a` (a.cfg)", reader.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_disk_conflicts_with_its_partition()
    {
        var workspace = Load(
            ("/a.cfg", "name = 'a'\ndisk = [ 'phy:/dev/sdb,xvda,w' ]\n"),
            ("/b.cfg", "name = 'b'\ndisk = [ 'phy:sdb1,xvda,r' ]\n"));

        Assert.Single(CrossFile(workspace, "/a.cfg"));
        Assert.Single(CrossFile(workspace, "/b.cfg"));
    }

    [Fact]
    public void Different_partitions_of_one_disk_do_not_conflict()
    {
        var workspace = Load(
            ("/a.cfg", "name = 'a'\ndisk = [ 'phy:/dev/sdb1,xvda,w' ]\n"),
            ("/b.cfg", "name = 'b'\ndisk = [ 'phy:/dev/sdb2,xvda,w' ]\n"));

        Assert.Empty(CrossFile(workspace, "/a.cfg"));
    }

    [Fact]
    public void Two_configs_of_one_domain_are_not_a_sharing_conflict_but_are_reported_as_one_name()
    {
        var workspace = Load(
            ("/web.cfg", "name = 'web'\ndisk = [ 'phy:/dev/vg/web,xvda,w' ]\nvif = [ 'mac=00:16:3e:00:00:01' ]\n"),
            ("/web.cfg.bak", "name = 'web'\ndisk = [ 'phy:/dev/vg/web,xvda,w' ]\nvif = [ 'mac=00:16:3e:00:00:01' ]\n"));

        var found = Assert.Single(CrossFile(workspace, "/web.cfg"));
        Assert.Equal("XCFG0305", found.Id);
        Assert.Equal("the domain name `web` is also used by web.cfg.bak: only one of them can run at a time; rename one if both should run", found.Message);
    }

    [Fact]
    public void W_bang_under_xm_is_a_warning_that_sharing_is_forced()
    {
        var workspace = Load(Dialect.Xm,
            ("/a.cfg", "name = 'a'\ndisk = [ 'phy:/dev/vg/data,xvdb,w!' ]\n"),
            ("/b.cfg", "name = 'b'\ndisk = [ 'phy:/dev/vg/data,xvdb,w' ]\n"));

        var forced = Assert.Single(CrossFile(workspace, "/a.cfg"));
        Assert.Equal("XCFG0301", forced.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, forced.Severity);
        Assert.Equal("XCFG0300", Assert.Single(CrossFile(workspace, "/b.cfg")).Id);
    }

    [Fact]
    public void Two_guests_on_one_nfs_root_directory_are_an_error()
    {
        var workspace = Load(Dialect.Xm,
            ("/a.cfg", "name = 'a'\nvif = [ '' ]\nroot = '/dev/nfs'\nnfs_server = '192.0.2.1'\nnfs_root = '/export/root'\ndhcp = 'dhcp'\n"),
            ("/b.cfg", "name = 'b'\nvif = [ '' ]\nroot = '/dev/nfs'\nextra = 'nfsroot=192.0.2.1:/export//root/ ip=dhcp'\n"));

        var a = Assert.Single(CrossFile(workspace, "/a.cfg"));
        Assert.Equal("XCFG0302", a.Id);
        Assert.Equal("the NFS root 192.0.2.1:/export/root of `a` is also the root of `b` (b.cfg): both guests would write one root file system; export a directory per guest", a.Message);
        Assert.Equal("XCFG0302", Assert.Single(CrossFile(workspace, "/b.cfg")).Id);
    }

    [Theory]
    [InlineData("uuid = 'c7a5fdb2-cdaf-9455-926a-d65c16db1809'", "XCFG0304")]
    [InlineData("vif = [ 'mac=00:16:3e:00:00:01' ]", "XCFG0306")]
    [InlineData("vif = [ 'ip=192.0.2.10' ]", "XCFG0307")]
    [InlineData("vif = [ 'vifname=web0' ]", "XCFG0308")]
    public void Values_unique_on_a_host_are_reported_in_both_files(string setting, string id)
    {
        var workspace = Load(("/a.cfg", $"name = 'a'\n{setting}\n"), ("/b.cfg", $"name = 'b'\n{setting}\n"));

        Assert.Equal(id, Assert.Single(CrossFile(workspace, "/a.cfg")).Id);
        Assert.Equal(id, Assert.Single(CrossFile(workspace, "/b.cfg")).Id);
    }

    [Fact]
    public void A_static_ip_in_xm_keys_and_one_in_a_vif_are_the_same_address()
    {
        var workspace = Load(Dialect.Xm, ("/a.cfg", "name = 'a'\nip = '192.0.2.10'\n"), ("/b.cfg", "name = 'b'\nvif = [ 'ip=192.0.2.10' ]\n"));

        Assert.Equal("XCFG0307", Assert.Single(CrossFile(workspace, "/a.cfg")).Id);
    }

    [Fact]
    public void A_suppression_silences_a_cross_file_finding()
    {
        var workspace = Load(
            ("/a.cfg", "name = 'a'\n# xcfg-disable-next-line XCFG0306\nvif = [ 'mac=00:16:3e:00:00:01' ]\n"),
            ("/b.cfg", "name = 'b'\nvif = [ 'mac=00:16:3e:00:00:01' ]\n"));

        Assert.Empty(CrossFile(workspace, "/a.cfg"));
        Assert.DoesNotContain(workspace.GetDiagnostics("/a.cfg"), diagnostic => diagnostic.Id == "XCFG0901");
        Assert.Single(CrossFile(workspace, "/b.cfg"));
    }

    [Fact]
    public void The_workspace_keeps_no_tree_and_a_file_s_findings_stay_right_without_it()
    {
        var workspace = new ConfigWorkspace();
        var trees = AddAndForget(
            workspace,
            ("/a.cfg", "name = 'a'\n# xcfg-disable-next-line XCFG0306\nvif = [ 'mac=00:16:3e:00:00:01' ]\n"),
            ("/b.cfg", "name = 'b'\nvif = [ 'mac=00:16:3e:00:00:01' ]\n# xcfg-disable XCFG9999\n"));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Neither the trees nor their semantic models (cached per tree) outlive the update...
        Assert.All(trees, tree => Assert.False(tree.IsAlive));

        // ...and the findings are still complete: own, cross-file (with related locations), suppressions applied.
        Assert.Empty(CrossFile(workspace, "/a.cfg"));
        Assert.DoesNotContain(workspace.GetDiagnostics("/a.cfg"), diagnostic => diagnostic.Id == "XCFG0901");
        var duplicate = Assert.Single(CrossFile(workspace, "/b.cfg"));
        Assert.Equal("XCFG0306", duplicate.Id);
        Assert.Equal(2, Assert.Single(duplicate.RelatedLocations).LineSpan.Start.Line);
        Assert.Contains(workspace.GetDiagnostics("/b.cfg"), diagnostic => diagnostic.Id == ToolDiagnostics.UnknownSuppressionId.Id);

        // New options analyse every file again, from the texts the workspace kept.
        var quiet = new AnalysisOptions { SeverityOverrides = ImmutableDictionary<string, RuleSeverity>.Empty.Add("XCFG0306", RuleSeverity.Off) };
        Assert.Equal(new[] { "/a.cfg", "/b.cfg" }, workspace.Reconfigure(_ => quiet).AffectedPaths.ToArray());
        Assert.DoesNotContain(workspace.GetDiagnostics("/b.cfg"), diagnostic => diagnostic.Id == "XCFG0306");
        Assert.Contains(workspace.GetDiagnostics("/b.cfg"), diagnostic => diagnostic.Id == ToolDiagnostics.UnknownSuppressionId.Id);
        Assert.Empty(workspace.GetDiagnostics("/a.cfg"));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<WeakReference> AddAndForget(ConfigWorkspace workspace, params (string Path, string Text)[] files)
    {
        var trees = files.Select(file => SyntaxTree.Parse(file.Text, filePath: file.Path)).ToList();
        workspace.SetMany([.. trees.Select(tree => new WorkspaceFile(tree, AnalysisOptions.Default))]);
        return [.. trees.Select(tree => new WeakReference(tree))];
    }

    [Fact]
    public void Each_file_s_severities_apply_to_its_own_cross_file_findings()
    {
        var quiet = new AnalysisOptions { SeverityOverrides = ImmutableDictionary<string, RuleSeverity>.Empty.Add("XCFG0306", RuleSeverity.Off) };
        var loud = new AnalysisOptions { SeverityOverrides = ImmutableDictionary<string, RuleSeverity>.Empty.Add("XCFG0306", RuleSeverity.Error) };
        var workspace = new ConfigWorkspace();
        workspace.SetMany(
        [
            new WorkspaceFile(SyntaxTree.Parse("name = 'a'\nvif = [ 'mac=00:16:3e:00:00:01' ]\n", filePath: "/quiet/a.cfg"), quiet),
            new WorkspaceFile(SyntaxTree.Parse("name = 'b'\nvif = [ 'mac=00:16:3e:00:00:01' ]\n", filePath: "/loud/b.cfg"), loud),
        ]);

        Assert.Empty(CrossFile(workspace, "/quiet/a.cfg"));
        var duplicate = Assert.Single(CrossFile(workspace, "/loud/b.cfg"));
        Assert.Equal(("XCFG0306", DiagnosticSeverity.Error), (duplicate.Id, duplicate.Severity));
        Assert.Same(quiet, workspace.GetOptions("/quiet/a.cfg"));
    }

    [Fact]
    public void Reconfiguring_analyses_again_only_the_files_whose_options_changed()
    {
        var workspace = new ConfigWorkspace();
        workspace.SetMany(
        [
            new WorkspaceFile(SyntaxTree.Parse("name = 'a'\nvif = [ 'mac=00:16:3e:00:00:01' ]\n", filePath: "/a.cfg"), AnalysisOptions.Default),
            new WorkspaceFile(SyntaxTree.Parse("name = 'c'\n", filePath: "/c.cfg"), AnalysisOptions.Default),
        ]);
        var xm = new AnalysisOptions(Dialect.Xm);

        var update = workspace.Reconfigure(path => path == "/c.cfg" ? xm : AnalysisOptions.Default);

        Assert.Equal(new[] { "/c.cfg" }, update.AffectedPaths.ToArray());
        Assert.Same(xm, workspace.GetOptions("/c.cfg"));
        Assert.Empty(workspace.Reconfigure(path => path == "/c.cfg" ? xm : AnalysisOptions.Default).AffectedPaths);
    }

    [Fact]
    public void Changing_one_file_affects_only_it_and_its_partners()
    {
        var workspace = Load(
            ("/a.cfg", "name = 'a'\ndisk = [ 'phy:/dev/vg/shared,xvdb,w' ]\n"),
            ("/b.cfg", "name = 'b'\ndisk = [ 'phy:/dev/vg/shared,xvdb,w' ]\n"),
            ("/c.cfg", "name = 'c'\ndisk = [ 'phy:/dev/vg/c,xvda,w' ]\n"));
        Assert.Single(CrossFile(workspace, "/b.cfg"));

        var update = workspace.Set(SyntaxTree.Parse("name = 'a'\ndisk = [ 'phy:/dev/vg/a,xvdb,w' ]\n", filePath: "/a.cfg"), AnalysisOptions.Default);

        Assert.Equal(new[] { "/a.cfg", "/b.cfg" }, update.AffectedPaths.ToArray());
        Assert.Empty(CrossFile(workspace, "/a.cfg"));
        Assert.Empty(CrossFile(workspace, "/b.cfg"));
    }

    [Fact]
    public void Removing_a_file_clears_its_partners_conflict()
    {
        var workspace = Load(
            ("/a.cfg", "name = 'a'\nvif = [ 'mac=00:16:3e:00:00:01' ]\n"),
            ("/b.cfg", "name = 'b'\nvif = [ 'mac=00:16:3e:00:00:01' ]\n"));
        Assert.Single(CrossFile(workspace, "/b.cfg"));

        var update = workspace.Remove("/a.cfg");

        Assert.Equal(new[] { "/a.cfg", "/b.cfg" }, update.AffectedPaths.ToArray());
        Assert.Empty(CrossFile(workspace, "/b.cfg"));
        Assert.Empty(workspace.GetDiagnostics("/a.cfg"));
    }

    [Fact]
    public void Uses_of_a_storage_key_are_found_across_files()
    {
        var workspace = Load(
            ("/a.cfg", "name = 'a'\ndisk = [ 'phy:/dev/vg/data,xvdb,r' ]\n"),
            ("/b.cfg", "name = 'b'\ndisk = [ '/dev/mapper/vg-data,,xvdc,r' ]\n"));

        var uses = workspace.UsesOf(new StorageKey(StorageKind.LogicalVolume, "vg/data"));

        Assert.Equal(["/a.cfg", "/b.cfg"], uses.Select(use => use.FilePath).Order());
    }

    [Fact]
    public void Writing_the_origin_of_annotated_snapshots_is_a_warning_at_the_origin()
    {
        var workspace = Load(
            ("/master.cfg", "name = 'master'\ndisk = [ 'phy:/dev/vg/master,xvda,w' ]\n"),
            ("/clone1.cfg", "name = 'clone1'\ndisk = [ 'phy:/dev/vg/clone1,xvda,w' ]  # xcfg: snapshot-of=vg/master size=1G\n"),
            ("/clone2.cfg", "name = 'clone2'\ndisk = [ 'phy:/dev/vg/clone2,xvda,w' ]  # xcfg: snapshot-of=vg/master size=1G\n"));

        var origin = Assert.Single(CrossFile(workspace, "/master.cfg"));

        Assert.Equal("XCFG0303", origin.Id);
        Assert.Equal("`/dev/vg/master` is written by `master` here, and `clone1` (clone1.cfg), `clone2` (clone2.cfg) use copy-on-write snapshots of it: writing the origin under live snapshots fills them and is not advised; keep the origin a pristine image no guest writes", origin.Message);
        Assert.Equal(2, origin.RelatedLocations.Length);
        Assert.Empty(CrossFile(workspace, "/clone1.cfg"));
    }

    [Fact]
    public void Reading_the_origin_of_snapshots_is_fine()
    {
        var workspace = Load(
            ("/master.cfg", "name = 'master'\ndisk = [ 'phy:/dev/vg/master,xvda,r' ]\n"),
            ("/clone1.cfg", "name = 'clone1'\ndisk = [ 'phy:/dev/vg/clone1,xvda,w' ]  # xcfg: snapshot-of=vg/master size=1G\n"));

        Assert.Empty(CrossFile(workspace, "/master.cfg"));
    }
}
