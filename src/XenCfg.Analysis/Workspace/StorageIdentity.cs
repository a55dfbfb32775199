using System.Text;
using System.Text.RegularExpressions;

namespace XenCfg.Analysis.Workspace;

/// <summary>
/// Turns a disk target into a <see cref="StorageKey"/> without touching the host (see sharing.md). Names that only
/// the host can resolve (/dev/disk/by-id/..., /dev/dm-N, symlinks) stay as written; <c>--resolve</c> consults the host.
/// </summary>
public static partial class StorageIdentity
{
    /// <summary>Folders under /dev that are not volume groups.</summary>
    private static readonly HashSet<string> DevSubfolders = new(StringComparer.Ordinal)
    {
        "disk", "mapper", "md", "zvol", "drbd", "nbd", "loop", "cdrom", "block", "char", "bus", "input", "net", "pts", "shm", "snd", "xen", "vfio", "dri", "cpu",
    };

    /// <summary>
    /// The key for a disk target. <paramref name="script"/> is the hotplug script (block-iscsi, block-drbd,
    /// block-nbd, ...) when the target names a network device rather than a path.
    /// </summary>
    public static StorageKey? ForDisk(string? target, string? script)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        if (script is { Length: > 0 } && script.StartsWith("block-", StringComparison.Ordinal) && script != "block")
        {
            // iscsi: the IQN names the remote disk wherever it appears; likewise a DRBD resource or an NBD export.
            var protocol = script["block-".Length..];
            return new StorageKey(StorageKind.Network, $"{protocol}:{target.Trim()}");
        }

        var path = target.Trim();
        if (!path.StartsWith('/'))
        {
            // A bare device name (hda3, vg/lv) is under /dev for xm and the hotplug scripts.
            path = "/dev/" + path;
        }

        path = NormalizePath(path);
        if (!path.StartsWith("/dev/", StringComparison.Ordinal))
        {
            return new StorageKey(StorageKind.File, path);
        }

        var parts = path["/dev/".Length..].Split('/');
        if (parts is ["mapper", var mapperName] && SplitMapperName(mapperName) is ({ } vg, { } lv))
        {
            return new StorageKey(StorageKind.LogicalVolume, $"{vg}/{lv}");
        }

        if (parts is [var group, var volume] && !DevSubfolders.Contains(group))
        {
            return new StorageKey(StorageKind.LogicalVolume, $"{group}/{volume}");
        }

        if (parts is [var device] && PartitionedDevice().Match(device) is { Success: true } match)
        {
            var disk = match.Groups["disk"].Value;
            var partition = match.Groups["part"].Value;
            return new StorageKey(StorageKind.BlockDevice, "/dev/" + disk, partition.Length == 0 ? null : int.Parse(partition, System.Globalization.CultureInfo.InvariantCulture));
        }

        return new StorageKey(StorageKind.BlockDevice, path);
    }

    /// <summary>An NFS root as <c>server:path</c>, the path normalised.</summary>
    public static StorageKey ForNfsRoot(string server, string path) =>
        new(StorageKind.NfsRoot, $"{server.Trim()}:{NormalizePath(path.Trim())}");

    /// <summary>
    /// Splits a device-mapper name into volume group and volume: a single hyphen separates them and every hyphen
    /// inside either name is doubled (VG my-vg, LV web-1 is my--vg-web--1).
    /// </summary>
    public static (string? VolumeGroup, string? Volume) SplitMapperName(string name)
    {
        var group = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != '-')
            {
                group.Append(name[i]);
                continue;
            }

            if (i + 1 < name.Length && name[i + 1] == '-')
            {
                group.Append('-');
                i++;
                continue;
            }

            var volume = name[(i + 1)..].Replace("--", "-", StringComparison.Ordinal);
            return group.Length > 0 && volume.Length > 0 ? (group.ToString(), volume) : (null, null);
        }

        return (null, null);
    }

    /// <summary>Makes an absolute path canonical without the file system: collapses //, . and .. (never above /).</summary>
    public static string NormalizePath(string path)
    {
        var absolute = path.StartsWith('/');
        var stack = new List<string>();
        foreach (var part in path.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (stack.Count > 0)
                    {
                        stack.RemoveAt(stack.Count - 1);
                    }

                    continue;
                default:
                    stack.Add(part);
                    break;
            }
        }

        return (absolute ? "/" : string.Empty) + string.Join('/', stack);
    }

    /// <summary>Linux disk names with an optional partition number: sdb1, hda3, xvda2, vdb, nvme0n1p2, mmcblk0p1.</summary>
    [GeneratedRegex(@"^(?<disk>(?:[hsv]d|xvd)[a-z]+|(?:nvme[0-9]+n[0-9]+|mmcblk[0-9]+)(?=p[0-9]+$|$))p?(?<part>[0-9]*)$")]
    private static partial Regex PartitionedDevice();
}
