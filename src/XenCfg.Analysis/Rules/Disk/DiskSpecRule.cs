using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Rules.Disk;

/// <summary>
/// Checks each disk spec with the reading of the file's toolstack: xl's disk parser
/// (tools/libs/util/libxlu_disk_l.l, libxlu_disk.c; docs/man/xl-disk-configuration.5.pod.in) or xm/xend's
/// (tools/python/xen/xm/create.py, xend/server/blkif.py before Xen 4.5). Every problem underlines the exact
/// part of the string.
/// </summary>
public sealed class DiskSpecRule : ConfigRule
{
    private const string XlSource = "Xen tools/libs/util/libxlu_disk_l.l and libxlu_disk.c; docs/man/xl-disk-configuration.5.pod.in";
    private const string XmSource = "Xen before 4.5: tools/python/xen/xm/create.py (preprocess_disk), xend/server/blkif.py";

    public static readonly DiagnosticDescriptor InvalidVdev = Create("XCFG0120", "Invalid virtual device",
        DiagnosticSeverity.Error, "libxl refuses a vdev it cannot turn into a device number (\"Invalid or unsupported virtual disk identifier\") when the domain is created.");

    public static readonly DiagnosticDescriptor XmOnlyAccess = Create("XCFG0122", "Access mode w! under xl",
        DiagnosticSeverity.Error, "`w!` told xm to skip the check that no other domain uses the disk. xl has no such mode and refuses the spec.");

    public static readonly DiagnosticDescriptor XlOnlyAccess = Create("XCFG0123", "Access mode rw or ro under xm",
        DiagnosticSeverity.Error, "xend accepted only the modes r, w and w!; xl's spellings rw and ro made it refuse the disk.");

    public static readonly DiagnosticDescriptor NoVdev = Create("XCFG0124", "Disk without a virtual device",
        DiagnosticSeverity.Error, "Every disk needs a guest device name (vdev); xl refuses a spec without one.");

    public static readonly DiagnosticDescriptor NoTarget = Create("XCFG0125", "Disk without a target",
        DiagnosticSeverity.Error, "A disk that is not a removable CD-ROM needs a target (a device, file or network volume).");

    public static readonly DiagnosticDescriptor UnknownFormat = Create("XCFG0126", "Unknown disk format",
        DiagnosticSeverity.Error, "xl knows the formats raw, qcow, qcow2, vhd, qed and empty, in lower case.");

    public static readonly DiagnosticDescriptor UnknownPrefix = Create("XCFG0127", "Unknown disk prefix",
        DiagnosticSeverity.Error, "A `word:` at the start of a disk parameter must be a prefix the toolstack knows (phy:, file:, tap:aio:, raw:, qcow2:, iscsi:, drbd:, ...).");

    public static readonly DiagnosticDescriptor UnknownParameter = Create("XCFG0128", "Unknown disk parameter",
        DiagnosticSeverity.Error, "xl refuses a `name=value` disk parameter it does not know.");

    public static readonly DiagnosticDescriptor TargetNotLast = Create("XCFG0129", "target= is not last",
        DiagnosticSeverity.Warning, "`target=` takes the whole rest of the spec, commas included, so any parameter after it becomes part of the target path.");

    public static readonly DiagnosticDescriptor BlankBeforeComma = Create("XCFG0130", "Blank before a comma",
        DiagnosticSeverity.Warning, "xl skips blanks before a parameter but keeps blanks after it, so `/dev/sda1 ,xvda` names the target `/dev/sda1 ` with a trailing space.");

    public static readonly DiagnosticDescriptor RelativeTarget = Create("XCFG0131", "Relative disk target",
        DiagnosticSeverity.Warning, "libxl checks a target path as given, relative to wherever xl happens to run; only xm put a bare `phy:` name under /dev.");

