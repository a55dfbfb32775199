using System.Collections.Immutable;
using System.Globalization;
using XenCfg.Analysis.Workspace;

namespace XenCfg.Provisioning.Host;

/// <summary>
/// What dom0 and the running domains are doing with a disk's storage right now, as Xen's block hotplug script asks
/// before it attaches one (tools/hotplug/Linux/block, check_sharing): file systems mounted in dom0
/// (/proc/self/mountinfo, by device number), dom0's swap (/proc/swaps), and the block backends of running domains
/// (xenstore: <c>xenstore-ls -f /local/domain</c>, each backend's physical-device, params and mode, and the
/// domains' names). A block device counts as used when it, one of its partitions, or a device built on it
/// (device-mapper holders: LVM, crypt) is; an image file when a loop device backed by it is, or a domain's file
/// backend names it. Everything is read through <see cref="HostTools"/>, so tests answer with recorded files and
/// commands; what is read once is kept for the life of the probe. A host without xenstore (not a dom0) has no
/// running domains; a tool that fails loses only its part.
/// </summary>
public sealed class Dom0StorageProbe
{
    private readonly HostTools _host;
    private readonly Lazy<IReadOnlyList<(MountEntry Mount, string? SourceDevice)>> _mounts;
    private readonly Lazy<IReadOnlyList<string>> _swaps;
    private readonly Lazy<IReadOnlyList<LoopDevice>> _loops;
    private readonly Lazy<IReadOnlyList<DomainDisk>> _domainDisks;

    public Dom0StorageProbe(HostTools host)
    {
        _host = host;
        // A mount is matched by its MAJOR:MINOR, and by its source device's, as the hotplug script does: btrfs (and
        // other file systems) show an anonymous MAJOR:MINOR in mountinfo, not the device they live on.
        _mounts = new(() => [.. Try(host.Mounts, []).Select(mount => (mount, mount.Source.StartsWith("/dev/", StringComparison.Ordinal) ? DeviceNumberOf(mount.Source) : null))]);
        _swaps = new(() => Try(host.SwapAreas, []));
        _loops = new(() => Try(host.LoopDevices, []));
        _domainDisks = new(() => Try(ReadDomainDisks, []));
    }

    /// <summary>One block backend of a running domain.</summary>
    /// <param name="Domain">The frontend domain's name (or "domain N" when xenstore has none).</param>
    /// <param name="PhysicalDevice">MAJOR:MINOR in decimal, when the hotplug script wrote one.</param>
    /// <param name="Params">The target the backend was given (a path for phy and file backends).</param>
    /// <param name="ReadWrite">Its mode has a w.</param>
    public sealed record DomainDisk(string Domain, string? PhysicalDevice, string? Params, bool ReadWrite);

    /// <summary>What uses the storage of <paramref name="written"/> (a disk's key as the config writes it).</summary>
    public ImmutableArray<HostStorageUse> UsesOf(StorageKey written)
    {
        if (PathOf(written) is not { } path)
        {
            return [];
        }

        FileStatus? status;
        try
        {
            status = _host.Files.Stat(path, followLinks: true);
        }
        catch (IOException)
        {
            return [];
        }

        var uses = ImmutableArray.CreateBuilder<HostStorageUse>();
        switch (status)
        {
            case { Kind: FileKind.BlockDevice, DeviceNumber: { } number }:
                AddBlockUses(number, string.Empty, uses);
                break;
            case { Kind: FileKind.Regular }:
                AddFileUses(path, status, uses);
                break;
        }

        // One finding per mount point, swap area or domain, however many ways lead there.
        return [.. uses.DistinctBy(use => (use.Kind, use.Where))];
    }

    /// <summary>The path a key names on the host: /dev/VG/LV for a volume, the device or file itself, a partition by its Linux name.</summary>
    public static string? PathOf(StorageKey key) => key.Kind switch
    {
        StorageKind.LogicalVolume => "/dev/" + key.Name,
        StorageKind.File => key.Name,
        StorageKind.BlockDevice when key.Partition is { } partition =>
            key.Name + (char.IsAsciiDigit(key.Name[^1]) ? "p" : string.Empty) + partition.ToString(CultureInfo.InvariantCulture),
        StorageKind.BlockDevice => key.Name,
        _ => null,
    };

