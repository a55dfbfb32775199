using XenCfg.Analysis;
using XenCfg.Analysis.Workspace;
using XenCfg.Cli.Host;
using XenCfg.Provisioning.Host;
using XenCfg.Provisioning.Planning;
using XenCfg.Provisioning.Tests.Support;
using XenCfg.Syntax;
using XenCfg.TestKit;

namespace XenCfg.Provisioning.Tests.Safety;

/// <summary>
/// Issue 12, case 10: the manual's own check. A disk a config uses is compared with what dom0 has mounted (by device
/// number, through LVM, partitions, device-mapper holders and loop devices), its swap, and the block backends of the
/// running domains in xenstore — in `lint --resolve`, in provision's preflight, and (see the language server's
/// HostChecksTests) in the editor. No Xen runs here: xenstore and the host's files are recorded answers, read through
/// the same interfaces as on a dom0; a loop-mounted image is checked for real by `xcfg lint --resolve`.
/// </summary>
public sealed class Dom0Tests : IDisposable
{
    private const string Xenstore = """
        /local/domain/0/name = "Domain-0"
        /local/domain/5/name = "web"
        /local/domain/5/vm = "/vm/1c4d3e8a-0000-4000-8000-000000000005"
        /local/domain/0/backend/vbd/5/51712/params = "/dev/vg/shared"
        /local/domain/0/backend/vbd/5/51712/mode = "w"
        /local/domain/0/backend/vbd/5/51712/physical-device = "fd:6"
        /local/domain/0/backend/vbd/5/51712/type = "phy"
        /local/domain/0/backend/vbd/5/51728/params = "/dev/vg/ro"
        /local/domain/0/backend/vbd/5/51728/mode = "r"
        /local/domain/0/backend/vbd/5/51728/physical-device = "fd:7"
        /local/domain/0/backend/qdisk/5/51744/params = "aio:/srv/xen/web\040data.img"
        /local/domain/0/backend/qdisk/5/51744/mode = "w"
        """;

    private readonly TempDirectory _directory = new("xcfg-dom0");
    private readonly FakeFileSystem _files = new();
    private readonly RecordingRunner _runner = new();

    public Dom0Tests()
    {
        _files.BlockDevice("/dev/vg/data", "253:3").BlockDevice("/dev/vg/swap", "253:4").BlockDevice("/dev/dm-4", "253:4")
            .BlockDevice("/dev/vg/pool", "253:8").BlockDevice("/dev/vg/shared", "253:6").BlockDevice("/dev/vg/ro", "253:7").BlockDevice("/dev/sdb", "8:16").BlockDevice("/dev/loop0", "7:0")
            .Directory("/srv/xen").Text("/srv/xen/db.img", new string('\0', 16)).Text("/srv/xen/web data.img", new string('\0', 16))
            .Text("/proc/self/mountinfo",
                "36 1 253:3 / /srv/data rw,relatime shared:1 - ext4 /dev/mapper/vg-data rw\n" +
                "37 1 7:0 / /mnt/img ro,relatime - ext4 /dev/loop0 ro\n" +
                "38 1 253:5 / /srv/lv2 rw,relatime - ext4 /dev/mapper/vg2-lv rw\n" +
                // btrfs shows an anonymous device number: its source names the device.
                "39 1 0:45 / /srv/pool rw,relatime - btrfs /dev/vg/pool rw\n")
            .Text("/proc/swaps", "Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n/dev/dm-4                               partition\t1048572\t0\t-2\n")
            // /dev/sdb is a physical volume of an LVM volume (dm-5) that dom0 has mounted.
            .Directory("/sys/dev/block/8:16").Directory("/sys/dev/block/8:16/holders").Directory("/sys/dev/block/8:16/holders/dm-5")
            .Text("/sys/dev/block/8:16/holders/dm-5/dev", "253:5\n").Directory("/sys/dev/block/8:16/holders/dm-5/dm").Text("/sys/dev/block/8:16/holders/dm-5/dm/name", "vg2-lv\n");
        var image = _files.Stat("/srv/xen/db.img")!;
        _runner
            .On(["losetup"], 0, $"{{\"loopdevices\": [ {{\"name\": \"/dev/loop0\", \"back-file\": \"/srv/xen/db.img\", \"back-ino\": {image.Inode}, \"back-maj:min\": \"{image.Device}\"}} ]}}")
            .On(["xenstore-ls", "-f", "/local/domain"], 0, Xenstore.Replace("\r", string.Empty, StringComparison.Ordinal) + "\n");
    }

