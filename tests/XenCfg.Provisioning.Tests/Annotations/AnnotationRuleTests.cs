using XenCfg.Analysis;
using XenCfg.Analysis.Provisioning;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Provisioning.Tests.Annotations;

/// <summary>What `xcfg lint` says about annotations: each diagnostic of XCFG0400–0415 with its exact span and message.</summary>
public class AnnotationRuleTests
{
    private const string Header = "name = \"vm1\"\nkernel = \"/boot/vmlinuz\"\nmemory = 256\n";

    private static List<(string Id, string Text, string Message)> Lint(string body, Dialect dialect = Dialect.Xl)
    {
        var text = Header + body;
        var options = new AnalysisOptions(dialect);
        var tree = SyntaxTree.Parse(text, options.ParseOptions, "/tmp/vm1.cfg");
        return [.. ConfigAnalyzer.Analyze(tree, options)
            .Where(diagnostic => diagnostic.Descriptor.Category == ProvisioningDescriptors.Category)
            .Select(diagnostic => (diagnostic.Id, text.Substring(diagnostic.Span.Start, diagnostic.Span.Length), diagnostic.Message))];
    }

    private static (string Id, string Text, string Message) Single(string body, Dialect dialect = Dialect.Xl) => Assert.Single(Lint(body, dialect));

    [Theory]
    [InlineData("disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G fs=ext4 populate=/srv/rootfs label=root uuid=0b9c8a7e-1111-4222-8333-444455556666\n")]
    [InlineData("disk = [\n  # xcfg: size=2G fs=ext4\n  'file:/srv/xen/vm1.img,xvda,w',\n  'phy:/dev/vg/data,xvdb,w',  # xcfg: size=10G fs=ext3\n  'phy:vg/swap,xvdc,w',  # xcfg: size=512M fs=swap\n  'phy:vg/clone,xvdd,w'  # xcfg: snapshot-of=vg/master size=1G\n]\n")]
    [InlineData("disk = [ 'format=raw, vdev=xvda, access=rw, target=/dev/mapper/vg-web--1' ]  # xcfg: size=4g\n")]
    [InlineData("disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G fs=none\n")]
    public void Valid_annotations_are_quiet(string body) => Assert.Empty(Lint(body));

    [Fact]
    public void Nfs_root_annotations_are_quiet_with_a_static_address()
    {
        Assert.Empty(Lint("vif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: populate=/srv/rootfs\nip = \"192.0.2.11\"\n", Dialect.Xm));
        Assert.Empty(Lint("vif = [ '' ]\nroot = \"/dev/nfs\"\nextra = \"nfsroot=192.0.2.1:/export/vm1 ip=192.0.2.11::192.0.2.254:255.255.255.0:vm1:eth0:off\"  # xcfg: populate=/srv/rootfs\n"));
        Assert.Empty(Lint("vif = [ '' ]\nroot = \"/dev/nfs\"\n# xcfg: client=192.0.2.12\nextra = \"nfsroot=192.0.2.1:/export/vm1 ip=dhcp\"\n"));
    }

    [Fact]
    public void XCFG0400_malformed_annotation_span_and_message()
    {
        var found = Single("disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G fs=ext4 populate=/srv/my root\n");

        Assert.Equal(("XCFG0400", "root", "`root` is not key=value: every item of an annotation is key=value (a value with blanks goes in double quotes)"), found);
    }

    [Fact]
    public void XCFG0401_unknown_key_with_a_suggestion() =>
        Assert.Equal(("XCFG0401", "szie", "`szie` is not an annotation key; did you mean `size`?"),
            Single("disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: szie=2G size=2G\n"));

    [Fact]
    public void XCFG0401_unknown_key_lists_the_keys_when_nothing_is_close() =>
        Assert.Equal(("XCFG0401", "colour", "`colour` is not an annotation key (known keys: size, fs, populate, snapshot-of, label, uuid)"),
            Single("disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G colour=blue\n"));

    [Fact]
    public void XCFG0402_key_given_twice() =>
        Assert.Equal(("XCFG0402", "size=4G", "`size` is given twice in this annotation; keep one"),
            Single("disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G size=4G\n"));

