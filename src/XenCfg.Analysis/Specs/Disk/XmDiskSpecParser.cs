using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace XenCfg.Analysis.Specs.Disk;

/// <summary>
/// A disk spec as xm/xend read it (Xen before 4.5): <c>PREFIX:TARGET,VDEV[:TYPE],MODE[,BACKEND[,PROTOCOL]]</c>.
/// </summary>
public sealed class XmDiskSpec
{
    internal XmDiskSpec(string text) => Text = text;

    /// <summary>The spec as written.</summary>
    public string Text { get; }
    /// <summary>The comma-separated fields, exactly as split (blanks kept, as Python's <c>split(',')</c> does).</summary>
    public IReadOnlyList<Located<string>> Fields { get; internal set; } = [];
    /// <summary>Field 1, xend's "uname": <c>PREFIX:TARGET</c>.</summary>
    public Located<string>? Uname { get; internal set; }
    /// <summary>The part of the uname before its first colon (<c>phy</c>, <c>file</c>, <c>tap</c>, <c>iscsi</c>, ...).</summary>
    public Located<string>? Prefix { get; internal set; }
    /// <summary>For <c>tap:</c>/<c>tap2:</c>, the blktap driver (<c>aio</c>, <c>qcow2</c>, ...).</summary>
    public Located<string>? TapType { get; internal set; }
    /// <summary>The target (xend's "params"): what follows the prefix (and the tap driver).</summary>
    public Located<string>? Target { get; internal set; }
    /// <summary>
    /// The target as the hotplug scripts resolve it: a relative <c>phy:</c> name is under /dev
    /// (xen/util/blkif.py <c>parse_uname</c>, tools/hotplug/Linux/block <c>expand_dev</c>).
    /// </summary>
    public string? ResolvedTarget { get; internal set; }
    /// <summary>Field 2 without an <c>ioemu:</c> prefix or a <c>:TYPE</c> suffix: the guest device name.</summary>
    public Located<string>? Device { get; internal set; }
    /// <summary>The <c>:TYPE</c> after the device (<c>cdrom</c>); xend's default is <c>disk</c>.</summary>
    public Located<string>? DeviceType { get; internal set; }
    /// <summary>The device number xend computes for <see cref="Device"/> (blkif.py <c>blkdev_name_to_number</c>).</summary>
    public int? DeviceNumber { get; internal set; }
    /// <summary>Field 3: <c>r</c>, <c>w</c> or <c>w!</c>.</summary>
    public Located<string>? Mode { get; internal set; }
    /// <summary>Field 4: the backend (driver) domain.</summary>
    public Located<string>? BackendDomain { get; internal set; }
    /// <summary>Field 5: the ring protocol (e.g. <c>x86_32-abi</c>).</summary>
    public Located<string>? Protocol { get; internal set; }

    /// <summary>True for a CD-ROM drive (<c>VDEV:cdrom</c>).</summary>
    public bool IsCdrom => DeviceType is { Value: "cdrom" };
    /// <summary>True when the mode allows writing (<c>w</c> or <c>w!</c>).</summary>
    public bool IsWritable => Mode is { Value: "w" or "w!" };

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SpecProblem<DiskProblemKind>> Problems { get; internal set; } = [];

    /// <summary>True when xm/xend accept the spec (no fatal problem).</summary>
    public bool IsAccepted => !Problems.Any(p => p.IsFatal);
}

/// <summary>
/// Reads a disk spec as xm and xend did, from Xen's Python tools before their removal in 4.5
/// (git history of the Xen tree, before commit 9e8672f1c3): tools/python/xen/xm/create.py
/// (<c>preprocess_disk</c>: split on commas, 3 to 5 fields), xend/server/blkif.py
/// (<c>getDeviceDetails</c>: the prefix must be phy, file, tap or have a block-PREFIX hotplug script;
/// <c>ioemu:</c> and <c>:TYPE</c> on the device; mode r, w or w!) and util/blkif.py
/// (<c>blkdev_name_to_number</c>, <c>parse_uname</c>). Also reports what xl would read differently.
/// </summary>
public static partial class XmDiskSpecParser
{
    /// <summary>Prefixes xend accepts: its own, plus the block-* hotplug scripts shipped by Xen or DRBD.</summary>
    private static readonly string[] KnownPrefixes = ["phy", "file", "tap", "tap2", "iscsi", "nbd", "enbd", "drbd"];

    /// <summary>blktap drivers (tapdisk) that <c>tap:DRIVER:</c> may name.</summary>
    private static readonly string[] TapDrivers = ["aio", "sync", "vmdk", "ram", "qcow", "qcow2", "vhd", "ioemu", "tapdisk"];