    public void Dispose() => _directory.Dispose();

    private HostTools Host => new(_runner, _files);

    private const string Db = """
        name = "db"
        disk = [ 'phy:vg/data,xvda,w',
                 'phy:vg/swap,xvdb,w',
                 'phy:/dev/sdb,xvdc,r',
                 'file:/srv/xen/db.img,xvdd,w',
                 'phy:vg/shared,xvde,r',
                 'phy:vg/ro,xvdf,r',
                 'file:/srv/xen/web data.img,xvdg,w',
                 'phy:vg/pool,xvdh,r' ]
        """;

    private static List<(string Id, string Text, string Message)> Findings(string text, IStorageResolver resolver, string name = "/etc/xen/db.cfg", Dialect dialect = Dialect.Xl)
    {
        var options = new AnalysisOptions(dialect);
        var workspace = new ConfigWorkspace(resolver);
        workspace.Set(SyntaxTree.Parse(text, options.ParseOptions, name), options);
        return [.. workspace.GetDiagnostics(name)
            .Where(diagnostic => diagnostic.Id.StartsWith("XCFG031", StringComparison.Ordinal))
            .Select(diagnostic => (diagnostic.Id, text.Substring(diagnostic.Span.Start, diagnostic.Span.Length), diagnostic.Message))];
    }

    [Fact]
    public void Mounts_swap_holders_loops_and_running_domains_are_each_an_error_naming_the_mount_point_or_domain()
    {
        var found = Findings(Db, new HostStorageView(Host));

        Assert.Equal(
            [
                ("XCFG0310", "vg/data", "`vg/data` is mounted in dom0 at /srv/data (read-write): xl's hotplug script refuses to attach a mounted device read-write (\"mounted in the privileged domain\"); unmount it in dom0 first, or give the guest another disk"),
                ("XCFG0311", "vg/swap", "`vg/swap` is swap space of dom0 (/dev/dm-4): dom0 writes it at any moment, so a guest must not use it; `swapoff` it first, or give the guest another disk"),
                ("XCFG0310", "/dev/sdb", "`/dev/sdb` is mounted in dom0 at /srv/lv2 through /dev/mapper/vg2-lv (dm-5) (read-write): xl's hotplug script refuses even a read-only attach while dom0 has it mounted read-write; remount it read-only in dom0, or give the guest another disk"),
                ("XCFG0310", "/srv/xen/db.img", "`/srv/xen/db.img` is mounted in dom0 at /mnt/img through /dev/loop0 (read-only): xl's hotplug script refuses to attach a mounted device read-write (\"mounted in the privileged domain\"); unmount it in dom0 first, or give the guest another disk"),
                ("XCFG0312", "vg/shared", "`vg/shared` is attached read-write to the running domain `web`: xl's hotplug script refuses a read-only attach while another domain writes it; give this guest another disk"),
                ("XCFG0312", "/srv/xen/web data.img", "`/srv/xen/web data.img` is attached read-write to the running domain `web`: xl's hotplug script refuses a read-write attach while another domain uses it; stop that domain, or give this one another disk"),
                ("XCFG0310", "vg/pool", "`vg/pool` is mounted in dom0 at /srv/pool (read-write): xl's hotplug script refuses even a read-only attach while dom0 has it mounted read-write; remount it read-only in dom0, or give the guest another disk"),
            ],
            found);
    }