    private void AddBlockUses(string number, string via, ImmutableArray<HostStorageUse>.Builder uses)
    {
        foreach (var (device, name) in DeviceStack(number))
        {
            var through = device == number ? via : Join(via, $"through {name}");
            foreach (var (mount, _) in _mounts.Value.Where(entry => entry.Mount.Device == device || entry.SourceDevice == device))
            {
                uses.Add(new HostStorageUse(HostUseKind.Mounted, mount.MountPoint, mount.ReadWrite, through));
            }

            foreach (var swap in _swaps.Value.Where(swap => DeviceNumberOf(swap) == device))
            {
                uses.Add(new HostStorageUse(HostUseKind.Swap, swap, true, through));
            }

            foreach (var disk in _domainDisks.Value.Where(disk => disk.PhysicalDevice == device))
            {
                uses.Add(new HostStorageUse(HostUseKind.Domain, disk.Domain, disk.ReadWrite, through));
            }
        }
    }

    private void AddFileUses(string path, FileStatus status, ImmutableArray<HostStorageUse>.Builder uses)
    {
        // The image attached to loop devices (losetup, mount -o loop, or a file backend's loop): what uses them uses it.
        foreach (var loop in _loops.Value.Where(loop => loop.BackInode == status.Inode && loop.BackDevice == status.Device))
        {
            if (Stat(loop.Name) is { Kind: FileKind.BlockDevice, DeviceNumber: { } number })
            {
                AddBlockUses(number, $"through {loop.Name}", uses);
            }
        }

        foreach (var swap in _swaps.Value.Where(swap => Stat(swap) is { Kind: FileKind.Regular } other && SameFile(other, status)))
        {
            uses.Add(new HostStorageUse(HostUseKind.Swap, swap, true, string.Empty));
        }

        // A file backend names the image itself (params), under any name that leads to the same file.
        foreach (var disk in _domainDisks.Value)
        {
            if (disk.Params is { } target && (target == path || (Stat(target) is { Kind: FileKind.Regular } other && SameFile(other, status))))
            {
                uses.Add(new HostStorageUse(HostUseKind.Domain, disk.Domain, disk.ReadWrite, string.Empty));
            }
        }
    }

    /// <summary>
    /// The device and everything built on it, each with a name for messages: its partitions (sysfs entries with a
    /// "partition" file) and, recursively, the devices holding it (sysfs holders: an LVM volume on a physical volume,
    /// a crypt device, a md array).
    /// </summary>
    private List<(string Device, string Name)> DeviceStack(string number)
    {
        var stack = new List<(string, string)> { (number, number) };
        var seen = new HashSet<string>(StringComparer.Ordinal) { number };
        for (var i = 0; i < stack.Count && i < 256; i++)
        {
            var directory = $"/sys/dev/block/{stack[i].Item1}";
            foreach (var (child, name) in Children(directory).Concat(Holders(directory)))
            {
                if (seen.Add(child))
                {
                    stack.Add((child, name));
                }
            }
        }

        return stack;
    }

    private IEnumerable<(string Device, string Name)> Children(string directory)
    {
        foreach (var entry in List(directory))
        {
            if (Read($"{directory}/{entry}/partition") is not null && Read($"{directory}/{entry}/dev") is { } device)
            {
                yield return (device, "/dev/" + entry);
            }
        }
    }

    private IEnumerable<(string Device, string Name)> Holders(string directory)
    {
        foreach (var holder in List($"{directory}/holders"))
        {
            if (Read($"{directory}/holders/{holder}/dev") is { } device)
            {
                var mapped = Read($"{directory}/holders/{holder}/dm/name");
                yield return (device, mapped is null ? "/dev/" + holder : $"/dev/mapper/{mapped} ({holder})");
            }
        }
    }

    /// <summary>
    /// The block backends of every running domain, from one listing of xenstore: <c>xenstore-ls -f</c> prints each
    /// node as <c>/full/path = "value"</c> without shortening it, with <c>\</c>, control and non-ASCII characters escaped.
    /// </summary>
    private IReadOnlyList<DomainDisk> ReadDomainDisks()
    {
        var result = _host.Runner.Run(["xenstore-ls", "-f", "/local/domain"]);
        if (!result.Succeeded)
        {
            return []; // not a dom0 (no xenstore tools, or no xenstored): no running domains to compare with
        }

        var nodes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            var separator = line.IndexOf(" = ", StringComparison.Ordinal);
            if (separator > 0 && line.Length >= separator + 5 && line[separator + 3] == '"' && line[^1] == '"')
            {
                nodes[line[..separator]] = UnescapeXenstore(line[(separator + 4)..^1]);
            }
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var backends = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (path, value) in nodes)
        {
            var parts = path.Split('/');
            // /local/domain/ID/name
            if (parts is ["", "local", "domain", var id, "name"])
            {
                names[id] = value;
            }

            // /local/domain/BACKEND/backend/(vbd|vbd3|qdisk)/FRONTEND/DEVICE/KEY
            if (parts is ["", "local", "domain", _, "backend", "vbd" or "vbd3" or "qdisk", _, _, var key])
            {
                var device = string.Join('/', parts[..8]);
                if (!backends.TryGetValue(device, out var keys))
                {
                    backends[device] = keys = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                keys[key] = value;
                keys["frontend-domid"] = parts[6];
            }
        }

        return [.. backends.Values.Select(keys => new DomainDisk(
            names.GetValueOrDefault(keys["frontend-domid"]) ?? $"domain {keys["frontend-domid"]}",
            keys.TryGetValue("physical-device", out var physical) ? HexDeviceNumber(physical) : null,
            keys.TryGetValue("params", out var parameters) ? TargetOf(parameters) : null,
            keys.GetValueOrDefault("mode", "w").Contains('w', StringComparison.Ordinal)))];
    }

