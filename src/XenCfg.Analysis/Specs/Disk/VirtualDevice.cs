using Microsoft.CodeAnalysis.Text;

namespace XenCfg.Analysis.Specs.Disk;

/// <summary>Which naming scheme a virtual device name uses.</summary>
public enum VirtualDeviceScheme
{
    /// <summary>Not a name libxl recognises.</summary>
    Unrecognized,
    /// <summary><c>xvd</c> + base-26 letters + optional partition 1–255 (Xen PV disks).</summary>
    Xvd,
    /// <summary><c>d&lt;N&gt;p&lt;M&gt;</c>, the explicit disk/partition form.</summary>
    DiskPartition,
    /// <summary>A plain number: the raw device number itself.</summary>
    Number,
    /// <summary><c>hd</c> + a–d + optional partition 1–63 (emulated IDE).</summary>
    Ide,
    /// <summary><c>sd</c> + a–p + optional partition 1–15 (emulated SCSI).</summary>
    Scsi,
}

/// <summary>Problems in a virtual device (vdev) name.</summary>
public enum VirtualDeviceProblemKind
{
    /// <summary>libxl does not recognise the name at all.</summary>
    Unsupported,
    /// <summary>A partition number starting with 0 (<c>xvda01</c>, <c>xvda0</c>).</summary>
    LeadingZeroPartition,
    /// <summary>A partition number above the scheme's limit (<c>hda64</c>, <c>sda16</c>, <c>xvda256</c>).</summary>
    PartitionOutOfRange,
    /// <summary>A drive letter beyond the scheme's limit (<c>hde</c>, <c>sdq</c>).</summary>
    DiskIndexOutOfRange,
    /// <summary>libxl accepts the name but reads it as a different, canonical name (<c>xvda+1</c>, <c>hd</c>).</summary>
    NonCanonical,
}