    [Fact]
    public void XCFG0403_key_for_the_other_kind_of_target()
    {
        Assert.Equal(("XCFG0403", "client", "`client` does not apply to a disk; it is for NFS roots"),
            Single("disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G client=192.0.2.1\n"));
        Assert.Contains(("XCFG0403", "size", "`size` does not apply to an NFS root; it is for disks"),
            Lint("vif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: size=2G\nip = \"192.0.2.11\"\n", Dialect.Xm));
    }

    [Theory]
    [InlineData("size=2GB", "2GB", "size=2GB: `2GB` is not a size LVM reads. Write a number and one unit letter (b, s, k, m, g, t, p, e; powers of two): write `2G`.")]
    [InlineData("size=0", "0", "size=0: A size of zero creates nothing.")]
    [InlineData("size=2G fs=xfs", "xfs", "fs=xfs is not a file system xcfg provision makes: use ext4, ext3, ext2, swap or none")]
    [InlineData("size=2G fs=ext5", "ext5", "fs=ext5 is not a file system xcfg provision makes: use ext4, ext3, ext2, swap or none; did you mean `ext4`?")]
    [InlineData("size=2G fs=ext4 label=a-label-that-is-far-too-long", "a-label-that-is-far-too-long", "label `a-label-that-is-far-too-long` is 28 bytes long; ext2/3/4 labels hold at most 16")]
    [InlineData("size=2G fs=ext4 label=ééééééééé", "ééééééééé", "label `ééééééééé` is 18 bytes long; ext2/3/4 labels hold at most 16")]
    [InlineData("size=2G fs=swap label=sixteen-bytes-16", "sixteen-bytes-16", "label `sixteen-bytes-16` is 16 bytes long; mkswap keeps at most 15 bytes of a swap label and silently cuts the rest")]
    [InlineData("size=2G fs=swap label=ééééééé12", "ééééééé12", "label `ééééééé12` is 16 bytes long; mkswap keeps at most 15 bytes of a swap label and silently cuts the rest")]
    [InlineData("size=2G fs=ext4 uuid=1234", "1234", "uuid `1234` is not a UUID: write 8-4-4-4-12 hexadecimal digits, e.g. 0b9c8a7e-1111-4222-8333-444455556666 (not all zeros)")]
    public void XCFG0404_bad_values(string items, string underlined, string message) =>
        Assert.Equal(("XCFG0404", underlined, message), Single($"disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: {items}\n"));

    [Theory]
    [InlineData("snapshot-of=master", "master", "snapshot-of=`master` is not VG/LV: name the origin volume as volume-group/volume, e.g. vg/master")]
    [InlineData("snapshot-of=other/master", "other/master", "snapshot-of=other/master is in volume group `other`, but this disk is in `vg`: LVM makes a snapshot in its origin's volume group")]
    [InlineData("snapshot-of=vg/snapshot", "vg/snapshot", "snapshot-of: `snapshot` is reserved by LVM as a logical volume name")]
    [InlineData("snapshot-of=vg/-x", "vg/-x", "snapshot-of: the logical volume name `-x` starts with `-`, which LVM refuses (it would read as an option)")]
    [InlineData("snapshot-of=vg/clone", "vg/clone", "snapshot-of names this disk's own volume `vg/clone`")]
    public void XCFG0404_bad_snapshot_origins(string item, string underlined, string message) =>
        Assert.Equal(("XCFG0404", underlined, message), Single($"disk = [ 'phy:/dev/vg/clone,xvda,w' ]  # xcfg: {item} size=1G\n"));

    [Fact]
    public void XCFG0404_bad_client() =>
        Assert.Contains(("XCFG0404", "192.0.2.0/24", "client=192.0.2.0/24 is not one IPv4 address: the NFS root is exported to exactly one host, e.g. client=192.0.2.11 (no names, networks or wildcards)"),
            Lint("vif = [ '' ]\nroot = \"/dev/nfs\"\nextra = \"nfsroot=192.0.2.1:/export/vm1 ip=dhcp\"  # xcfg: client=192.0.2.0/24\n"));

