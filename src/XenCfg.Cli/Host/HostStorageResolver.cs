using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using XenCfg.Analysis.Workspace;
using XenCfg.Provisioning.Host;

namespace XenCfg.Cli.Host;

/// <summary>
/// `xcfg lint --resolve`: asks the host (a dom0) what the configs' storage names refer to, so that
/// /dev/disk/by-id/..., a symlink, /dev/dm-3 and /dev/vg/lv compare equal when they are one device. Block devices
/// are compared by device number (a partition keeps its whole disk, so overlaps are still found), files by device
/// and inode, as Xen's block hotplug script does (tools/hotplug/Linux/block, check_sharing). Snapshot origins come
/// from `lvs`. Names the host does not know stay as written. Commands run as argv, never through a shell. It also
/// answers what dom0 and the running domains do with each disk (<see cref="Dom0StorageProbe"/>: mounted, swap,
/// attached), read at most every <c>maxAge</c> (the language server lives long; the host changes under it).
/// </summary>
public sealed class HostStorageResolver : IStorageResolver
{
    private readonly Dictionary<string, StorageKey?> _cache = new(StringComparer.Ordinal);
    private readonly Func<string, IReadOnlyList<string>, (int ExitCode, string Output)> _run;
    private readonly string _sysfs;
    private readonly object _gate = new();
    private readonly Func<Dom0StorageProbe>? _newProbe;
    private readonly TimeSpan _maxAge;
    private (Dom0StorageProbe Probe, long Taken)? _probe;

