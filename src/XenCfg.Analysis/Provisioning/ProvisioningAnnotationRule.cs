using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Rules;

namespace XenCfg.Analysis.Provisioning;

/// <summary>
/// Validates the <c># xcfg:</c> provisioning annotations, so `xcfg lint` (and the editor) finds what
/// `xcfg provision` would refuse before it runs. The checks themselves live in <see cref="ProvisioningIntent"/>,
/// which the provisioner reads too: the linter and the provisioner cannot disagree.
/// </summary>
public sealed class ProvisioningAnnotationRule : ConfigRule
{
    private const string Source = "xcfg provision annotations (docs/provisioning.md)";

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(ProvisioningDescriptors.Malformed, Source,
            "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G populate=/srv/my root",
            "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G fs=ext4 populate=\"/srv/my root\""),
        Entry(ProvisioningDescriptors.UnknownKey, Source,
            "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: szie=2G",
            "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G"),
        Entry(ProvisioningDescriptors.DuplicateKey, Source,
            "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G size=4G",
            "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=4G"),
        Entry(ProvisioningDescriptors.KeyDoesNotApply, Source,
            "nfs_root = \"/export/vm1\"  # xcfg: size=2G",
            "nfs_root = \"/export/vm1\"  # xcfg: populate=/srv/rootfs"),
        Entry(ProvisioningDescriptors.BadValue, Source + "; lvcreate(8) for sizes",
            "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2GB fs=xfs",
            "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G fs=ext4"),
        Entry(ProvisioningDescriptors.UnsafePath, Source + "; exports(5) for export paths",
            "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G fs=ext4 populate=../rootfs",
            "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G fs=ext4 populate=/srv/rootfs"),
        Entry(ProvisioningDescriptors.NotAttached, Source,
            "# xcfg: size=2G\n\ndisk = [ 'file:/srv/xen/vm1.img,xvda,w' ]",
            "disk = [ 'file:/srv/xen/vm1.img,xvda,w' ]  # xcfg: size=2G"),
        Entry(ProvisioningDescriptors.Ambiguous, Source,
            "disk = [ 'file:/srv/xen/a.img,xvda,w', 'file:/srv/xen/b.img,xvdb,w' ]  # xcfg: size=2G",
            "disk = [ 'file:/srv/xen/a.img,xvda,w',  # xcfg: size=2G\n         'file:/srv/xen/b.img,xvdb,w' ]  # xcfg: size=1G"),
        Entry(ProvisioningDescriptors.MissingSize, Source,
            "disk = [ 'phy:vg/vm1,xvda,w' ]  # xcfg: fs=ext4",
            "disk = [ 'phy:vg/vm1,xvda,w' ]  # xcfg: size=8G fs=ext4"),
        Entry(ProvisioningDescriptors.NotProvisionable, Source,
            "disk = [ 'phy:/dev/sdb1,xvda,w' ]  # xcfg: size=8G",
            "disk = [ 'phy:vg/vm1,xvda,w' ]  # xcfg: size=8G  (an LVM volume; or create the partition yourself and drop the annotation)"),
        Entry(ProvisioningDescriptors.AnnotatedTwice, Source,
            "disk = [\n  # xcfg: size=2G\n  'file:/srv/xen/vm1.img,xvda,w',  # xcfg: fs=ext4\n]",
            "disk = [\n  'file:/srv/xen/vm1.img,xvda,w',  # xcfg: size=2G fs=ext4\n]"),
        Entry(ProvisioningDescriptors.NoClient, Source + "; exports(5)",
            "root = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: populate=/srv/rootfs\ndhcp = \"dhcp\"",
            "root = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: populate=/srv/rootfs client=192.0.2.11\ndhcp = \"dhcp\""),
        Entry(ProvisioningDescriptors.Contradiction, Source + "; lvcreate(8) (-s)",
            "disk = [ 'phy:vg/clone1,xvda,w' ]  # xcfg: snapshot-of=vg/master size=1G fs=ext4",
            "disk = [ 'phy:vg/clone1,xvda,w' ]  # xcfg: snapshot-of=vg/master size=1G"),
        Entry(ProvisioningDescriptors.NfsRootNotBooted, Source + "; Linux Documentation/admin-guide/nfs/nfsroot.rst (root=/dev/nfs)",
            "name = \"vm1\"\nroot = \"/dev/xvda1 ro\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: client=192.0.2.11",
            "name = \"vm1\"\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: client=192.0.2.11"),
        Entry(ProvisioningDescriptors.UnusableDomainName, Source + "; Xen tools/libs/light/libxl_domain.c (libxl__domain_rename checks only uniqueness)",
            "name = \"vm 1\"\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: client=192.0.2.11",
            "name = \"vm1\"\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: client=192.0.2.11"),
        Entry(ProvisioningDescriptors.SystemDirectory, Source + "; exports(5) (no_root_squash)",
            "name = \"vm1\"\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/etc\"  # xcfg: client=192.0.2.11",
            "name = \"vm1\"\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/srv/nfs/vm1\"  # xcfg: client=192.0.2.11  (or xcfg provision --allow-system-path /etc, if that is really meant)"),
    ];

    public override void Analyze(RuleContext context)
    {
        if (context.Model.Kind != ConfigKind.Domain)
        {
            return;
        }

        foreach (var problem in ProvisioningIntent.Read(context.Model).AllProblems)
        {
            context.Report(problem.Descriptor, problem.Span, problem.Arguments);
        }
    }
}