    [Theory]
    [InlineData("populate=../rootfs", "../rootfs", "populate: the path `../rootfs` is relative; write an absolute path (what a relative path means depends on the directory a tool runs in)")]
    [InlineData("populate=/srv/../etc", "/srv/../etc", "populate: the path `/srv/../etc` has a `.` or `..` component; write the path it leads to")]
    [InlineData("populate=/srv//rootfs", "/srv//rootfs", "populate: the path `/srv//rootfs` has an empty component (`//` or a trailing `/`); write it without")]
    [InlineData("populate=/", "/", "populate: the path is `/`, the whole host")]
    public void XCFG0405_unsafe_populate_paths(string item, string underlined, string message) =>
        Assert.Equal(("XCFG0405", underlined, message), Single($"disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G fs=ext4 {item}\n"));

    [Fact]
    public void XCFG0405_unsafe_image_paths()
    {
        Assert.Equal(("XCFG0405", "'file:/srv/xen/../vm1.img,xvda,w'", "the image: the path `/srv/xen/../vm1.img` has a `.` or `..` component; write the path it leads to"),
            Single("disk = [ 'file:/srv/xen/../vm1.img,xvda,w' ]  # xcfg: size=2G\n"));
        Assert.Equal(("XCFG0405", "'file:vm1.img,xvda,w'", "the image: the path `vm1.img` is relative; write an absolute path (what a relative path means depends on the directory a tool runs in)"),
            Single("disk = [ 'file:vm1.img,xvda,w' ]  # xcfg: size=2G\n", Dialect.Xm));
        Assert.Equal(("XCFG0405", "'file:/srv/a\\nb.img,xvda,w'", "the disk's target `file:/srv/aU+000Ab.img` contains the control character U+000A"),
            Lint("disk = [ 'file:/srv/a\\nb.img,xvda,w' ]  # xcfg: size=2G\n").Single(found => found.Id == "XCFG0405"));
    }

    [Fact]
    public void XCFG0405_export_paths_exports5_would_misread() =>
        Assert.Contains(("XCFG0405", "\"/export/vm 1\"", "the NFS root `/export/vm 1` contains ` `, which exports(5) reads as syntax (or the kernel's nfsroot= substitutes); use a directory name without it"),
            Lint("vif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm 1\"  # xcfg: client=192.0.2.11\n", Dialect.Xm));

    [Fact]
    public void XCFG0406_annotation_on_nothing()
    {
        Assert.Equal(("XCFG0406", "# xcfg: size=2G", "the line after this annotation is not a disk entry, nor the NFS root setting: an annotation on a line of its own describes the disk entry on the next line"),
            Single("# xcfg: size=2G\n\ndisk = [ 'file:/srv/xen/vm1.img,xvda,w' ]\n"));
        Assert.Equal(("XCFG0406", "# xcfg: size=2G", "this line holds no disk entry and no NFS root setting, so nothing reads this annotation: put it after a disk entry in `disk = [...]`, or on the `nfs_root` line"),
            Single("vcpus = 2  # xcfg: size=2G\n"));
    }

    [Fact]
    public void XCFG0407_one_annotation_for_two_disks() =>
        Assert.Equal(("XCFG0407", "# xcfg: size=2G", "this line holds 2 disk entries, so the annotation could be meant for any of them; put each disk on its own line with its own annotation"),
            Single("disk = [ 'file:/srv/xen/a.img,xvda,w', 'file:/srv/xen/b.img,xvdb,w' ]  # xcfg: size=2G\n"));

    [Fact]
    public void XCFG0408_no_size()
    {
        Assert.Equal(("XCFG0408", "# xcfg: fs=ext4", "the annotation gives no size for the volume: xcfg provision has no default size; add size=, e.g. size=2G"),
            Single("disk = [ 'phy:vg/vm1,xvda,w' ]  # xcfg: fs=ext4\n"));
        Assert.Equal(("XCFG0408", "# xcfg: snapshot-of=vg/master", "the annotation gives no size for the snapshot's copy-on-write space: xcfg provision has no default size; add size=, e.g. size=2G"),
            Single("disk = [ 'phy:vg/clone,xvda,w' ]  # xcfg: snapshot-of=vg/master\n"));
    }

