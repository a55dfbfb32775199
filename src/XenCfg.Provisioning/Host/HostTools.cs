using System.Globalization;
using System.Text.Json;

namespace XenCfg.Provisioning.Host;

/// <summary>A volume group as <c>vgs</c> reports it (bytes).</summary>
public sealed record VolumeGroupInfo(string Name, long Size, long Free, long ExtentSize, long FreeExtents)
{
    /// <summary>
    /// The most extents one logical volume may have: LVM counts them in 32 bits ("Volume too large (8.00 EiB) for
    /// extent size 4.00 MiB. Upper limit is less than &lt;16.00 PiB.").
    /// </summary>
    public const long MaxVolumeExtents = uint.MaxValue;

    /// <summary>The number of extents <paramref name="bytes"/> takes: LVM rounds a size up to whole extents (no overflow for any size).</summary>
    public long ExtentsFor(long bytes) => bytes / ExtentSize + (bytes % ExtentSize == 0 ? 0 : 1);

    /// <summary>Bytes in <paramref name="extents"/> extents, or null when that is more than a long holds.</summary>
    public long? BytesOf(long extents) => extents <= long.MaxValue / ExtentSize ? extents * ExtentSize : null;
}

/// <summary>A logical volume as <c>lvs</c> reports it; <see cref="Origin"/> is set for a snapshot.</summary>
public sealed record LogicalVolumeInfo(string VolumeGroup, string Name, long Size, string? Origin);

/// <summary>A file-system (or other) signature found by <c>blkid -p</c>.</summary>
public sealed record Signature(string? Type, string? Label, string? Uuid, string? Usage);

/// <summary>A loop device and the file behind it.</summary>
public sealed record LoopDevice(string Name, string? BackFile, ulong? BackInode, string? BackDevice);

/// <summary>A mounted file system from /proc/self/mountinfo.</summary>
public sealed record MountEntry(string Device, string MountPoint, string Source, bool ReadWrite);

/// <summary>One (directory, client) pair the NFS server exports (from <c>exportfs -s</c>).</summary>
public sealed record ActiveExport(string Path, string Client, string Options);

/// <summary>
/// The host tools the provisioner reads, each run through <see cref="ICommandRunner"/> as an argv array and parsed
/// here. An unexpected failure of a tool becomes a <see cref="HostToolException"/> with its one-line reason.
/// </summary>
public sealed class HostTools(ICommandRunner runner, IHostFileSystem files)
{
    public ICommandRunner Runner { get; } = runner;

    public IHostFileSystem Files { get; } = files;

    /// <summary>Every volume group (<c>vgs</c> JSON in bytes; LVM prints the numbers as strings).</summary>
    public IReadOnlyList<VolumeGroupInfo> VolumeGroups()
    {
        var result = Require(["vgs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o", "vg_name,vg_size,vg_free,vg_extent_size,vg_free_count"], "list the volume groups");
        return [.. ReportRows(result.StandardOutput, "vg").Select(row => new VolumeGroupInfo(
            Text(row, "vg_name"), Number(row, "vg_size"), Number(row, "vg_free"), Number(row, "vg_extent_size"), Number(row, "vg_free_count")))
            .Select(group => group.ExtentSize > 0 ? group : throw new HostToolException($"cannot read the LVM report: volume group {group.Name} has an extent size of {group.ExtentSize} bytes"))];
    }

    /// <summary>Every logical volume, snapshots with their origin.</summary>
    public IReadOnlyList<LogicalVolumeInfo> LogicalVolumes()
    {
        var result = Require(["lvs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o", "vg_name,lv_name,lv_size,origin"], "list the logical volumes");
        return [.. ReportRows(result.StandardOutput, "lv").Select(row => new LogicalVolumeInfo(
            Text(row, "vg_name"), Text(row, "lv_name"), Number(row, "lv_size"), Text(row, "origin") is { Length: > 0 } origin ? origin : null))];
    }