/// <summary>
/// A virtual device name as libxl reads it, with the device number it computes.
/// </summary>
/// <param name="Text">The name as written.</param>
/// <param name="Scheme">The naming scheme libxl matched.</param>
/// <param name="DeviceNumber">libxl's device number (the xenstore device id); negative when libxl cannot use the name.</param>
/// <param name="DiskIndex">The disk index (<c>a</c> = 0, <c>z</c> = 25, <c>aa</c> = 26, ...); null for raw numbers, whose index libxl does not compute.</param>
/// <param name="Partition">The partition (0 = whole disk); null for raw numbers.</param>
/// <param name="Problems">What is wrong with the name, if anything.</param>
public sealed record VirtualDevice(
    string Text,
    VirtualDeviceScheme Scheme,
    int DeviceNumber,
    int? DiskIndex,
    int? Partition,
    IReadOnlyList<SpecProblem<VirtualDeviceProblemKind>> Problems)
{
    /// <summary>
    /// True when libxl can attach a disk under this name. libxl itself only refuses the value -1
    /// (libxl_disk.c, "Invalid or unsupported virtual disk identifier"); other negative numbers slip
    /// through that check and break later, so they count as invalid here too.
    /// </summary>
    public bool IsValid => DeviceNumber >= 0;

    /// <summary>
    /// The canonical spelling of the name (<c>xvda1</c> for <c>xvda+1</c>), or null when there is none.
    /// </summary>
    public string? CanonicalName => Scheme switch
    {
        // "hd" with no letter: libxl starts the index at -1 and its odd/even test then picks the slave, hdb.
        VirtualDeviceScheme.Ide when IsValid && DiskIndex == -1 =>
            "hdb" + (Partition > 0 ? Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
        VirtualDeviceScheme.Xvd or VirtualDeviceScheme.Ide or VirtualDeviceScheme.Scsi when IsValid && DiskIndex >= 0 =>
            SchemePrefix(Scheme) + VirtualDeviceParser.DiskLetters(DiskIndex!.Value) + (Partition > 0 ? Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
        VirtualDeviceScheme.DiskPartition when IsValid => FormattableString.Invariant($"d{DiskIndex}p{Partition}"),
        _ => null,
    };

    /// <summary>
    /// On an HVM guest, disks with the same <see cref="DiskIndex"/> are the same emulated disk
    /// (libxl_dm.c hands QEMU the disk index of each vdev, whatever its scheme), so <c>hda</c> and
    /// <c>xvda</c> collide there. This says whether two names would.
    /// </summary>
    public bool IsSameEmulatedDiskAs(VirtualDevice other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return IsValid && other.IsValid && DiskIndex is { } a && other.DiskIndex is { } b && a == b;
    }

    private static string SchemePrefix(VirtualDeviceScheme scheme) => scheme switch
    {
        VirtualDeviceScheme.Xvd => "xvd",
        VirtualDeviceScheme.Ide => "hd",
        _ => "sd",
    };
}

/// <summary>
/// Reads a virtual device name the way libxl does (<c>libxl__device_disk_dev_number</c> and
/// <c>device_virtdisk_matches</c> in tools/libs/light/libxl_device.c): first <c>d%ip%i</c>, then
/// <c>xvd</c>, then a plain number (C <c>strtoul</c> with base 0, up to INT_MAX), then <c>hd</c>, then <c>sd</c>.
/// Device numbers: xvd disks 0–15 with partitions 0–15 are <c>202&lt;&lt;8 | disk&lt;&lt;4 | part</c>,
/// larger ones use the extended form <c>1&lt;&lt;28 | disk&lt;&lt;8 | part</c>; hda/hdb are major 3, hdc/hdd
/// major 22 (<c>(disk&amp;1)&lt;&lt;6 | part</c>); sd is major 8 (<c>disk&lt;&lt;4 | part</c>).
/// </summary>
public static class VirtualDeviceParser
{
    /// <summary>Interprets <paramref name="vdev"/>. Never throws.</summary>
    public static VirtualDevice Parse(string vdev)
    {
        ArgumentNullException.ThrowIfNull(vdev);
        // libxl works on a C string: anything after a NUL is invisible to it.
        string s = CLibrary.UpToNul(vdev);
        var (scheme, number, disk, part) = Compute(s);
        var problems = new List<SpecProblem<VirtualDeviceProblemKind>>();
        var whole = new TextSpan(0, vdev.Length);
        if (number < 0)
        {
            problems.Add(Explain(s, whole));
        }
        else
        {
            var result = new VirtualDevice(vdev, scheme, number, disk, part, problems);
            string? canonical = result.CanonicalName;
            if (canonical is not null && !string.Equals(canonical, vdev, StringComparison.Ordinal))
            {
                problems.Add(new SpecProblem<VirtualDeviceProblemKind>(
                    VirtualDeviceProblemKind.NonCanonical, whole,
                    $"libxl reads the virtual device name `{vdev}` as `{canonical}`; write `{canonical}`."));
            }
        }

        return new VirtualDevice(vdev, scheme, number, disk, part, problems);
    }

    /// <summary>Base-26 "spreadsheet column" letters for a disk index: 0 → a, 25 → z, 26 → aa.</summary>
    public static string DiskLetters(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var chars = new Stack<char>();
        long n = index;
        while (true)
        {
            chars.Push((char)('a' + (int)(n % 26)));
            if (n < 26)
                break;
            n = n / 26 - 1;
        }

        return new string(chars.ToArray());
    }

    private static (VirtualDeviceScheme Scheme, int Number, int? Disk, int? Part) Compute(string s)
    {
        if (ScanDiskPartition(s, out int dDisk, out int dPart) && dDisk < (1 << 20) && dPart < 256)
            return (VirtualDeviceScheme.DiskPartition, XvdNumber(dDisk, dPart), dDisk, dPart);
        if (Matches(s, "xvd", (1 << 20) - 1, 255, out int xDisk, out int xPart))
            return (VirtualDeviceScheme.Xvd, XvdNumber(xDisk, xPart), xDisk, xPart);

        var number = CLibrary.StrToUL(s, 0, 0);
        // strtoul sets no end pointer past an empty string: "" is read as the number 0, as libxl does.
        int end = number.AnyDigits ? number.End : 0;
        if (!number.Overflow && end == s.Length && number.Value <= int.MaxValue)
            return (VirtualDeviceScheme.Number, (int)number.Value, null, null);

        if (Matches(s, "hd", 3, 63, out int hDisk, out int hPart))
            return (VirtualDeviceScheme.Ide, unchecked(((hDisk < 2 ? 3 : 22) << 8) | ((hDisk & 1) << 6) | hPart), hDisk, hPart);
        if (Matches(s, "sd", 15, 15, out int sDisk, out int sPart))
            return (VirtualDeviceScheme.Scsi, unchecked((8 << 8) | (sDisk << 4) | sPart), sDisk, sPart);
        return (VirtualDeviceScheme.Unrecognized, -1, null, null);
    }

    private static int XvdNumber(int disk, int partition) => unchecked(
        disk <= 15 && partition <= 15
            ? (202 << 8) | (disk << 4) | partition
            : (1 << 28) | (disk << 8) | partition);

    /// <summary>libxl's <c>device_virtdisk_matches</c>: prefix, letters (index starts at -1), then a partition.</summary>
    private static bool Matches(string s, string prefix, int maxIndex, int maxPartition, out int index, out int partition)
    {
        index = -1;
        partition = 0;
        if (!s.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        int p = prefix.Length;
        while (p < s.Length && s[p] is >= 'a' and <= 'z')
        {
            index = (index + 1) * 26 + (s[p] - 'a');
            if (index > maxIndex)
                return false;
            p++;
        }

        if (p == s.Length)
            return true;
        if (s[p] == '0')
            return false;
        var conversion = CLibrary.StrToUL(s, p, 10);
        // The C code keeps strtoul's unsigned result in a long, so "-1" becomes -1 and passes "> max".
        long value = unchecked((long)conversion.Value);
        if (!conversion.AnyDigits || conversion.End != s.Length || value > maxPartition)
            return false;
        partition = unchecked((int)value);
        return true;
    }

    /// <summary><c>sscanf(s, "d%ip%i%n")</c> that must consume the whole string.</summary>
    private static bool ScanDiskPartition(string s, out int disk, out int partition)
    {
        disk = partition = 0;
        if (s.Length == 0 || s[0] != 'd')
            return false;
        int p = 1;
        if (!ScanInteger(s, ref p, out disk) || p >= s.Length || s[p] != 'p')
            return false;
        p++;
        return ScanInteger(s, ref p, out partition) && p == s.Length;
    }

    /// <summary>scanf's <c>%i</c>: blanks, sign, base prefix (0x hex, 0 octal), digits; stored in an int.</summary>
    private static bool ScanInteger(string s, ref int p, out int value)
    {
        value = 0;
        int i = p;
        while (i < s.Length && CLibrary.IsSpace(s[i]))
            i++;
        bool negative = false;
        if (i < s.Length && s[i] is '+' or '-')
        {
            negative = s[i] == '-';
            i++;
        }

        int radix = 10;
        if (i < s.Length && s[i] == '0')
        {
            if (i + 1 < s.Length && s[i + 1] is 'x' or 'X')
            {
                radix = 16;
                i += 2;
            }
            else
            {
                radix = 8;
            }
        }

        long acc = 0;
        bool saturated = false;
        int start = i;
        while (i < s.Length && Digit(s[i]) is var d && d >= 0 && d < radix)
        {
            if (!saturated && acc > (long.MaxValue - d) / radix)
                saturated = true;
            else if (!saturated)
                acc = acc * radix + d;
            i++;
        }

        if (i == start)
            return false;
        long signed = saturated ? (negative ? long.MinValue : long.MaxValue) : (negative ? -acc : acc);
        value = unchecked((int)signed);
        p = i;
        return true;
    }

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Says, in words, why libxl refuses the name, with a suggestion.</summary>
    private static SpecProblem<VirtualDeviceProblemKind> Explain(string s, TextSpan span)
    {
        const string Tail = " libxl refuses it when the domain is created (\"Invalid or unsupported virtual disk identifier\").";
        foreach (var (prefix, maxLetter, maxPart, label) in new[] { ("xvd", 'z', 255, "xvd"), ("hd", 'd', 63, "hd"), ("sd", 'p', 15, "sd") })
        {
            if (!s.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            int p = prefix.Length;
            int lettersStart = p;
            while (p < s.Length && s[p] is >= 'a' and <= 'z')
                p++;
            string letters = s[lettersStart..p];
            string rest = s[p..];
            if (letters.Length == 0)
                break;
            if (label != "xvd" && (letters.Length > 1 || letters[0] > maxLetter))
            {
                return Problem(VirtualDeviceProblemKind.DiskIndexOutOfRange,
                    $"`{s}` is beyond the last {label} disk ({label}{maxLetter}).{Tail} Use an xvd name such as `xvd{letters}{rest}`.");
            }

            if (rest.Length > 0 && rest.All(char.IsAsciiDigit))
            {
                if (rest[0] == '0')
                {
                    string trimmed = rest.TrimStart('0');
                    string suggestion = trimmed.Length == 0 ? prefix + letters : prefix + letters + trimmed;
                    return Problem(VirtualDeviceProblemKind.LeadingZeroPartition,
                        $"The partition number in `{s}` starts with 0.{Tail} Write `{suggestion}`.");
                }

                return Problem(VirtualDeviceProblemKind.PartitionOutOfRange,
                    $"`{s}` has partition {rest}, but {label} names allow partitions 1–{maxPart}.{Tail} Use a lower partition number or an xvd name.");
            }

            break;
        }

        return Problem(VirtualDeviceProblemKind.Unsupported,
            $"`{s}` is not a virtual disk name.{Tail} Use a name such as `xvda`, `xvdb1`, `hda` or `sda1`.");

        SpecProblem<VirtualDeviceProblemKind> Problem(VirtualDeviceProblemKind kind, string message) =>
            new(kind, span, message) { IsFatal = true };
    }
}