    [Theory]
    [InlineData("'/root/image.iso,,hdc,cdrom'", "this disk is a CD-ROM drive: xcfg provision creates writable disks, not install media")]
    [InlineData("'iscsi:iqn.2001-05.com.example:disk1,xvda,w'", "this disk is a network disk (script block-iscsi): its storage lives on another host")]
    [InlineData("'qcow2:/srv/xen/vm1.qcow2,xvda,w'", "this disk is a qcow2 image: xcfg provision makes raw images only")]
    [InlineData("'phy:/dev/sdb1,xvda,w'", "the target `/dev/sdb1` is a block device: xcfg provision creates image files and LVM volumes (phy:VG/LV), not disks or partitions")]
    [InlineData("'phy:hda3,xvda,w'", "the target `hda3` is the block device /dev/hda3: xcfg provision creates image files and LVM volumes, not disks or partitions")]
    [InlineData("'phy:/dev/vg/bad name,xvda,w'", "LVM would refuse this volume: the logical volume name `bad name` contains ` `; LVM allows only a-z A-Z 0-9 + _ . -")]
    [InlineData("'phy:/dev/vg/data_tmeta,xvda,w'", "LVM would refuse this volume: the logical volume name `data_tmeta` contains `_tmeta`, which LVM reserves for its internal volumes")]
    public void XCFG0409_disks_that_cannot_be_provisioned(string spec, string message) =>
        Assert.Equal(("XCFG0409", spec, message), Single($"disk = [ {spec} ]  # xcfg: size=2G\n"));

    [Fact]
    public void XCFG0410_disk_annotated_twice() =>
        Assert.Equal(("XCFG0410", "# xcfg: fs=ext4", "this disk already has an annotation on line 5; merge the two into one"),
            Single("disk = [\n  # xcfg: size=2G\n  'file:/srv/xen/vm1.img,xvda,w',  # xcfg: fs=ext4\n]\n"));

    [Fact]
    public void XCFG0411_nfs_root_without_a_client() =>
        Assert.Equal(("XCFG0411", "# xcfg: populate=/srv/rootfs", "the guest has no static address in this config (no `ip`, no ip=CLIENT:... on the kernel command line), and the NFS root is never exported to the world: add client=ADDRESS to the annotation"),
            Single("vif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: populate=/srv/rootfs\ndhcp = \"dhcp\"\n", Dialect.Xm));

    [Theory]
    [InlineData("'phy:vg/clone,xvda,w'", "snapshot-of=vg/master size=1G fs=ext4", "fs", "`fs` on a snapshot: a copy-on-write snapshot holds its origin's file system; making a new one would destroy the copy. Drop `fs`")]
    [InlineData("'file:/srv/xen/clone.img,xvda,w'", "snapshot-of=vg/master size=1G", "snapshot-of", "snapshot-of= needs an LVM volume (phy:VG/LV); this disk is an image file")]
    [InlineData("'file:/srv/xen/vm1.img,xvda,w'", "size=2G populate=/srv/rootfs", "populate", "populate= needs a file system to copy into: add fs=ext4 (or ext3, ext2)")]
    [InlineData("'file:/srv/xen/vm1.img,xvda,w'", "size=2G fs=swap populate=/srv/rootfs", "populate", "populate= on swap: a swap area holds no files")]
    [InlineData("'file:/srv/xen/vm1.img,xvda,w'", "size=2G label=root", "label", "label= needs a file system to carry it: add fs=ext4 (or ext3, ext2, swap)")]
    public void XCFG0412_contradictions(string spec, string items, string underlined, string message) =>
        Assert.Equal(("XCFG0412", underlined, message), Single($"disk = [ {spec} ]  # xcfg: {items}\n"));