    /// <summary>Reads <paramref name="spec"/> as xm did. Never throws.</summary>
    public static XmDiskSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var result = new XmDiskSpec(spec);
        var problems = new List<SpecProblem<DiskProblemKind>>();
        void Add(DiskProblemKind kind, TextSpan span, bool fatal, string message) =>
            problems.Add(new SpecProblem<DiskProblemKind>(kind, span, message) { IsFatal = fatal });

        var fields = new List<Located<string>>();
        int start = 0;
        for (int i = 0; i <= spec.Length; i++)
        {
            if (i == spec.Length || spec[i] == ',')
            {
                fields.Add(new Located<string>(spec[start..i], TextSpan.FromBounds(start, i)));
                start = i + 1;
            }
        }

        result.Fields = fields;
        result.Problems = problems;

        if (LooksLikeXlSyntax(fields))
        {
            Add(DiskProblemKind.XlSyntaxUnderXm, new TextSpan(0, spec.Length), fatal: true,
                "This is xl's `name=value` disk syntax, which xm does not have. Under xm write `PREFIX:TARGET,VDEV,MODE`, e.g. `phy:/dev/vg/disk,xvda,w`.");
            return result;
        }

        if (fields.Count is < 3 or > 5)
        {
            Add(DiskProblemKind.WrongFieldCount, new TextSpan(0, spec.Length), fatal: true,
                $"xm refuses the disk spec (\"Invalid disk specifier\"): it needs 3 to 5 comma-separated fields (PREFIX:TARGET,VDEV,MODE[,BACKEND[,PROTOCOL]]), and this one has {fields.Count}.");
            return result;
        }

        // xl's positional form (target,format,vdev,access) has no prefix and a format or nothing second.
        if (!fields[0].Value.Contains(':', StringComparison.Ordinal) && fields[0].Value.Length > 0 && fields.Count >= 3
            && fields[1].Value.Trim() is "" or "raw" or "qcow" or "qcow2" or "vhd" or "qed" or "empty")
        {
            Add(DiskProblemKind.XlSyntaxUnderXm, new TextSpan(0, spec.Length), fatal: true,
                $"This is xl's positional disk syntax (target, format, vdev, access), which xm reads as PREFIX:TARGET,VDEV,MODE. Under xm write `phy:{fields[0].Value},{fields[2].Value},{(fields.Count > 3 && fields[3].Value is "ro" or "r" ? "r" : "w")}` (or `file:` for an image).");
            return result;
        }