    public static readonly DiagnosticDescriptor VdevInFormatPosition = Create("XCFG0132", "Virtual device in the format position",
        DiagnosticSeverity.Error, "Without a legacy prefix the positional order is target, format, vdev, access: `/dev/sda1,xvda,w` puts xvda where the format goes.");

    public static readonly DiagnosticDescriptor BadValue = Create("XCFG0134", "Disk parameter value refused",
        DiagnosticSeverity.Error, "A known disk parameter with a value the toolstack refuses (access, devtype, backendtype, specification, colo-port, a VDEV:TYPE suffix).");

    public static readonly DiagnosticDescriptor Respecified = Create("XCFG0135", "Disk parameter given twice",
        DiagnosticSeverity.Error, "xl refuses a spec that gives the same parameter twice with different values.");

    public static readonly DiagnosticDescriptor TooManyPositional = Create("XCFG0136", "Too many positional disk parameters",
        DiagnosticSeverity.Error, "A disk spec has at most four positional parameters: target, format, vdev, access.");

    public static readonly DiagnosticDescriptor BadSyntax = Create("XCFG0137", "Malformed disk spec",
        DiagnosticSeverity.Error, "The spec does not have the shape the toolstack reads (a stray `=`, a NUL, xm's field count or prefix, xl's key=value syntax under xm).");