    [Theory]
    [InlineData("size=8E", "8E", "size=8E is 9223372036854775808 bytes: no Linux file or block device holds that much (at most 9223372036854775807 bytes, 8E less one byte)")]
    [InlineData("size=15E", "15E", "size=15E is 17293822569102704640 bytes: no Linux file or block device holds that much (at most 9223372036854775807 bytes, 8E less one byte)")]
    [InlineData("size=9223372036854775808b", "9223372036854775808b", "size=9223372036854775808b is 9223372036854775808 bytes: no Linux file or block device holds that much (at most 9223372036854775807 bytes, 8E less one byte)")]
    [InlineData("size=16E", "16E", "size=16E: `16E` is more than 16 EiB. Use a smaller size.")]
    public void XCFG0404_sizes_no_disk_can_have(string items, string underlined, string message) =>
        Assert.Equal(("XCFG0404", underlined, message), Single($"disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: {items}\n"));

    [Theory]
    [InlineData("1P", 1UL << 50)]
    [InlineData("1E", 1UL << 60)]
    [InlineData("7E", 7UL << 60)]
    [InlineData("1.5P", 3UL << 49)]
    [InlineData("9223372036854775807b", (ulong)long.MaxValue)]
    public void Sizes_are_read_exactly(string size, ulong bytes)
    {
        var tree = SyntaxTree.Parse(Header + $"disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size={size}\n", ParseOptions.Default, "/tmp/vm1.cfg");

        var disk = Assert.Single(ProvisioningIntent.Read(XenCfg.Analysis.Model.SemanticModel.For(tree)).Disks);

        Assert.Empty(disk.Problems);
        Assert.Equal(bytes, disk.Size!.Value.Bytes);
    }

    [Theory]
    [InlineData("0.0.0.0", "an address of \"this network\" (0.0.0.0/8), which names no host")]
    [InlineData("255.255.255.255", "the broadcast address")]
    [InlineData("127.0.0.1", "a loopback address (the guest is another host)")]
    [InlineData("224.0.0.5", "a multicast address")]
    [InlineData("250.1.2.3", "a reserved address")]
    public void XCFG0404_clients_that_are_no_one_host(string client, string what) =>
        Assert.Contains(("XCFG0404", client, $"client={client} is {what}: the NFS root is exported to exactly one host, e.g. client=192.0.2.11 (no names, networks or wildcards)"),
            Lint($"vif = [ '' ]\nroot = \"/dev/nfs\"\nextra = \"nfsroot=192.0.2.1:/export/vm1 ip=dhcp\"  # xcfg: client={client}\n"));

    [Theory]
    [InlineData("0.0.0.0", "an address of \"this network\" (0.0.0.0/8), which names no host")]
    [InlineData("255.255.255.255", "the broadcast address")]
    public void XCFG0411_an_xm_ip_that_is_no_one_host_is_never_the_client(string ip, string what) =>
        Assert.Equal(("XCFG0411", $"\"{ip}\"", $"the guest's address `{ip}` (from `ip`) is {what}, and the NFS root is exported to exactly one host: add client=ADDRESS to the annotation"),
            Single($"vif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: populate=/srv/rootfs\nip = \"{ip}\"\n", Dialect.Xm));

    [Fact]
    public void XCFG0411_a_kernel_ip_that_is_no_one_host_is_never_the_client() =>
        Assert.Equal(("XCFG0411", "0.0.0.0:192.0.2.1:192.0.2.254:255.255.255.0:vm1:eth0:off", "the guest's address `0.0.0.0` (from ip= on the kernel command line) is an address of \"this network\" (0.0.0.0/8), which names no host, and the NFS root is exported to exactly one host: add client=ADDRESS to the annotation"),
            Single("vif = [ '' ]\nroot = \"/dev/nfs\"\nextra = \"nfsroot=192.0.2.1:/export/vm1 ip=0.0.0.0:192.0.2.1:192.0.2.254:255.255.255.0:vm1:eth0:off\"  # xcfg: populate=/srv/rootfs\n"));

    [Theory]
    [InlineData("root = \"/dev/xvda1 ro\"\n", "its root is `/dev/xvda1`, not /dev/nfs")]
    [InlineData("", "no root=/dev/nfs in the `root` setting or on the kernel command line")]
    [InlineData("root = \"/dev/nfs\"\nextra = \"root=/dev/xvda1\"\n", "its root is `/dev/xvda1`, not /dev/nfs")]
    public void XCFG0413_nfs_root_of_a_guest_that_does_not_boot_from_it(string boot, string found) =>
        Assert.Equal(("XCFG0413", "# xcfg: client=192.0.2.11", $"this guest does not boot from NFS ({found}), so nothing mounts this NFS root: xcfg provision exports only the root a guest boots from; set root = \"/dev/nfs\", or remove the annotation"),
            Single($"vif = [ '' ]\n{boot}nfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: client=192.0.2.11\n", Dialect.Xm));