    /// <param name="run">Runs a host command (tests answer from recordings).</param>
    /// <param name="sysfs">Where sysfs is.</param>
    /// <param name="dom0">Makes a probe of dom0's mounts, swap and running domains; the real host by default (on Linux).</param>
    /// <param name="maxAge">How long the probe's answers are kept; for the life of the resolver by default (one lint run).</param>
    public HostStorageResolver(Func<string, IReadOnlyList<string>, (int ExitCode, string Output)>? run = null, string sysfs = "/sys", Func<Dom0StorageProbe>? dom0 = null, TimeSpan? maxAge = null)
    {
        _run = run ?? RunProcess;
        _sysfs = sysfs;
        _newProbe = dom0 ?? (OperatingSystem.IsLinux() ? ProbeThisHost : null);
        _maxAge = maxAge ?? TimeSpan.MaxValue;
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static Dom0StorageProbe ProbeThisHost() => new(new HostTools(ProcessCommandRunner.Instance, LinuxFileSystem.Instance));

    public ImmutableArray<HostStorageUse> HostUsesOf(StorageKey written)
    {
        if (_newProbe is null)
        {
            return [];
        }

        Dom0StorageProbe probe;
        lock (_gate)
        {
            if (_probe is not { } current || Stopwatch.GetElapsedTime(current.Taken) > _maxAge)
            {
                _probe = current = (_newProbe(), Stopwatch.GetTimestamp());
            }

            probe = current.Probe;
        }

        return probe.UsesOf(written);
    }

    public StorageKey Resolve(StorageKey key)
    {
        if (PathOf(key) is not { } path)
        {
            return key;
        }

        lock (_gate)
        {
            if (!_cache.TryGetValue(path, out var resolved))
            {
                resolved = Stat(path);
                _cache[path] = resolved;
            }

            return resolved ?? key;
        }
    }

    public ImmutableArray<(StorageKey Clone, StorageKey Origin)> SnapshotsOf(IEnumerable<StorageKey> keys)
    {
        var wanted = keys.Where(key => key.Kind is StorageKind.LogicalVolume or StorageKind.HostDevice).ToHashSet();
        if (wanted.Count == 0)
        {
            return [];
        }

        var pairs = ImmutableArray.CreateBuilder<(StorageKey, StorageKey)>();
        foreach (var (volumeGroup, volume, origin) in LogicalVolumes())
        {
            if (origin.Length == 0)
            {
                continue;
            }

            var clone = Resolve(new StorageKey(StorageKind.LogicalVolume, $"{volumeGroup}/{volume}"));
            if (wanted.Contains(clone) || wanted.Contains(new StorageKey(StorageKind.LogicalVolume, $"{volumeGroup}/{volume}")))
            {
                pairs.Add((clone, Resolve(new StorageKey(StorageKind.LogicalVolume, $"{volumeGroup}/{origin}"))));
            }
        }

        return pairs.ToImmutable();
    }

    /// <summary>The path a key was written as (partitions rebuilt as Linux names them).</summary>
    private static string? PathOf(StorageKey key) => key.Kind switch
    {
        StorageKind.LogicalVolume => "/dev/" + key.Name,
        StorageKind.File => key.Name,
        StorageKind.BlockDevice when key.Partition is { } partition =>
            key.Name + (char.IsAsciiDigit(key.Name[^1]) ? "p" : string.Empty) + partition.ToString(CultureInfo.InvariantCulture),
        StorageKind.BlockDevice => key.Name,
        _ => null,
    };

    /// <summary>stat -L: follows symlinks; block devices by major:minor, regular files by device and inode.</summary>
    private StorageKey? Stat(string path)
    {
        var (exitCode, output) = _run("stat", ["-L", "--printf", "%F\t%t\t%T\t%d\t%i\n", "--", path]);
        if (exitCode != 0)
        {
            return null;
        }

        var fields = output.TrimEnd('\n').Split('\t');
        if (fields.Length < 5)
        {
            return null;
        }

        if (fields[0] == "block special file")
        {
            var major = Convert.ToInt32(fields[1], 16);
            var minor = Convert.ToInt32(fields[2], 16);
            return BlockDevice(major, minor);
        }

        return fields[0].StartsWith("regular", StringComparison.Ordinal)
            ? new StorageKey(StorageKind.HostDevice, $"inode:{fields[3]}:{fields[4]}")
            : null;
    }

    /// <summary>
    /// A partition is named by its whole disk's number and its partition number (from sysfs), so it still overlaps
    /// its disk.
    /// </summary>
    private StorageKey BlockDevice(int major, int minor)
    {
        var sysPath = Path.Combine(_sysfs, "dev", "block", $"{major}:{minor}");
        var partitionFile = Path.Combine(sysPath, "partition");
        if (File.Exists(partitionFile) && int.TryParse(File.ReadAllText(partitionFile).Trim(), CultureInfo.InvariantCulture, out var partition))
        {
            var parentDev = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ResolveLink(sysPath)))!, "dev");
            if (File.Exists(parentDev))
            {
                return new StorageKey(StorageKind.HostDevice, "block:" + File.ReadAllText(parentDev).Trim(), partition);
            }
        }

        return new StorageKey(StorageKind.HostDevice, $"block:{major}:{minor}");
    }

    private static string ResolveLink(string path) =>
        new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private IEnumerable<(string VolumeGroup, string Volume, string Origin)> LogicalVolumes()
    {
        var (exitCode, output) = _run("lvs", ["--reportformat", "json", "--noheadings", "-o", "vg_name,lv_name,origin"]);
        if (exitCode != 0)
        {
            yield break;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            yield break;
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("report", out var reports))
            {
                yield break;
            }

            foreach (var report in reports.EnumerateArray())
            {
                if (!report.TryGetProperty("lv", out var volumes))
                {
                    continue;
                }

                foreach (var volume in volumes.EnumerateArray())
                {
                    yield return (Text(volume, "vg_name"), Text(volume, "lv_name"), Text(volume, "origin"));
                }
            }
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static (int ExitCode, string Output) RunProcess(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LVM_SUPPRESS_FD_WARNINGS"] = "1";
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // The tool is not installed: nothing can be resolved with it.
            return (127, string.Empty);
        }
    }
}