    private static readonly SpecProblemMapping<DiskProblemKind> Mapping = new SpecProblemMapping<DiskProblemKind>()
        .Map(InvalidVdev, DiagnosticSeverity.Error, DiskProblemKind.InvalidVdev)
        .Map(XmOnlyAccess, DiagnosticSeverity.Warning, DiskProblemKind.XmOnlyAccessMode)
        .Map(XlOnlyAccess, DiagnosticSeverity.Warning, DiskProblemKind.XlOnlyAccessMode)
        .Map(NoVdev, DiagnosticSeverity.Error, DiskProblemKind.NoVdev)
        .Map(NoTarget, DiagnosticSeverity.Error, DiskProblemKind.NoTarget)
        .Map(UnknownFormat, DiagnosticSeverity.Error, DiskProblemKind.UnknownFormat)
        .Map(UnknownPrefix, DiagnosticSeverity.Error, DiskProblemKind.UnknownPrefix)
        .Map(UnknownParameter, DiagnosticSeverity.Error, DiskProblemKind.UnknownParameter)
        .Map(TargetNotLast, DiagnosticSeverity.Warning, DiskProblemKind.TargetNotLast)
        .Map(BlankBeforeComma, DiagnosticSeverity.Warning, DiskProblemKind.BlankBeforeComma)
        .Map(RelativeTarget, DiagnosticSeverity.Warning, DiskProblemKind.RelativeTarget)
        .Map(VdevInFormatPosition, DiagnosticSeverity.Error, DiskProblemKind.VdevInFormatPosition)
        .Map(BadValue, DiagnosticSeverity.Warning, DiskProblemKind.BadAccessMode, DiskProblemKind.UnknownDeviceType, DiskProblemKind.UnknownDeprecatedType,
            DiskProblemKind.UnknownBackendType, DiskProblemKind.UnknownSpecification, DiskProblemKind.BadColoPort)
        .Map(Respecified, DiagnosticSeverity.Error, DiskProblemKind.Respecified)
        .Map(TooManyPositional, DiagnosticSeverity.Error, DiskProblemKind.TooManyPositional)
        .Map(BadSyntax, DiagnosticSeverity.Warning, DiskProblemKind.BadSyntax, DiskProblemKind.EmbeddedNul, DiskProblemKind.MissingPrefix,
            DiskProblemKind.WrongFieldCount, DiskProblemKind.XlSyntaxUnderXm);

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(InvalidVdev, "Xen tools/libs/light/libxl_device.c (libxl__device_disk_dev_number)", "disk = [ 'phy:/dev/vg/vm1,xvd1,w' ]", "disk = [ 'phy:/dev/vg/vm1,xvda,w' ]"),
        Entry(XmOnlyAccess, XlSource, "disk = [ 'phy:/dev/vg/shared,xvdb,w!' ]", "disk = [ 'phy:/dev/vg/shared,xvdb,r' ]  # or w, used by this domain only"),
        Entry(XlOnlyAccess, XmSource, "disk = [ 'phy:/dev/vg/vm1,xvda,rw' ]  # under xm", "disk = [ 'phy:/dev/vg/vm1,xvda,w' ]"),
        Entry(NoVdev, XlSource, "disk = [ '/dev/vg/vm1' ]", "disk = [ '/dev/vg/vm1,,xvda' ]"),
        Entry(NoTarget, XlSource, "disk = [ 'vdev=xvda' ]", "disk = [ 'vdev=xvda, target=/dev/vg/vm1' ]"),
        Entry(UnknownFormat, XlSource, "disk = [ '/srv/vm1.img,QCOW2,xvda,w' ]", "disk = [ '/srv/vm1.img,qcow2,xvda,w' ]"),
        Entry(UnknownPrefix, XlSource + "; " + XmSource, "disk = [ 'lvm:vg/vm1,xvda,w' ]", "disk = [ 'phy:/dev/vg/vm1,xvda,w' ]"),
        Entry(UnknownParameter, XlSource, "disk = [ 'vdev=xvda, mode=rw, target=/dev/vg/vm1' ]", "disk = [ 'vdev=xvda, access=rw, target=/dev/vg/vm1' ]"),
        Entry(TargetNotLast, XlSource, "disk = [ 'vdev=xvda, target=/dev/vg/vm1, access=r' ]", "disk = [ 'vdev=xvda, access=r, target=/dev/vg/vm1' ]"),
        Entry(BlankBeforeComma, XlSource, "disk = [ '/dev/vg/vm1 ,raw,xvda,w' ]", "disk = [ '/dev/vg/vm1,raw,xvda,w' ]"),
        Entry(RelativeTarget, "Xen tools/libs/light/libxl_device.c (the target is checked as given)", "disk = [ 'file:images/vm1.img,xvda,w' ]", "disk = [ 'file:/srv/xen/images/vm1.img,xvda,w' ]"),
        Entry(VdevInFormatPosition, XlSource, "disk = [ '/dev/sda1,xvda,w' ]", "disk = [ '/dev/sda1,,xvda,w' ]  # or phy:/dev/sda1,xvda,w"),
        Entry(BadValue, XlSource, "disk = [ '/srv/cd.iso,raw,hdc,r,devtype=dvd' ]", "disk = [ '/srv/cd.iso,raw,hdc,r,devtype=cdrom' ]"),
        Entry(Respecified, XlSource, "disk = [ '/dev/vg/vm1,raw,xvda,w,format=qcow2' ]", "disk = [ '/dev/vg/vm1,raw,xvda,w' ]"),
        Entry(TooManyPositional, XlSource, "disk = [ '/dev/vg/vm1,raw,xvda,w,extra' ]", "disk = [ '/dev/vg/vm1,raw,xvda,w' ]"),
        Entry(BadSyntax, XlSource + "; " + XmSource, "disk = [ 'phy:/dev/vg/vm1,xvda' ]  # under xm: no mode", "disk = [ 'phy:/dev/vg/vm1,xvda,w' ]"),
    ];

    /// <summary>Reads the disks.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Of("disk");

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void Analyze(RuleContext context)
    {
        foreach (var disk in context.Model.Disks)
        {
            var problems = context.Dialect == Dialect.Xm ? disk.Xm!.Problems : disk.Xl.Problems;
            Mapping.Report(context, problems, disk.SourceSpan);
        }
    }

    private static DiagnosticDescriptor Create(string id, string title, DiagnosticSeverity severity, string description) =>
        SemanticDescriptors.Create(id, title, "{0}", severity, description);
}