    [Fact]
    public void XCFG0413_root_from_the_command_line_counts_and_cmdline_replaces_root()
    {
        Assert.Empty(Lint("vif = [ '' ]\nextra = \"root=/dev/nfs nfsroot=192.0.2.1:/export/vm1 ip=dhcp\"  # xcfg: client=192.0.2.12\n"));
        Assert.Empty(Lint("vif = [ '' ]\ncmdline = \"root=/dev/nfs nfsroot=192.0.2.1:/export/vm1 ip=dhcp\"  # xcfg: client=192.0.2.12\n"));
        // xl uses cmdline alone: its root = setting is not passed to the kernel.
        Assert.Equal("XCFG0413", Single("vif = [ '' ]\nroot = \"/dev/nfs\"\ncmdline = \"nfsroot=192.0.2.1:/export/vm1 ip=dhcp\"  # xcfg: client=192.0.2.12\n").Id);
    }

    [Theory]
    [InlineData("vmnl\\n", "\"vmnl\\n\"", "the domain name `vmnlU+000A` contains the control character U+000A")]
    [InlineData("vm 1", "\"vm 1\"", "the domain name `vm 1` contains a blank")]
    [InlineData("../vm1", "\"../vm1\"", "the domain name `../vm1` contains `/`")]
    [InlineData("-vm1", "\"-vm1\"", "the domain name `-vm1` starts with `-`")]
    public void XCFG0414_domain_names_that_cannot_name_the_exports_file(string name, string underlined, string problem)
    {
        var text = $"name = \"{name}\"\nkernel = \"/boot/vmlinuz\"\nvif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: client=192.0.2.11\n";
        var tree = SyntaxTree.Parse(text, ParseOptions.Xm, "/tmp/vm1.cfg");

        var found = Assert.Single(ConfigAnalyzer.Analyze(tree, new AnalysisOptions(Dialect.Xm)), diagnostic => diagnostic.Descriptor.Category == ProvisioningDescriptors.Category);

        Assert.Equal("XCFG0414", found.Id);
        Assert.Equal(underlined, text.Substring(found.Span.Start, found.Span.Length));
        Assert.Equal($"{problem}: xl accepts it (libxl checks only that a name is unique), but xcfg provision names the NFS root's exports file after the domain (xcfg-NAME.exports) and takes letters, digits, `_`, `.` and `-` only", found.Message);
    }

    [Theory]
    [InlineData("nfs_root = \"/etc\"  # xcfg: client=192.0.2.11", "\"/etc\"", "the NFS root `/etc` is the host's configuration (passwords in /etc/shadow, SSH host keys); exported read-write with no_root_squash, its guest's root would own it (xcfg provision --allow-system-path /etc if that is really meant)")]
    [InlineData("nfs_root = \"/var\"  # xcfg: client=192.0.2.11", "\"/var\"", "the NFS root `/var` is the host's variable data; exported read-write with no_root_squash, its guest's root would own it (xcfg provision --allow-system-path /var if that is really meant)")]
    [InlineData("nfs_root = \"/home/alice\"  # xcfg: client=192.0.2.11", "\"/home/alice\"", "the NFS root `/home/alice` is the home of `alice`; exported read-write with no_root_squash, its guest's root would own it (xcfg provision --allow-system-path /home/alice if that is really meant)")]
    [InlineData("nfs_root = \"/srv/nfs/vm1\"  # xcfg: client=192.0.2.11 populate=/proc", "/proc", "populate=/proc: `/proc` is the kernel's process interface; its whole contents would be copied into the guest's disk (xcfg provision --allow-system-path /proc if that is really meant)")]
    public void XCFG0415_system_directories_as_nfs_root_or_populate_source(string line, string underlined, string message) =>
        Assert.Equal(("XCFG0415", underlined, message),
            Single($"vif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\n{line}\n", Dialect.Xm));

