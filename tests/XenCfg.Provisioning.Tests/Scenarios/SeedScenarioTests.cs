using XenCfg.Provisioning.Host;
using XenCfg.Provisioning.Planning;
using XenCfg.Provisioning.Tests.Support;
using XenCfg.Syntax;
using XenCfg.TestKit;

namespace XenCfg.Provisioning.Tests.Scenarios;

/// <summary>
/// The seed scenarios of ../shared/corpus/seed-scenarios, annotated, their paths moved into a scratch directory and
/// their volume group replaced by a loop-device one: plan, apply, apply again (all unchanged), for real as far as
/// this machine allows (LVM metadata-only with stand-in devices, exportfs in a private mount namespace).
/// </summary>
public sealed class SeedScenarioTests : IDisposable
{
    private readonly Harness _harness = new() { Dialect = Dialect.Xm };
    private readonly List<IDisposable> _cleanup = [];

    public void Dispose()
    {
        try
        {
            _cleanup.AsEnumerable().Reverse().ToList().ForEach(item => item.Dispose());
        }
        finally
        {
            _harness.Dispose();
        }
    }

    /// <summary>A copy of a seed config with some text replaced and an annotation added at the end of one line.</summary>
    private string Annotated(string seed, string line, string annotation, params (string From, string To)[] replacements)
    {
        var text = File.ReadAllText(Path.Combine(Corpus.SeedScenarios, seed));
        foreach (var (from, to) in replacements)
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, candidate => candidate.StartsWith(line, StringComparison.Ordinal));
        Assert.True(index >= 0, $"{seed} has no line starting with {line}");
        lines[index] += "  # xcfg: " + annotation;
        return _harness.Config(seed, string.Join('\n', lines));
    }

    [SkippableFact]
    public void File_backed_lvm_master_and_clones_and_nfs_root_plan_apply_and_reapply_unchanged()
    {
        Corpus.Require();
        HostRequirements.Tools("mkfs.ext3", "mkfs.ext4", "blkid", "dumpe2fs", "debugfs", "e2fsck", "cp");
        var group = LoopVolumeGroup.Create(64);
        _cleanup.Add(group);
        var exports = new NamespacedExports();
        _cleanup.Add(exports);
        var lvm = new MetadataOnlyLvm(group.Name, _harness.PathOf("stand-ins"), exports, LinuxFileSystem.Instance);
        _harness.Host = lvm.Host;
        _harness.Options = _harness.Options with { ExportsDirectory = exports.ExportsDirectory, ExportsFile = exports.ExportsFile };
        _harness.Directory("srv/xen");
        _harness.Directory("export");
        var rootfs = _harness.Directory("rootfs");
        _harness.Directory("rootfs/etc");
        File.WriteAllText(Path.Combine(rootfs, "etc", "hostname"), "seed\n");
        var vg = (From: "vg/", To: group.Name + "/");
        string[] configs =
        [
            Annotated("file-backed.cfg", "disk", $"size=2G fs=ext3 populate={rootfs}", ("/srv/xen/", "{root}/srv/xen/")),
            Annotated("lvm-master.cfg", "disk", $"size=16M fs=ext4 label=master populate={rootfs}", vg),
            Annotated("lvm-clone1.cfg", "disk", $"snapshot-of={group.Name}/myvmdisk1 size=8M", vg),
            Annotated("lvm-clone2.cfg", "disk", $"snapshot-of={group.Name}/myvmdisk1 size=8M", vg),
            Annotated("nfs-root-static.cfg", "nfs_root", $"populate={rootfs}", ("/export/", "{root}/export/")),
        ];
        var image = _harness.PathOf("srv/xen/vm1disk");
        var nfsRoot = _harness.PathOf("export/vm1root");

        var plan = _harness.Plan(configs);
        Assert.Equal(
            [
                $"+ image {image}", $"+ ext3 {image}",
                $"+ volume {group.Name}/myvmdisk1", $"+ ext4 /dev/{group.Name}/myvmdisk1",
                $"+ snapshot {group.Name}/myclonedisk1", $"+ snapshot {group.Name}/myclonedisk2",
                $"+ directory {nfsRoot}", $"+ export {exports.ExportsDirectory}/xcfg-nfsguest.exports", $"+ exportfs 192.0.2.11:{nfsRoot}",
            ],
            Harness.Lines(plan));
        Assert.Equal(ProvisionExitCodes.Changes, _harness.Run(apply: false, configs).Code);

        var applied = _harness.Run(apply: true, configs);
        Assert.True(applied.Code == ProvisionExitCodes.Changes, applied.Output);
        Assert.Contains("Applied: 9 created.", applied.Output, StringComparison.Ordinal);
        Assert.Equal("seed\n", Commands.Must("debugfs", "-R", "cat /etc/hostname", image));
        Assert.Contains("TYPE=ext3", Commands.Must("blkid", "-p", "-o", "export", image), StringComparison.Ordinal);
        Assert.Equal(["myclonedisk1", "myclonedisk2", "myvmdisk1"], group.Volumes().Select(volume => volume.Name).Order());
        Assert.Equal("seed\n", File.ReadAllText(Path.Combine(nfsRoot, "etc", "hostname")));
        Assert.StartsWith($"{nfsRoot}\t192.0.2.11(", Assert.Single(exports.Etab.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);

        var again = _harness.Run(apply: true, configs);
        Assert.True(again.Code == ProvisionExitCodes.Success, again.Output);
        Assert.Contains("Plan: 0 to create, 9 unchanged, 0 refused.", again.Output, StringComparison.Ordinal);
        Assert.All(_harness.Plan(configs).Resources, resource => Assert.Equal(PlanAction.Unchanged, resource.Action));
    }

    [SkippableFact]
    public void The_other_seeds_are_refused_for_the_reasons_their_comments_give()
    {
        Corpus.Require();
        var lvm = new SimulatedLvm(new FakeFileSystem().Directory("/export")).Group("vg", 1000);
        lvm.Runner.On(["exportfs", "-s"], 0);
        _harness.Host = lvm.Host;
        // shared-rw-b is written in xl's keyword syntax, which xm could not read.
        _harness.Dialect = Dialect.Xl;
        string[] configs =
        [
            // One disk per line, so the annotation names the shared volume alone.
            Annotated("shared-rw-a.cfg", "disk", "size=1G", ("', 'phy:/dev/vg/web-a-root", "',\n         'phy:/dev/vg/web-a-root")),
            Annotated("shared-rw-b.cfg", "disk", "size=1G"),
            Annotated("nfs-root-dhcp.cfg", "nfs_root", "populate=/srv/rootfs"),
            Annotated("nfs-root-broken.cfg", "nfs_root", "client=192.0.2.11"),
            Annotated("phy-partition.cfg", "disk", "size=1G"),
        ];

        var plan = _harness.Plan(configs);

        Assert.All(plan.Resources, resource => Assert.True(resource.Action == PlanAction.Refused, $"{resource.Label} {resource.Target}: {resource.Action} {resource.Reason}"));
        string Reason(string config) => plan.Resources.First(resource => resource.Origin.ConfigPath.EndsWith(config, StringComparison.Ordinal)).Reason!;
        Assert.StartsWith("sharing conflict (XCFG0300): `/dev/vg/shared` is written by `web-a`", Reason("shared-rw-a.cfg"), StringComparison.Ordinal);
        Assert.StartsWith("sharing conflict (XCFG0300): `/dev/vg/shared` is written by `web-b`", Reason("shared-rw-b.cfg"), StringComparison.Ordinal);
        Assert.Contains("the guest has no static address in this config", Reason("nfs-root-dhcp.cfg"), StringComparison.Ordinal);
        Assert.Contains("(XCFG0162): `nfs_root` is `/path/to/root`, a placeholder from documentation", Reason("nfs-root-broken.cfg"), StringComparison.Ordinal);
        Assert.Contains("the target `hda3` is the block device /dev/hda3", Reason("phy-partition.cfg"), StringComparison.Ordinal);
        Assert.Empty(lvm.Runner.Changes);
    }
}