    [Fact]
    public void The_domain_itself_and_read_only_sharing_are_no_conflict_and_without_a_host_nothing_is_reported()
    {
        Assert.Empty(Findings("name = \"web\"\ndisk = [ 'phy:vg/shared,xvda,w', 'phy:vg/ro,xvdb,r' ]\n", new HostStorageView(Host), "/etc/xen/web.cfg"));
        Assert.Empty(Findings(Db, ConfigOnlyResolver.Instance));
        // xm's w! switches the hotplug script's check off, and so this one.
        Assert.Empty(Findings("name = \"db\"\ndisk = [ 'phy:vg/data,xvda,w!' ]\n", new HostStorageView(Host), dialect: Dialect.Xm));
    }

    [Fact]
    public void Not_a_dom0_without_xenstore_tools_leaves_out_only_the_running_domains()
    {
        _runner.On(["xenstore-ls"], CommandResult.NotFound, error: "xenstore-ls: No such file or directory");

        var found = Findings(Db, new HostStorageView(Host));

        Assert.Equal(["XCFG0310", "XCFG0311", "XCFG0310", "XCFG0310", "XCFG0310"], found.Select(finding => finding.Id));
    }

    [Fact]
    public void Lint_resolve_asks_the_same_probe()
    {
        var resolver = new HostStorageResolver(run: (_, _) => (1, string.Empty), dom0: () => new Dom0StorageProbe(Host));

        Assert.Equal(7, Findings(Db, resolver).Count);
    }

    [Fact]
    public void Provision_preflight_refuses_a_disk_in_use_and_names_the_domain()
    {
        var lvm = new SimulatedLvm(new FakeFileSystem()).Group("vg", 100).Volume("vg", "shared", 8L << 20);
        lvm.Runner.On(["xenstore-ls", "-f", "/local/domain"], 0, Xenstore.Replace("\r", string.Empty, StringComparison.Ordinal) + "\n");
        lvm.Files.BlockDevice("/dev/vg/shared", "253:6");
        using var harness = new Harness(lvm.Host);
        var config = harness.Config("db.cfg", "name = \"db\"\ndisk = [ 'phy:vg/shared,xvda,w' ]  # xcfg: size=8M\n");

        var volume = Assert.Single(harness.Plan(config).Resources);

        Assert.Equal("in use on this host (XCFG0312): `vg/shared` is attached read-write to the running domain `web`: xl's hotplug script refuses a read-write attach while another domain uses it; stop that domain, or give this one another disk", volume.Reason);
    }

    [SkippableFact]
    public void Lint_resolve_on_this_host_finds_an_image_loop_mounted_in_dom0()
    {
        HostRequirements.LoopDevices();
        HostRequirements.Tools("mkfs.ext4", "unshare", "mount", "bash");
        var image = Path.Combine(_directory.Path, "vm1.img");
        var mountPoint = Directory.CreateDirectory(Path.Combine(_directory.Path, "mnt")).FullName;
        Commands.Must("truncate", "-s", "16M", image);
        Commands.Must("mkfs.ext4", "-q", "-F", image);
        var config = _directory.Write("vm1.cfg", $"name = \"vm1\"\ndisk = [ 'file:{image},xvda,w' ]\n");
        const string Script = "set -eu; mount --make-rprivate /; mount -o loop \"$1\" \"$2\"; shift 2; exec \"$@\"";
        try
        {
            // The mount lives in a private namespace (its loop device is freed with it); xcfg runs inside it.
            var result = Commands.Run("unshare", "--mount", "--", "bash", "-c", Script, "xcfg-dom0-test", image, mountPoint,
                Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? HostRequirements.Find("dotnet") ?? "dotnet", "exec", Path.Combine(AppContext.BaseDirectory, "xcfg.dll"), "lint", "--resolve", config);

            Assert.True(result.ExitCode == 1, result.StandardOutput + result.StandardError);
            Assert.Contains("XCFG0310", result.StandardOutput, StringComparison.Ordinal);
            Assert.Matches($"`{System.Text.RegularExpressions.Regex.Escape(image)}` is mounted in dom0 at {System.Text.RegularExpressions.Regex.Escape(mountPoint)} through /dev/loop[0-9]+ \\(read-write\\)", result.StandardOutput);
        }
        finally
        {
            foreach (var line in Commands.Run("losetup", "-j", image).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Commands.Run("losetup", "-d", line[..line.IndexOf(':', StringComparison.Ordinal)]);
            }
        }
    }
}
