using XenCfg.Provisioning.Planning;
using XenCfg.Provisioning.Tests.Support;

namespace XenCfg.Provisioning.Tests.Planning;

/// <summary>
/// What the provisioner runs on a host with device-mapper (active volumes with device nodes, real snapshots), which
/// this kernel cannot offer: a simulated LVM host answers, and the tests assert the exact argv.
/// </summary>
public sealed class RecordedLvmTests : IDisposable
{
    private readonly Harness _harness = new();
    private readonly SimulatedLvm _lvm = new(new FakeFileSystem());

    public RecordedLvmTests()
    {
        _harness.Host = _lvm.Host;
    }

    public void Dispose() => _harness.Dispose();

    private string Config(string name, string disks) =>
        _harness.Config(name + ".cfg", $"name = \"{name}\"\nkernel = \"/boot/vmlinuz\"\nmemory = 256\ndisk = [\n{disks}\n]\n");

    [Fact]
    public void Master_and_clones_run_exactly_these_commands()
    {
        _lvm.Group("vg", freeExtents: 2000);
        var master = Config("master", "  'phy:vg/myvmdisk1,sda1,w',  # xcfg: size=4G fs=ext4 label=master");
        var clone1 = Config("clone1", "  'phy:vg/myclonedisk1,sda1,w',  # xcfg: snapshot-of=vg/myvmdisk1 size=1024M");
        var clone2 = Config("clone2", "  'phy:vg/myclonedisk2,sda1,w',  # xcfg: snapshot-of=vg/myvmdisk1 size=1G");

        var applied = _harness.Run(apply: true, master, clone1, clone2);

        Assert.True(applied.Code == ProvisionExitCodes.Changes, applied.Output);
        Assert.Equal(
            [
                "lvcreate --yes -W y -Z y -L 4G -n myvmdisk1 vg",
                "mkfs.ext4 -F -q -b 4096 -E root_owner=0:0 -L master -- /dev/vg/myvmdisk1",
                "lvcreate -s -L 1G -n myclonedisk1 vg/myvmdisk1",
                "lvcreate -s -L 1G -n myclonedisk2 vg/myvmdisk1",
            ],
            _lvm.Runner.Changes);
        Assert.Contains(["blkid", "-p", "-o", "udev", "--", "/dev/vg/myvmdisk1"], _lvm.Runner.Calls);
        Assert.Contains(["e2fsck", "-f", "-n", "--", "/dev/vg/myvmdisk1"], _lvm.Runner.Calls);

        _lvm.Runner.Calls.Clear();
        var again = _harness.Run(apply: true, master, clone1, clone2);
        Assert.Equal(ProvisionExitCodes.Success, again.Code);
        Assert.Empty(_lvm.Runner.Changes);
    }

    [Fact]
    public void A_swap_volume_is_made_with_mkswap()
    {
        _lvm.Group("vg", freeExtents: 100);

        Assert.Equal(ProvisionExitCodes.Changes, _harness.Run(apply: true, Config("vm1", "  'phy:vg/swap,xvdb,w',  # xcfg: size=256M fs=swap label=swap uuid=0b9c8a7e-1111-4222-8333-444455556666")).Code);

        Assert.Equal(["lvcreate --yes -W y -Z y -L 256M -n swap vg", "mkswap -L swap -U 0b9c8a7e-1111-4222-8333-444455556666 -- /dev/vg/swap"], _lvm.Runner.Changes);
    }

    [Fact]
    public void An_existing_blank_volume_is_formatted_but_one_holding_data_is_not()
    {
        _lvm.Group("vg", freeExtents: 100).Volume("vg", "blank", 8L << 20).Volume("vg", "used", 8L << 20);
        _lvm.Files.BlockDevice("/dev/vg/used", "253:77", withData: true);

        var plan = _harness.Plan(Config("vm1", "  'phy:vg/blank,xvda,w',  # xcfg: size=8M fs=ext4\n  'phy:vg/used,xvdb,w',  # xcfg: size=8M fs=ext4"));

        Assert.Equal(["= volume vg/blank", "+ ext4 /dev/vg/blank", "= volume vg/used", "! ext4 /dev/vg/used"], Harness.Lines(plan));
        Assert.Equal([new AllZeroGuard("/dev/vg/blank", 8L << 20)], plan.Resources[1].Guards);
    }

