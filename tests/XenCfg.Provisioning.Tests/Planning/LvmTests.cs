using XenCfg.Provisioning.Host;
using XenCfg.Provisioning.Planning;
using XenCfg.Provisioning.Tests.Support;

namespace XenCfg.Provisioning.Tests.Planning;

/// <summary>
/// LVM for real: a volume group on a loop device, the provisioner's vgs/lvs preflight and lvcreate running against
/// it (metadata only, as this kernel has no device-mapper; see <see cref="MetadataOnlyLvm"/>).
/// </summary>
public sealed class LvmTests : IDisposable
{
    private readonly Harness _harness = new();
    private LoopVolumeGroup? _group;
    private MetadataOnlyLvm? _lvm;

    public void Dispose()
    {
        try
        {
            _group?.Dispose();
        }
        finally
        {
            _harness.Dispose();
        }
    }

    private LoopVolumeGroup Group(int megabytes = 64)
    {
        _group = LoopVolumeGroup.Create(megabytes);
        _lvm = new MetadataOnlyLvm(_group.Name, _harness.PathOf("stand-ins"), ProcessCommandRunner.Instance, LinuxFileSystem.Instance);
        _harness.Host = _lvm.Host;
        return _group;
    }

    private string Config(string name, string disks) =>
        _harness.Config(name + ".cfg", $"name = \"{name}\"\nkernel = \"/boot/vmlinuz\"\nmemory = 256\ndisk = [\n{disks}\n]\n");

