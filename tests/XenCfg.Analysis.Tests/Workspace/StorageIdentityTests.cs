using XenCfg.Analysis.Workspace;

namespace XenCfg.Analysis.Tests.Workspace;

public class StorageIdentityTests
{
    [Theory]
    [InlineData("/dev/vg/lv", "vg/lv")]
    [InlineData("vg/lv", "vg/lv")]
    [InlineData("/dev/mapper/vg-lv", "vg/lv")]
    [InlineData("/dev/mapper/my--vg-web--1", "my-vg/web-1")]
    [InlineData("/dev//vg/./lv", "vg/lv")]
    public void Logical_volume_names_are_one_key(string target, string expected)
    {
        var key = StorageIdentity.ForDisk(target, script: null);

        Assert.Equal(new StorageKey(StorageKind.LogicalVolume, expected), key);
    }

    [Theory]
    [InlineData("hda3", "/dev/hda", 3)]
    [InlineData("/dev/hda3", "/dev/hda", 3)]
    [InlineData("/dev/sdb", "/dev/sdb", null)]
    [InlineData("/dev/xvdb2", "/dev/xvdb", 2)]
    [InlineData("/dev/nvme0n1p2", "/dev/nvme0n1", 2)]
    [InlineData("/dev/nvme0n1", "/dev/nvme0n1", null)]
    [InlineData("/dev/mmcblk0p1", "/dev/mmcblk0", 1)]
    public void Block_devices_know_their_disk_and_partition(string target, string disk, int? partition)
    {
        Assert.Equal(new StorageKey(StorageKind.BlockDevice, disk, partition), StorageIdentity.ForDisk(target, script: null));
    }

    [Fact]
    public void A_whole_disk_overlaps_its_partitions_but_partitions_do_not_overlap_each_other()
    {
        var disk = StorageIdentity.ForDisk("/dev/sdb", null)!;
        var first = StorageIdentity.ForDisk("/dev/sdb1", null)!;
        var second = StorageIdentity.ForDisk("sdb2", null)!;

        Assert.True(disk.Overlaps(first));
        Assert.True(first.Overlaps(disk));
        Assert.False(first.Overlaps(second));
        Assert.True(first.Overlaps(StorageIdentity.ForDisk("/dev/sdb1", null)!));
    }

    [Theory]
    [InlineData("/srv/xen/../xen/vm1.img", "/srv/xen/vm1.img")]
    [InlineData("/srv//xen/./vm1.img", "/srv/xen/vm1.img")]
    [InlineData("/../srv/vm1.img", "/srv/vm1.img")]
    public void File_paths_are_normalised(string target, string expected)
    {
        Assert.Equal(new StorageKey(StorageKind.File, expected), StorageIdentity.ForDisk(target, null));
    }

    [Theory]
    [InlineData("iqn.2001-05.com.example:disk1", "block-iscsi", "iscsi:iqn.2001-05.com.example:disk1")]
    [InlineData("app01", "block-drbd", "drbd:app01")]
    [InlineData("134.100.233.115 20004", "block-nbd", "nbd:134.100.233.115 20004")]
    public void Network_disks_are_named_by_protocol_and_target(string target, string script, string expected)
    {
        Assert.Equal(new StorageKey(StorageKind.Network, expected), StorageIdentity.ForDisk(target, script));
    }

    [Fact]
    public void Devices_under_system_folders_are_not_mistaken_for_volume_groups()
    {
        Assert.Equal(StorageKind.BlockDevice, StorageIdentity.ForDisk("/dev/disk/by-id/ata-disk1", null)!.Kind);
        Assert.Equal(StorageKind.BlockDevice, StorageIdentity.ForDisk("/dev/md/data", null)!.Kind);
        Assert.Equal(StorageKind.BlockDevice, StorageIdentity.ForDisk("/dev/zvol/tank/vm1", null)!.Kind);
    }

    [Fact]
    public void Nfs_roots_are_server_and_normalised_path()
    {
        Assert.Equal(StorageIdentity.ForNfsRoot("192.0.2.1", "/export//vm1/"), StorageIdentity.ForNfsRoot("192.0.2.1", "/export/vm1"));
        Assert.NotEqual(StorageIdentity.ForNfsRoot("192.0.2.1", "/export/vm1"), StorageIdentity.ForNfsRoot("192.0.2.2", "/export/vm1"));
    }

    [Theory]
    [InlineData("vg-lv", "vg", "lv")]
    [InlineData("my--vg-web--1", "my-vg", "web-1")]
    [InlineData("a---b", "a-", "b")]
    public void Device_mapper_names_split_on_the_single_hyphen(string name, string group, string volume)
    {
        Assert.Equal((group, volume), StorageIdentity.SplitMapperName(name));
    }

    [Theory]
    [InlineData("novolume")]
    [InlineData("-lv")]
    [InlineData("vg-")]
    public void Device_mapper_names_without_both_parts_are_not_volumes(string name)
    {
        Assert.Equal((null, null), StorageIdentity.SplitMapperName(name));
    }
}