    /// <summary>The hotplug script writes physical-device as hexadecimal MAJOR:MINOR ("fe:3"); compared here in decimal.</summary>
    private static string? HexDeviceNumber(string value)
    {
        var parts = value.Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var minor)
            ? $"{major}:{minor}"
            : null;
    }

    /// <summary>A backend's params: a path, or FORMAT:PATH for qdisk ("raw:/srv/xen/vm1.img", "aio:/...").</summary>
    private static string TargetOf(string parameters)
    {
        var colon = parameters.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon + 1 < parameters.Length && parameters[colon + 1] == '/' && !parameters[..colon].Contains('/', StringComparison.Ordinal)
            ? parameters[(colon + 1)..]
            : parameters;
    }

    /// <summary>Undoes xenstore's escapes: <c>\\</c>, <c>\t</c>, <c>\n</c>, <c>\r</c>, and <c>\ooo</c> for any other byte.</summary>
    private static string UnescapeXenstore(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 >= value.Length)
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(value[i].ToString()));
                continue;
            }

            var next = value[i + 1];
            if (next is >= '0' and <= '7' && i + 3 < value.Length && value.AsSpan(i + 1, 3).IndexOfAnyExceptInRange('0', '7') < 0)
            {
                bytes.Add((byte)Convert.ToInt32(value.Substring(i + 1, 3), 8));
                i += 3;
                continue;
            }

            bytes.Add(next switch { 't' => (byte)'\t', 'n' => (byte)'\n', 'r' => (byte)'\r', _ => (byte)next });
            i++;
        }

        return System.Text.Encoding.UTF8.GetString([.. bytes]);
    }

    private string? DeviceNumberOf(string path) => Stat(path) is { Kind: FileKind.BlockDevice, DeviceNumber: { } number } ? number : null;

    private static bool SameFile(FileStatus left, FileStatus right) => left.Inode == right.Inode && left.Device == right.Device;

    private static string Join(string first, string second) => first.Length == 0 ? second : $"{second} {first}";

    private FileStatus? Stat(string path)
    {
        try
        {
            return _host.Files.Stat(path, followLinks: true);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private IReadOnlyList<string> List(string directory)
    {
        try
        {
            return _host.Files.Stat(directory, followLinks: true) is { Kind: FileKind.Directory } ? _host.Files.ListDirectory(directory) : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private string? Read(string path)
    {
        try
        {
            return _host.Files.Stat(path, followLinks: true) is { Kind: FileKind.Regular } ? _host.Files.ReadText(path)?.Trim() : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static T Try<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is HostToolException or IOException or UnauthorizedAccessException)
        {
            return fallback;
        }
    }
}

/// <summary>
/// The host's view of storage names for the provisioner's preflight (<see cref="Planning.WorkspaceSharingCheck"/>):
/// an image path with its directories' symbolic links resolved (an image named through a linked directory is the same
/// image), and what dom0 and running domains do with each disk (<see cref="Dom0StorageProbe"/>).
/// </summary>
public sealed class HostStorageView(HostTools host) : IStorageResolver
{
    private readonly Dom0StorageProbe _probe = new(host);

    public StorageKey Resolve(StorageKey key)
    {
        if (key.Kind != StorageKind.File)
        {
            return key;
        }

        try
        {
            return key with { Name = host.Files.RealPath(key.Name) };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return key;
        }
    }

    public ImmutableArray<(StorageKey Clone, StorageKey Origin)> SnapshotsOf(IEnumerable<StorageKey> keys) => [];

    public ImmutableArray<HostStorageUse> HostUsesOf(StorageKey written) => _probe.UsesOf(written);
}
