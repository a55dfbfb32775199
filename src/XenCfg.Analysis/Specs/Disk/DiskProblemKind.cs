namespace XenCfg.Analysis.Specs.Disk;

/// <summary>
/// Problems in a disk spec. One enum serves both readings (<see cref="XlDiskSpecParser"/> and
/// <see cref="XmDiskSpecParser"/>) so that the analyzer can map each kind to one rule; whether a kind
/// is fatal depends on the reading and is given by <see cref="SpecProblem{TKind}.IsFatal"/>.
/// </summary>
public enum DiskProblemKind
{
    // ---- refused by xl's disk parser (libxlu_disk_l.l / libxlu_disk.c) ----

    /// <summary><c>name=value</c> with a name xl does not know ("unknown parameter").</summary>
    UnknownParameter,
    /// <summary>A format xl does not know, given by <c>format=</c> or positionally ("unknown value for format").</summary>
    UnknownFormat,
    /// <summary>An access mode that is neither <c>r</c>/<c>ro</c> nor <c>w</c>/<c>rw</c>/empty ("unknown value for access").</summary>
    BadAccessMode,
    /// <summary><c>w!</c>: xm's "write, skip the sharing check" mode; xl refuses it.</summary>
    XmOnlyAccessMode,
    /// <summary><c>devtype=</c> other than <c>cdrom</c>/<c>disk</c> ("unknown value for type").</summary>
    UnknownDeviceType,
    /// <summary><c>VDEV:TYPE</c> with TYPE other than <c>cdrom</c>/<c>disk</c> ("unknown deprecated type").</summary>
    UnknownDeprecatedType,
    /// <summary><c>backendtype=</c> other than phy/tap/qdisk/standalone.</summary>
    UnknownBackendType,
    /// <summary><c>specification=</c> other than xen/virtio.</summary>
    UnknownSpecification,
    /// <summary><c>colo-port=</c> that does not read as a non-zero number.</summary>
    BadColoPort,
    /// <summary>A parameter given twice with different values ("... respecified").</summary>
    Respecified,
    /// <summary>More than four positional parameters ("too many positional parameters").</summary>
    TooManyPositional,
    /// <summary><c>word:</c> at the start of a parameter that is not a known legacy prefix ("unknown deprecated disk prefix"); under xm, a PREFIX xend does not know.</summary>
    UnknownPrefix,
    /// <summary>A stray <c>=</c> that no rule accepts ("bad disk syntax"), or a scanner abort.</summary>
    BadSyntax,
    /// <summary>No virtual device given ("no vdev specified").</summary>
    NoVdev,
    /// <summary>No target on a disk that is not removable ("no target specified (and device not removable)").</summary>
    NoTarget,
    /// <summary>The positional trap <c>/dev/sda1,xvda,w</c>: a vdev in the format position.</summary>
    VdevInFormatPosition,

    // ---- accepted, but not what the author meant ----

    /// <summary><c>target=</c> followed by text that looks like more parameters: xl takes them as part of the target.</summary>
    TargetNotLast,
    /// <summary>Blanks at the end of a value (before a comma or the end): they stay in the value.</summary>
    BlankBeforeComma,
    /// <summary>A target path that is not absolute where the toolstack does not resolve it under /dev.</summary>
    RelativeTarget,
    /// <summary>A vdev that libxl will refuse when the domain is created.</summary>
    InvalidVdev,
    /// <summary>A NUL character: C code stops reading the string there.</summary>
    EmbeddedNul,

    // ---- the legacy xm/xend reading ----

    /// <summary><c>rw</c>/<c>ro</c> under xm: xend accepted only r, w and w!.</summary>
    XlOnlyAccessMode,
    /// <summary>An xm spec whose first field has no <c>PREFIX:</c> (xend: "Block device must have physical details specified").</summary>
    MissingPrefix,
    /// <summary>An xm spec that does not have 3 to 5 comma-separated fields ("Invalid disk specifier").</summary>
    WrongFieldCount,
    /// <summary>xl's <c>key=value</c> syntax in a spec read by xm, which has no such syntax.</summary>
    XlSyntaxUnderXm,
}