    /// <summary>
    /// The signature on a file or device (<c>blkid -p</c> probes the device itself, not the cache); null when there
    /// is none. blkid exits 2 both for an all-zero device and for random data, so "no signature" does not mean
    /// "empty": check <see cref="IHostFileSystem.IsAllZero"/> too.
    /// </summary>
    public Signature? Probe(string path)
    {
        // udev format: its *_ENC values escape every byte that is not plain ASCII as \xNN, which decodes exactly;
        // export format writes non-ASCII in cat -v's M- notation, which cannot tell byte 0xC3 from the text "M-C".
        var result = Runner.Run(["blkid", "-p", "-o", "udev", "--", path]);
        if (result.ExitCode == 2)
        {
            return null;
        }

        if (!result.Succeeded)
        {
            // blkid exits 8 when it finds several signatures it cannot choose between: that is data, not blank.
            if (result.ExitCode == 8)
            {
                return new Signature("ambivalent", null, null, null);
            }

            throw new HostToolException($"blkid cannot probe {path}: {result.Reason}");
        }

        var values = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0])
            .ToDictionary(group => group.Key, group => group.Last()[1]);
        string? Value(string name) => values.TryGetValue(name + "_ENC", out var encoded) ? DecodeUdev(encoded) : values.GetValueOrDefault(name);
        return new Signature(Value("ID_FS_TYPE"), Value("ID_FS_LABEL"), Value("ID_FS_UUID"), Value("ID_FS_USAGE"));
    }

    /// <summary>The loop devices and their backing files (<c>losetup --json --list</c>); empty when none.</summary>
    public IReadOnlyList<LoopDevice> LoopDevices()
    {
        var result = Require(["losetup", "--json", "--list", "-O", "NAME,BACK-FILE,BACK-INO,BACK-MAJ:MIN"], "list the loop devices");
        if (result.StandardOutput.Trim().Length == 0)
        {
            return [];
        }

        using var document = ParseJson(result.StandardOutput, "losetup's list");
        if (!document.RootElement.TryGetProperty("loopdevices", out var devices))
        {
            return [];
        }

        return [.. devices.EnumerateArray().Select(device => new LoopDevice(
            device.GetProperty("name").GetString() ?? string.Empty,
            device.TryGetProperty("back-file", out var file) && file.ValueKind == JsonValueKind.String ? file.GetString() : null,
            device.TryGetProperty("back-ino", out var inode) && inode.ValueKind == JsonValueKind.Number ? inode.GetUInt64() : null,
            device.TryGetProperty("back-maj:min", out var backDevice) && backDevice.ValueKind == JsonValueKind.String ? backDevice.GetString()?.Trim() : null))];
    }

    /// <summary>The mounted file systems (/proc/self/mountinfo): MAJOR:MINOR, mount point, source and whether read-write.</summary>
    public IReadOnlyList<MountEntry> Mounts()
    {
        var text = Files.ReadText("/proc/self/mountinfo") ?? string.Empty;
        var mounts = new List<MountEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // id parent MAJ:MIN root mountpoint options [optional...] - fstype source superoptions
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length < 6 || separator < 0 || separator + 2 >= fields.Length)
            {
                continue;
            }

            var readWrite = fields[5].Split(',').Contains("rw");
            mounts.Add(new MountEntry(fields[2], Unescape(fields[4]), Unescape(fields[separator + 2]), readWrite));
        }

        return mounts;
    }

    /// <summary>The files and devices in use as swap (/proc/swaps).</summary>
    public IReadOnlyList<string> SwapAreas()
    {
        var text = Files.ReadText("/proc/swaps") ?? string.Empty;
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => Unescape(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0]))];
    }

    /// <summary>
    /// What the NFS server exports now (<c>exportfs -s</c>: one "PATH CLIENT(OPTIONS)" per exported pair; the path
    /// written with exportfs's own escapes, <c>\040</c> for a blank), each path as exportfs resolved it.
    /// </summary>
    public IReadOnlyList<ActiveExport> ActiveExports()
    {
        var result = Require(["exportfs", "-s"], "list the NFS exports");
        var exports = new List<ActiveExport>();
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var split = line.IndexOfAny([' ', '\t']);
            if (split < 0)
            {
                continue;
            }

            var path = Unescape(line[..split]);
            var clientAndOptions = line[(split + 1)..].Trim();
            var open = clientAndOptions.IndexOf('(', StringComparison.Ordinal);
            var client = open < 0 ? clientAndOptions : clientAndOptions[..open];
            var options = open < 0 ? string.Empty : clientAndOptions[(open + 1)..].TrimEnd(')');
            exports.Add(new ActiveExport(path, client, options));
        }

        return exports;
    }

    /// <summary>The names in the root directory of an ext2/3/4 image or device, read without mounting (<c>debugfs -R 'ls -p /'</c>).</summary>
    public IReadOnlyList<string> ExtRootEntries(string path)
    {
        var result = Require(["debugfs", "-R", "ls -p /", "--", path], $"list the root directory of {path}");
        // Each line: /INODE/MODE/UID/GID/NAME/SIZE/
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split('/'))
            .Where(fields => fields.Length >= 7)
            .Select(fields => fields[5])
            .Where(name => name is not "." and not "..")];
    }

    /// <summary>Runs a command that must succeed for provisioning to go on.</summary>
    public CommandResult Require(IReadOnlyList<string> argv, string purpose)
    {
        var result = Runner.Run(argv);
        if (result.ExitCode == CommandResult.NotFound)
        {
            throw new HostToolException($"cannot {purpose}: {argv[0]} is not installed");
        }

        return result.Succeeded ? result : throw new HostToolException($"cannot {purpose}: {argv[0]} failed: {result.Reason}");
    }

    private static IEnumerable<JsonElement> ReportRows(string json, string section)
    {
        using var document = ParseJson(json, "the LVM report");
        var rows = new List<JsonElement>();
        if (!document.RootElement.TryGetProperty("report", out var reports) || reports.ValueKind != JsonValueKind.Array)
        {
            throw new HostToolException("cannot read the LVM report: it has no \"report\" list");
        }

        foreach (var report in reports.EnumerateArray())
        {
            if (report.TryGetProperty(section, out var items))
            {
                rows.AddRange(items.EnumerateArray().Select(item => item.Clone()));
            }
        }

        return rows;
    }

    private static JsonDocument ParseJson(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new HostToolException($"cannot read {what}: {exception.Message}");
        }
    }

    private static string Text(JsonElement row, string name) => row.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;

    private static long Number(JsonElement row, string name) =>
        long.TryParse(Text(row, name), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new HostToolException($"cannot read the LVM report: {name} is `{Text(row, name)}`, not a number of bytes");

    /// <summary>
    /// A udev-encoded value (blkid -o udev, <c>ID_FS_LABEL_ENC=a\x20b</c>): <c>\xNN</c> is one byte, every other
    /// character stands for itself (valid UTF-8 is kept as it is); the bytes are UTF-8.
    /// </summary>
    internal static string DecodeUdev(string value)
    {
        if (!value.Contains("\\x", StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 3 < value.Length && value[i + 1] == 'x'
                && byte.TryParse(value.AsSpan(i + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var escaped))
            {
                bytes.Add(escaped);
                i += 3;
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return System.Text.Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>mountinfo and /proc/swaps write a blank, tab, newline or backslash in a path as an octal escape (\040).</summary>
    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && IsOctal(text, i + 1))
            {
                builder.Append((char)Convert.ToInt32(text.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsOctal(string text, int start) =>
        start + 3 <= text.Length && text.AsSpan(start, 3).IndexOfAnyExceptInRange('0', '7') < 0;
}

/// <summary>A host tool failed in a way the provisioner cannot decide around (not installed, unreadable output, ...).</summary>
public sealed class HostToolException(string message) : Exception(message);