        ReportBlanks(fields, Add);
        ReadDevice(result, fields[1], Add);
        ReadUname(result, fields[0], Add);
        ReadMode(result, fields[2], Add);
        if (fields.Count > 3 && fields[3].Value.Length > 0)
            result.BackendDomain = fields[3];
        if (fields.Count > 4 && fields[4].Value.Length > 0)
            result.Protocol = fields[4];
        return result;
    }

    private static bool LooksLikeXlSyntax(List<Located<string>> fields) =>
        fields.Any(f =>
        {
            string item = f.Value.Trim();
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            return equals > 0 && XlDiskSpecParser.KeywordNames.Contains(item[..equals], StringComparer.Ordinal);
        });

    private static void ReportBlanks(List<Located<string>> fields, Action<DiskProblemKind, TextSpan, bool, string> add)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            var (value, span) = fields[i];
            // Blanks in the device or mode make xend's lookups fail; in the target they reach the hotplug script.
            bool fatal = i is 1 or 2;
            string trimmedEnd = value.TrimEnd(' ', '\t');
            if (trimmedEnd.Length < value.Length && trimmedEnd.Length > 0)
            {
                add(DiskProblemKind.BlankBeforeComma, TextSpan.FromBounds(span.Start + trimmedEnd.Length, span.End), fatal,
                    $"The blank after `{trimmedEnd.Trim()}` is part of the field: xm splits on commas only and keeps blanks{(fatal ? ", so xend refuses the disk" : "")}. Remove it.");
            }

            string trimmedStart = value.TrimStart(' ', '\t');
            if (trimmedStart.Length < value.Length && trimmedStart.Length > 0)
            {
                add(DiskProblemKind.BlankBeforeComma, new TextSpan(span.Start, value.Length - trimmedStart.Length), fatal,
                    $"The blank before `{trimmedStart.Trim()}` is part of the field: unlike xl, xm keeps blanks after a comma{(fatal ? ", so xend refuses the disk" : "")}. Remove it.");
            }
        }
    }

    private static void ReadDevice(XmDiskSpec result, Located<string> field, Action<DiskProblemKind, TextSpan, bool, string> add)
    {
        string dev = field.Value;
        int offset = field.Span.Start;
        // blkif.py: "if 'ioemu:' in dev" drops everything up to the first colon; then "dev:TYPE".
        if (dev.Contains("ioemu:", StringComparison.Ordinal))
        {
            int colon = dev.IndexOf(':', StringComparison.Ordinal);
            offset += colon + 1;
            dev = dev[(colon + 1)..];
        }

        int typeColon = dev.IndexOf(':', StringComparison.Ordinal);
        if (typeColon >= 0)
        {
            var type = new Located<string>(dev[(typeColon + 1)..], TextSpan.FromBounds(offset + typeColon + 1, offset + dev.Length));
            result.DeviceType = type;
            dev = dev[..typeColon];
            if (type.Value is not ("cdrom" or "disk"))
            {
                add(DiskProblemKind.UnknownDeprecatedType, type.Span, false,
                    $"The device type `{type.Value}` is neither `cdrom` nor `disk`: xend passes it to the guest unchecked, and xl refuses it. Write `{dev}:cdrom` or just `{dev}`.");
            }
        }

        var device = new Located<string>(dev, new TextSpan(offset, dev.Length));
        result.Device = device;
        result.DeviceNumber = XmDeviceNumber(dev);
        if (result.DeviceNumber is null && dev.Trim().Length == dev.Length)
        {
            add(DiskProblemKind.InvalidVdev, device.Span, true,
                $"xend cannot find a device number for `{dev}` (\"Unable to find number for device\"). Use a name such as `xvda`, `xvdb1`, `hda` or `sda1`.");
        }
    }

    private static void ReadUname(XmDiskSpec result, Located<string> field, Action<DiskProblemKind, TextSpan, bool, string> add)
    {
        var (uname, span) = field;
        result.Uname = field;
        int colon = uname.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            if (uname.Length == 0 && result.IsCdrom)
                return; // an empty CD-ROM drive
            string suggestion = uname.StartsWith("/dev/", StringComparison.Ordinal) ? "phy:" + uname : "file:" + uname;
            add(DiskProblemKind.MissingPrefix, span, true,
                $"xend refuses a target without a prefix (\"Block device must have physical details specified\"). Write `{suggestion}` (phy: for a block device, file: for an image).");
            return;
        }

        string prefix = uname[..colon];
        result.Prefix = new Located<string>(prefix, new TextSpan(span.Start, colon));
        int targetStart = colon + 1;
        if (!KnownPrefixes.Contains(prefix, StringComparer.Ordinal))
        {
            string hint = prefix switch
            {
                "raw" => " For a raw image write `file:...` or `tap:aio:...`.",
                "qcow" or "qcow2" or "vhd" or "aio" => $" Write `tap:{prefix}:...`.",
                _ => " Known prefixes are phy:, file:, tap:, tap2:, and those with a block-PREFIX hotplug script (iscsi:, nbd:, enbd:, drbd:).",
            };
            add(DiskProblemKind.UnknownPrefix, result.Prefix.Value.Span, true,
                $"xend refuses the prefix `{prefix}:` (\"Block device type is invalid\") unless a /etc/xen/scripts/block-{prefix} script exists.{hint}");
        }
        else if (prefix is "tap" or "tap2")
        {
            int driverEnd = uname.IndexOf(':', targetStart);
            string driver = driverEnd < 0 ? "" : uname[targetStart..driverEnd];
            // parse_uname: "tap:tapdisk:DRIVER:" and "tap:ioemu:DRIVER:" name the driver one level down.
            if (driver is "tapdisk" or "ioemu")
            {
                int next = uname.IndexOf(':', driverEnd + 1);
                if (next > 0)
                {
                    targetStart = driverEnd + 1;
                    driverEnd = next;
                    driver = uname[targetStart..driverEnd];
                }
            }

            if (driverEnd < 0)
            {
                add(DiskProblemKind.UnknownFormat, span, true,
                    $"`{prefix}:` needs a blktap driver before the path, e.g. `{prefix}:aio:{uname[targetStart..]}`.");
            }
            else
            {
                result.TapType = new Located<string>(driver, TextSpan.FromBounds(span.Start + targetStart, span.Start + driverEnd));
                if (!TapDrivers.Contains(driver, StringComparer.Ordinal))
                {
                    add(DiskProblemKind.UnknownFormat, result.TapType.Value.Span, true,
                        $"`{driver}` is not a blktap driver. Write one of aio, sync, vmdk, ram, qcow, qcow2 or vhd (e.g. `{prefix}:aio:...`).");
                }

                targetStart = driverEnd + 1;
            }
        }

        string target = uname[targetStart..];
        var targetSpan = TextSpan.FromBounds(span.Start + targetStart, span.End);
        result.Target = new Located<string>(target, targetSpan);
        result.ResolvedTarget = prefix == "phy" && !target.StartsWith('/') && target.Length > 0 ? "/dev/" + target : target;
        if (prefix is "file" or "tap" or "tap2" && target.Length > 0 && !target.StartsWith('/'))
        {
            add(DiskProblemKind.RelativeTarget, targetSpan, false,
                $"The image path `{target}` is not absolute: the hotplug script resolves it from its own working directory, not from the config's. Write the full path (`/...`).");
        }
    }

    private static void ReadMode(XmDiskSpec result, Located<string> field, Action<DiskProblemKind, TextSpan, bool, string> add)
    {
        result.Mode = field;
        switch (field.Value)
        {
            case "r" or "w":
                return;
            case "w!":
                add(DiskProblemKind.XmOnlyAccessMode, field.Span, false,
                    "`w!` (write without the sharing check) works only under xm; xl refuses it. Under xl write `w`, and make sure no other domain uses the disk.");
                return;
            case "rw" or "ro":
                add(DiskProblemKind.XlOnlyAccessMode, field.Span, true,
                    $"xend refuses the mode `{field.Value}` (\"Invalid mode\"): it accepts only r, w and w!. Write `{(field.Value == "rw" ? "w" : "r")}`, which xl accepts too.");
                return;
        }

        if (field.Value.Trim(' ', '\t') is "r" or "w" or "w!" or "rw" or "ro")
            return; // already reported as a blank in the field
        add(DiskProblemKind.BadAccessMode, field.Span, true,
            $"xend refuses the mode `{field.Value}` (\"Invalid mode\"). Write `r` (read-only) or `w` (read-write).");
    }

    /// <summary>xen/util/blkif.py <c>blkdev_name_to_number</c>; null where xend found no number.</summary>
    public static int? XmDeviceNumber(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string n = name.StartsWith('/') ? name : "/dev/" + name;
        int[] scsiMajors = [8, 65, 66, 67, 68, 69, 70, 71, 128, 129, 130, 131, 132, 133, 134, 135];
        int[] ideMajors = [3, 22, 33, 34, 56, 57, 88, 89, 90, 91];
        Match m;
        if ((m = ScsiOne().Match(n)).Success)
        {
            int index = m.Groups[1].Value[0] - 'a';
            return scsiMajors[index / 16] * 256 + (index % 16) * 16 + PartitionOf(m.Groups[2].Value);
        }

        if ((m = ScsiTwo().Match(n)).Success)
        {
            int index = (m.Groups[1].Value[0] - 'a' + 1) * 26 + (m.Groups[1].Value[1] - 'a');
            return index / 16 < scsiMajors.Length ? scsiMajors[index / 16] * 256 + (index % 16) * 16 + PartitionOf(m.Groups[2].Value) : null;
        }

        if ((m = Ide().Match(n)).Success)
        {
            int index = m.Groups[1].Value[0] - 'a';
            return ideMajors[index / 2] * 256 + (index % 2) * 64 + PartitionOf(m.Groups[2].Value);
        }

        if ((m = XvdOne().Match(n)).Success)
        {
            int index = m.Groups[1].Value[0] - 'a';
            return index < 16
                ? (202 << 8) + (index << 4) + PartitionOf(m.Groups[2].Value)
                : (1 << 28) + (index << 8) + PartitionOf(m.Groups[2].Value);
        }

        if ((m = XvdTwo().Match(n)).Success)
        {
            int index = (m.Groups[1].Value[0] - 'a' + 1) * 26 + (m.Groups[1].Value[1] - 'a');
            return (1 << 28) + (index << 8) + PartitionOf(m.Groups[2].Value);
        }

        if (HexNumber().IsMatch(name))
            return int.TryParse(name.AsSpan(2).TrimEnd('\n'), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out int hex) ? hex : null;
        if (DecimalNumber().IsMatch(name))
            return int.TryParse(name.TrimEnd('\n'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int dec) ? dec : null;
        return null;
    }

    private static int PartitionOf(string digits) =>
        digits.Length == 0 ? 0 : int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);

    // Python's re.match anchors at the start; its "$" also matches before a final newline, as .NET's does.
    [GeneratedRegex(@"\A/dev/sd([a-z])([1-9]|1[0-5])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ScsiOne();
    [GeneratedRegex(@"\A/dev/sd([a-i][a-z])([1-9]|1[0-5])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ScsiTwo();
    [GeneratedRegex(@"\A/dev/hd([a-t])([1-9]|[1-5][0-9]|6[0-3])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Ide();
    [GeneratedRegex(@"\A/dev/xvd([a-z])([1-9]|1[0-5])?$", RegexOptions.CultureInvariant)]
    private static partial Regex XvdOne();
    [GeneratedRegex(@"\A/dev/xvd([a-i][a-z])([1-9]|1[0-5])?$", RegexOptions.CultureInvariant)]
    private static partial Regex XvdTwo();
    [GeneratedRegex(@"\A(0x)[0-9a-fA-F]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HexNumber();
    [GeneratedRegex(@"\A[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalNumber();
}
