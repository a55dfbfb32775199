using XenCfg.Provisioning.Host;
using XenCfg.Provisioning.Planning;
using XenCfg.Provisioning.Tests.Support;
using XenCfg.Syntax;

namespace XenCfg.Provisioning.Tests.Planning;

/// <summary>
/// NFS roots: the directory, its exports entry for exactly the guest, and exportfs — run for real in a private mount
/// namespace (<see cref="NamespacedExports"/>), so /etc/exports* and /var/lib/nfs are scratch copies.
/// </summary>
public sealed class NfsRootTests : IDisposable
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

    private NamespacedExports Exports()
    {
        _exports = new NamespacedExports();
        _harness.Host = new HostTools(_exports, LinuxFileSystem.Instance);
        _harness.Options = _harness.Options with { ExportsDirectory = _exports.ExportsDirectory, ExportsFile = _exports.ExportsFile };
        return _exports;
    }

    private string XmConfig(string annotation, string extra = "ip = \"192.0.2.11\"\n") => _harness.Config("nfsguest.cfg",
        "name = \"nfsguest\"\nkernel = \"/boot/vmlinuz\"\nmemory = 128\nvif = [ 'bridge=xenbr0' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\n" +
        $"nfs_root = \"{{root}}/export/vm1root\"  # xcfg: {annotation}\n" + extra);

    [SkippableFact]
    public void The_root_is_created_populated_and_exported_to_exactly_the_guest_then_found_again()
    {
        var exports = Exports();
        _harness.Directory("export");
        var rootfs = _harness.Directory("rootfs");
        File.WriteAllText(Path.Combine(rootfs, "hostname"), "nfsguest\n");
        _harness.Directory("rootfs/etc");
        var config = XmConfig($"populate={rootfs}");
        var path = _harness.PathOf("export/vm1root");

        var plan = _harness.Run(apply: false, config);
        Assert.Equal(ProvisionExitCodes.Changes, plan.Code);
        Assert.Equal(
            [$"+ directory {path}", $"+ export {exports.ExportsDirectory}/xcfg-nfsguest.exports", $"+ exportfs 192.0.2.11:{path}"],
            Harness.Lines(_harness.Plan(config)));

        var applied = _harness.Run(apply: true, config);
        Assert.Equal(ProvisionExitCodes.Changes, applied.Code);
        Assert.Equal("nfsguest\n", File.ReadAllText(Path.Combine(path, "hostname")));
        Assert.True(Directory.Exists(Path.Combine(path, "etc")));
        Assert.Equal($"{path} 192.0.2.11(rw,sync,no_subtree_check,no_root_squash)\n", File.ReadAllText(Path.Combine(exports.ExportsDirectory, "xcfg-nfsguest.exports")));
        // What exportfs made of it: one client, never the world.
        var etab = exports.Etab.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(etab);
        Assert.StartsWith($"{path}\t192.0.2.11(rw,sync,", line, StringComparison.Ordinal);
        Assert.DoesNotContain("*(", exports.Etab, StringComparison.Ordinal);
        Assert.Contains($"exportfs -s shows {path} exported to 192.0.2.11 alone, and nothing above or inside it to anyone else", applied.Output, StringComparison.Ordinal);

        var again = _harness.Run(apply: true, config);
        Assert.Equal(ProvisionExitCodes.Success, again.Code);
        Assert.Contains("Plan: 0 to create, 3 unchanged, 0 refused.", again.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_client_comes_from_ip_on_the_kernel_command_line_under_xl()
    {
        var exports = Exports();
        _harness.Dialect = Dialect.Xl;
        _harness.Directory("export");
        File.WriteAllText(Path.Combine(_harness.Directory("skel"), ".profile"), "# guest profile\n");
        var config = _harness.Config("vm2.cfg",
            "name = \"vm2\"\nkernel = \"/boot/vmlinuz\"\nvif = [ '' ]\nroot = \"/dev/nfs\"\n" +
            "extra = \"nfsroot=192.0.2.1:{root}/export/vm2 ip=192.0.2.12:192.0.2.1:192.0.2.254:255.255.255.0:vm2:eth0:off\"  # xcfg: populate={root}/skel\n");

        Assert.Equal(ProvisionExitCodes.Changes, _harness.Run(apply: true, config).Code);

        Assert.StartsWith($"{_harness.PathOf("export/vm2")}\t192.0.2.12(", Assert.Single(exports.Etab.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_root_already_exported_to_the_world_is_refused()
    {
        var exports = Exports();
        _harness.Directory("export/vm1root");
        Directory.CreateDirectory(exports.ExportsDirectory);
        // The old Xen manual's line: the blank before the options exports read-write to every host.
        File.WriteAllText(Path.Combine(exports.ExportsDirectory, "manual.exports"), $"{_harness.PathOf("export/vm1root")} (rw,no_root_squash)\n");
        Assert.True(exports.Run(["exportfs", "-ra"]).Succeeded);

        var plan = _harness.Plan(XmConfig("client=192.0.2.11"));

        var export = plan.Resources.OfType<ExportResource>().Single();
        Assert.Equal(PlanAction.Refused, export.Action);
        var root = _harness.PathOf("export/vm1root");
        Assert.Equal(
            $"{root} would not be exported to 192.0.2.11 alone: {root} (the NFS root itself) is exported to the world (*) by {exports.ExportsDirectory}/manual.exports line 1; "
            + $"{root} (the NFS root itself) is exported to the world (*) right now (exportfs -s); remove those exports (or narrow them to 192.0.2.11) first",
            export.Reason);
    }

    [SkippableFact]
    public void An_exports_file_with_other_content_is_never_overwritten()
    {
        var exports = Exports();
        _harness.Directory("export");
        Directory.CreateDirectory(exports.ExportsDirectory);
        File.WriteAllText(Path.Combine(exports.ExportsDirectory, "xcfg-nfsguest.exports"), "# hand-edited\n");

        var export = _harness.Plan(XmConfig("client=192.0.2.11")).Resources.OfType<ExportResource>().Single();

        Assert.Equal(PlanAction.Refused, export.Action);
        Assert.Equal($"{exports.ExportsDirectory}/xcfg-nfsguest.exports exists with other content: never overwritten", export.Reason);
    }

    [Fact]
    public void A_guest_on_dhcp_without_client_is_refused_and_placeholders_are_refused()
    {
        _harness.Host = new HostTools(new RecordingRunner(), new FakeFileSystem());

        var dhcp = Assert.Single(_harness.Plan(XmConfig("populate=/srv/rootfs", extra: "dhcp = \"dhcp\"\n")).Resources);
        Assert.Equal("nfs root", dhcp.Label);
        Assert.StartsWith("line 7: the guest has no static address in this config", dhcp.Reason, StringComparison.Ordinal);

        var placeholder = _harness.Config("broken.cfg", "name = \"nfsbroken\"\nvif = [ '' ]\nroot = '/dev/nfs'\nnfs_server = '192.0.2.1'\nnfs_root = '/path/to/root'  # xcfg: client=192.0.2.11\nip = '192.0.2.11'\n");
        var refused = _harness.Plan(placeholder).Resources;
        Assert.All(refused, resource => Assert.Equal(PlanAction.Refused, resource.Action));
        Assert.StartsWith("the config has an error here (XCFG0162): `nfs_root` is `/path/to/root`, a placeholder", refused[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_live_nfs_server_the_steps_are_exactly_these()
    {
        var files = new FakeFileSystem().Directory("/export").Directory("/etc/exports.d");
        var active = new List<string>();
        var runner = new RecordingRunner()
            .On(["exportfs", "-s"], _ => new CommandResult(0, string.Concat(active.Select(line => line + "\n")), string.Empty))
            .On(["exportfs", "-i"], _ =>
            {
                active.Add("/export/vm1root  192.0.2.11(sync,wdelay,hide,no_subtree_check,sec=sys,rw,no_root_squash,no_all_squash)");
                return new CommandResult(0, string.Empty, string.Empty);
            });
        _harness.Host = new HostTools(runner, files);
        var config = _harness.Config("nfsguest.cfg", "name = \"nfsguest\"\nvif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1root\"  # xcfg: client=192.0.2.11\n");

        Assert.Equal(ProvisionExitCodes.Changes, _harness.Run(apply: true, config).Code);

        Assert.Equal(["create-directory /export/vm1root", "write-file /etc/exports.d/xcfg-nfsguest.exports /export/vm1root 192.0.2.11(rw,sync,no_subtree_check,no_root_squash)\n"], files.Changes);
        Assert.Equal(["exportfs -i -o rw,sync,no_subtree_check,no_root_squash 192.0.2.11:/export/vm1root"], runner.Changes);
        Assert.Equal(ProvisionExitCodes.Success, _harness.Run(apply: true, config).Code);
    }
}