    [Theory]
    [InlineData("/etc", "`/etc` is the host's configuration (passwords in /etc/shadow, SSH host keys)")]
    [InlineData("/etc/ssh", "`/etc/ssh` is inside `/etc`, the host's configuration (passwords in /etc/shadow, SSH host keys)")]
    [InlineData("/usr/share", "`/usr/share` is inside `/usr`, the host's programs")]
    [InlineData("/lib64", "`/lib64` holds the host's libraries")]
    [InlineData("/libx32/x", "`/libx32/x` is inside `/libx32`, the host's libraries")]
    [InlineData("/", "`/` is the whole host")]
    [InlineData("/srv", "`/srv` is every service's data")]
    [InlineData("/var/lib", "`/var/lib` is every program's state")]
    [InlineData("/var/log/xen", "`/var/log/xen` is inside `/var/log`, the host's logs")]
    [InlineData("/home/alice/.ssh", "`/home/alice/.ssh` is in `/home/alice/.ssh`, where `alice` keeps keys and credentials")]
    [InlineData("/home/alice/.config/app", "`/home/alice/.config/app` is in `/home/alice/.config`, where `alice` keeps keys and credentials")]
    [InlineData("/srv/nfs/vm1", null)]
    [InlineData("/var/lib/nfsroots/vm1", null)]
    [InlineData("/home/alice/rootfs", null)]
    [InlineData("/etcetera", null)]
    [InlineData("/tmp/rootfs", null)]
    public void System_directories_are_a_documented_list(string path, string? why) => Assert.Equal(why, SystemPaths.Check(path));

    [Fact]
    public void XCFG0415_an_allowed_system_directory_is_not_reported()
    {
        var tree = SyntaxTree.Parse(Header + "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G fs=ext4 populate=/srv\n", ParseOptions.Default, "/tmp/vm1.cfg");
        var model = XenCfg.Analysis.Model.SemanticModel.For(tree);

        Assert.Equal("XCFG0415", Assert.Single(ProvisioningIntent.Read(model).AllProblems).Descriptor.Id);
        Assert.Empty(ProvisioningIntent.Read(model, new ProvisioningOverrides { AllowedSystemPaths = new HashSet<string>(["/srv"]) }).AllProblems);
    }

    [Fact]
    public void Every_provisioning_descriptor_has_a_test_and_documentation()
    {
        var rule = new ProvisioningAnnotationRule();
        var ids = rule.Entries.Select(entry => entry.Id).ToList();

        Assert.Equal(Enumerable.Range(400, 16).Select(number => $"XCFG{number:D4}"), ids);
        Assert.All(rule.Entries, entry => Assert.Equal(ProvisioningDescriptors.Category, entry.Descriptor.Category));
        var tested = typeof(AnnotationRuleTests).GetMethods().Select(method => method.Name).Where(name => name.StartsWith("XCFG", StringComparison.Ordinal)).Select(name => name[..8]).ToHashSet();
        Assert.All(ids, id => Assert.Contains(id, tested));
    }

    [Fact]
    public void Each_documented_example_triggers_its_diagnostic_and_the_fix_does_not()
    {
        foreach (var entry in new ProvisioningAnnotationRule().Entries)
        {
            var example = Lint(Documented(entry.Documentation.Example), Dialect.Xm);
            var fix = Lint(Documented(entry.Documentation.Fix), Dialect.Xm);
            Assert.True(example.Any(found => found.Id == entry.Id), $"{entry.Id}: the example does not trigger it");
            Assert.False(fix.Any(found => found.Id == entry.Id), $"{entry.Id}: the fix still triggers it");
        }
    }

    /// <summary>A documented fragment as a config: the "(...)" remarks some fixes carry are prose, not config.</summary>
    private static string Documented(string fragment)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(fragment, @"  \(.*\)$", string.Empty, System.Text.RegularExpressions.RegexOptions.Multiline);
        return (text.Contains("nfs_root", StringComparison.Ordinal) && !text.Contains("vif", StringComparison.Ordinal) ? "vif = [ '' ]\n" : string.Empty) + text + "\n";
    }
}