    [SkippableFact]
    public void A_volume_is_planned_from_real_vgs_numbers_created_rounded_to_whole_extents_and_found_again()
    {
        var group = Group();
        var config = Config("vm1", $"  'phy:{group.Name}/lv1,xvda,w',  # xcfg: size=10M");

        var plan = _harness.Run(apply: false, config);
        Assert.Equal(ProvisionExitCodes.Changes, plan.Code);
        Assert.Contains($"+ volume  {group.Name}/lv1 — 10M, rounded up to 12M (3 extents)", plan.Output, StringComparison.Ordinal);
        Assert.Empty(group.Volumes());

        var applied = _harness.Run(apply: true, config);
        Assert.Equal(ProvisionExitCodes.Changes, applied.Code);
        Assert.Contains($"done; verified: lvs shows {group.Name}/lv1, 12582912 bytes", applied.Output, StringComparison.Ordinal);
        Assert.Equal([("lv1", 12L << 20, string.Empty)], group.Volumes());
        // What a host with device-mapper runs (this one runs it metadata-only).
        Assert.Contains(["lvcreate", "--yes", "-W", "y", "-Z", "y", "-L", "10M", "-n", "lv1", group.Name], _lvm!.Requested);

        var again = _harness.Run(apply: true, config);
        Assert.Equal(ProvisionExitCodes.Success, again.Code);
        Assert.Contains($"= volume  {group.Name}/lv1 — exists, 12M", again.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Volumes_that_together_do_not_fit_in_the_free_extents_are_all_refused()
    {
        var group = Group();
        var config = Config("vm1", $"  'phy:{group.Name}/a,xvda,w',  # xcfg: size=32M\n  'phy:{group.Name}/b,xvdb,w',  # xcfg: size=30M");

        var result = _harness.Run(apply: true, config);

        Assert.Equal(ProvisionExitCodes.Refused, result.Code);
        var reason = $"not enough room in volume group {group.Name}: 15 free extents (60M), the plan needs 16 (64M)";
        Assert.Contains($"! volume  {group.Name}/a — refused: {reason}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"! volume  {group.Name}/b — refused: {reason}", result.Output, StringComparison.Ordinal);
        Assert.Empty(group.Volumes());
        Assert.DoesNotContain(_lvm!.Requested, argv => argv[0] == "lvcreate");
    }

    [SkippableFact]
    public void The_real_lvcreate_agrees_that_the_space_is_not_there()
    {
        // The provisioner's arithmetic is LVM's: one extent more than is free fails in lvcreate itself too.
        var group = Group();
        var result = Commands.Run("lvcreate", "--config", LoopVolumeGroup.NoActivation, "--test", "-an", "-Zn", "-L", "64M", "-n", "big", group.Name);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("insufficient free space (15 extents): 16 required", result.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_missing_volume_group_is_refused()
    {
        Group();
        var plan = _harness.Plan(Config("vm1", "  'phy:/dev/xcfgnosuchvg/lv1,xvda,w',  # xcfg: size=8M"));

        var volume = Assert.Single(plan.Resources);
        Assert.Equal(PlanAction.Refused, volume.Action);
        Assert.Equal("the volume group xcfgnosuchvg does not exist (vgs)", volume.Reason);
    }

    [SkippableFact]
    public void An_existing_volume_of_another_size_is_never_resized_and_one_of_the_same_size_is_kept()
    {
        var group = Group();
        group.CreateVolume("small", "8M");
        group.CreateVolume("same", "12M");

        var plan = _harness.Plan(Config("vm1", $"  'phy:{group.Name}/small,xvda,w',  # xcfg: size=16M\n  'phy:/dev/mapper/{group.Name}-same,xvdb,w',  # xcfg: size=10M"));

        Assert.Equal([$"! volume {group.Name}/small", $"= volume {group.Name}/same"], Harness.Lines(plan));
        Assert.Equal($"{group.Name}/small exists with 8M, the annotation asks for 16M (16M in whole extents): a volume is never resized", plan.Resources[0].Reason);
    }

    [SkippableFact]
    public void An_existing_inactive_volume_cannot_be_checked_so_a_file_system_on_it_is_refused()
    {
        var group = Group();
        group.CreateVolume("old", "8M");

        var plan = _harness.Plan(Config("vm1", $"  'phy:{group.Name}/old,xvda,w',  # xcfg: size=8M fs=ext4"));

        Assert.Equal([$"= volume {group.Name}/old", $"! ext4 /dev/{group.Name}/old"], Harness.Lines(plan));
        Assert.Equal($"{group.Name}/old exists but is not active (/dev/{group.Name}/old is missing), so its contents cannot be checked; activate it (lvchange -ay {group.Name}/old) and run again", plan.Resources[1].Reason);
    }

    [SkippableFact]
    public void A_master_with_a_file_system_and_its_snapshots_are_created_in_order_and_found_again()
    {
        HostRequirements.Tools("mkfs.ext4", "blkid", "dumpe2fs", "e2fsck");
        var group = Group();
        var master = Config("master", $"  'phy:{group.Name}/master,xvda,w',  # xcfg: size=16M fs=ext4 label=master");
        var clone = Config("clone1", $"  'phy:{group.Name}/clone1,xvda,w',  # xcfg: snapshot-of={group.Name}/master size=4M");

        var applied = _harness.Run(apply: true, clone, master);

        Assert.Equal(ProvisionExitCodes.Changes, applied.Code);
        Assert.Equal(
            [
                $"lvcreate --yes -W y -Z y -L 16M -n master {group.Name}",
                $"mkfs.ext4 -F -q -b 4096 -E root_owner=0:0 -L master -- /dev/{group.Name}/master",
                $"lvcreate -s -L 4M -n clone1 {group.Name}/master",
            ],
            _lvm!.Requested.Where(argv => argv[0] is "lvcreate" or "mkfs.ext4").Select(argv => string.Join(' ', argv)));
        // Real lvs: both volumes with their extent-rounded sizes. The snapshot is a plain volume standing in for one
        // (no snapshots on this kernel); its origin is what the stand-in reports.
        Assert.Equal([("clone1", 4L << 20), ("master", 16L << 20)], group.Volumes().Select(volume => (volume.Name, volume.Size)).Order());
        Assert.Equal("master", _harness.Host.LogicalVolumes().Single(volume => volume.Name == "clone1").Origin);

        var again = _harness.Run(apply: true, clone, master);
        Assert.Equal(ProvisionExitCodes.Success, again.Code);
        Assert.Contains($"= snapshot  {group.Name}/clone1 — exists, snapshot of {group.Name}/master", again.Output, StringComparison.Ordinal);
        Assert.Contains($"= ext4      /dev/{group.Name}/master — holds ext4 labelled master", again.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_snapshot_of_a_volume_no_one_creates_is_refused()
    {
        var group = Group();

        var plan = _harness.Plan(Config("clone1", $"  'phy:{group.Name}/clone1,xvda,w',  # xcfg: snapshot-of={group.Name}/master size=4M"));

        var snapshot = Assert.Single(plan.Resources);
        Assert.Equal(PlanAction.Refused, snapshot.Action);
        Assert.Equal($"the origin {group.Name}/master does not exist, and no config of this run creates it", snapshot.Reason);
    }
}