    [Fact]
    public void A_mounted_or_busy_volume_is_never_formatted()
    {
        _lvm.Group("vg", freeExtents: 100).Volume("vg", "mounted", 8L << 20).Volume("vg", "busy", 8L << 20);
        _lvm.Files.Text("/proc/self/mountinfo", "30 1 253:0 / /srv/data rw,relatime shared:1 - ext4 /dev/mapper/vg-mounted rw\n");
        _lvm.Files.Busy.Add("/dev/vg/busy");

        var plan = _harness.Plan(Config("vm1", "  'phy:vg/mounted,xvda,w',  # xcfg: size=8M fs=ext4\n  'phy:vg/busy,xvdb,w',  # xcfg: size=8M fs=ext4"));

        // The volume itself is refused first: the config writes a device dom0 has mounted (XCFG0310).
        Assert.Equal("in use on this host (XCFG0310): `vg/mounted` is mounted in dom0 at /srv/data (read-write): xl's hotplug script refuses to attach a mounted device read-write (\"mounted in the privileged domain\"); unmount it in dom0 first, or give the guest another disk", plan.Resources[0].Reason);
        Assert.Equal("its volume vg/mounted is refused", plan.Resources[1].Reason);
        Assert.Equal("/dev/vg/busy has no file system and is busy (held open exclusively: mounted, swap, or used by another device)", plan.Resources[3].Reason);
    }

    [Fact]
    public void A_volume_with_another_file_system_or_a_snapshot_of_something_else_is_refused()
    {
        _lvm.Group("vg", freeExtents: 100)
            .Volume("vg", "data", 8L << 20, filesystem: "xfs")
            .Volume("vg", "master", 8L << 20)
            .Volume("vg", "other", 8L << 20)
            .Volume("vg", "clone", 4L << 20, origin: "other");

        var plan = _harness.Plan(Config("vm1", "  'phy:vg/data,xvda,w',  # xcfg: size=8M fs=ext4\n  'phy:vg/clone,xvdb,w',  # xcfg: snapshot-of=vg/master size=4M"));

        Assert.Equal("/dev/vg/data holds xfs, the annotation says ext4: never reformatted", plan.Resources[1].Reason);
        Assert.Equal("vg/clone exists as a snapshot of vg/other, not of vg/master", plan.Resources[2].Reason);
    }

    [Fact]
    public void Lvm_not_installed_refuses_the_volumes_with_the_reason()
    {
        var runner = new RecordingRunner().On(["vgs"], Host.CommandResult.NotFound, error: "vgs: No such file or directory");
        _harness.Host = new Host.HostTools(runner, new FakeFileSystem());

        var volume = Assert.Single(_harness.Plan(Config("vm1", "  'phy:vg/lv,xvda,w',  # xcfg: size=8M")).Resources);

        Assert.Equal("cannot list the volume groups: vgs is not installed", volume.Reason);
    }

    [Fact]
    public void A_volume_taken_by_someone_else_between_plan_and_apply_stops_the_run_and_earlier_work_is_reported()
    {
        _lvm.Group("vg", freeExtents: 100);
        var config = Config("vm1", "  'phy:vg/a,xvda,w',  # xcfg: size=8M\n  'phy:vg/b,xvdb,w',  # xcfg: size=8M");
        var plan = _harness.Plan(config);
        var journal = new Execution.MemoryJournal();
        var executor = new Execution.Executor(_harness.Host, journal, TextWriter.Null);
        // Someone makes vg/b while vg/a is being created.
        _lvm.Runner.On(argv => argv is ["lvcreate", .., "a", "vg"], argv =>
        {
            _lvm.Volume("vg", "a", 8L << 20).Volume("vg", "b", 8L << 20);
            return new Host.CommandResult(0, string.Empty, string.Empty);
        });

        var result = executor.Apply(plan);

        Assert.Equal(ProvisionExitCodes.PartlyApplied, result.ExitCode);
        Assert.Equal(["start", "done", "stopped", "end"], journal.Entries.Select(entry => entry.Event));
        Assert.Equal("vg/b appeared since the plan was made", journal.Entries[2].Detail);
    }
}
