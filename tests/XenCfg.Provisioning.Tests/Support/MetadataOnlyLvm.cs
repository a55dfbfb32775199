using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using XenCfg.Provisioning.Host;

namespace XenCfg.Provisioning.Tests.Support;

/// <summary>
/// Lets the provisioner run, unchanged, against a real volume group on a kernel without device-mapper. The
/// provisioner asks for what a real host does (activated volumes, <c>lvcreate -s</c>, mkfs on /dev/VG/LV); this
/// layer records that exact argv, then:
/// <list type="bullet">
/// <item>plain <c>lvcreate</c> runs for real, metadata only (<c>--config global/activation=0 -an -Zn -Wn</c>), so vgs,
/// lvs, extent rounding and "not enough space" are LVM's own;</item>
/// <item><c>lvcreate -s</c>, which cannot run here at all, becomes a real metadata-only volume of the same size that
/// lvs then reports as a snapshot of its origin;</item>
/// <item>each volume's device node is stood in for by a sparse file of its size in a scratch directory (a snapshot's
/// starts as a copy of its origin's), on which mkfs, blkid, dumpe2fs, e2fsck and debugfs run for real.</item>
/// </list>
/// Everything else passes through to the real host.
/// </summary>
internal sealed class MetadataOnlyLvm : ICommandRunner, IHostFileSystem
{
    private readonly string _group;
    private readonly string _standIns;
    private readonly ICommandRunner _runner;
    private readonly IHostFileSystem _files;
    private readonly Dictionary<string, string> _snapshotOrigins = new(StringComparer.Ordinal);

    public MetadataOnlyLvm(string volumeGroup, string standInDirectory, ICommandRunner runner, IHostFileSystem files)
    {
        _group = volumeGroup;
        _standIns = standInDirectory;
        _runner = runner;
        _files = files;
        Directory.CreateDirectory(_standIns);
    }

    /// <summary>Every argv the provisioner asked for, before translation.</summary>
    public List<string[]> Requested { get; } = [];

    public HostTools Host => new(this, this);

    public CommandResult Run(IReadOnlyList<string> argv)
    {
        Requested.Add([.. argv]);
        return argv[0] switch
        {
            "lvcreate" => Create(argv),
            "lvs" => PatchOrigins(_runner.Run(argv)),
            _ => _runner.Run([.. argv.Select(Map)]),
        };
    }

    private CommandResult Create(IReadOnlyList<string> argv)
    {
        var list = argv.ToList();
        var size = list[list.IndexOf("-L") + 1];
        var name = list[list.IndexOf("-n") + 1];
        var target = list[^1].Split('/');
        var snapshotOf = list.Contains("-s") ? target[1] : null;
        var result = _runner.Run(["lvcreate", "--config", LoopVolumeGroup.NoActivation, "-q", "-an", "-Zn", "-Wn", "-L", size, "-n", name, target[0]]);
        if (!result.Succeeded)
        {
            return result;
        }

        var standIn = StandIn(name);
        if (snapshotOf is not null)
        {
            _snapshotOrigins[name] = snapshotOf;
            var copy = _runner.Run(["cp", "--sparse=always", "--", StandIn(snapshotOf), standIn]);
            return copy.Succeeded ? result : copy;
        }

        var lvs = _runner.Run(["lvs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o", "lv_size", $"{_group}/{name}"]);
        using var document = JsonDocument.Parse(lvs.StandardOutput);
        var bytes = long.Parse(document.RootElement.GetProperty("report")[0].GetProperty("lv")[0].GetProperty("lv_size").GetString()!, CultureInfo.InvariantCulture);
        using (var file = new FileStream(standIn, FileMode.CreateNew, FileAccess.Write))
        {
            file.SetLength(bytes);
        }

        return result;
    }

    private CommandResult PatchOrigins(CommandResult result)
    {
        if (!result.Succeeded || _snapshotOrigins.Count == 0)
        {
            return result;
        }

        var document = JsonNode.Parse(result.StandardOutput)!;
        foreach (var report in document["report"]!.AsArray())
        {
            foreach (var row in report!["lv"]?.AsArray() ?? [])
            {
                if (row!["vg_name"]?.GetValue<string>() == _group && _snapshotOrigins.TryGetValue(row["lv_name"]!.GetValue<string>(), out var origin))
                {
                    row["origin"] = origin;
                }
            }
        }

        return result with { StandardOutput = document.ToJsonString() };
    }

    private string StandIn(string volume) => Path.Combine(_standIns, volume + ".img");

    /// <summary>/dev/VG/LV of this group is its stand-in file; anything else is itself.</summary>
    private string Map(string path) =>
        path.StartsWith($"/dev/{_group}/", StringComparison.Ordinal) ? StandIn(path[$"/dev/{_group}/".Length..]) : path;

    private bool IsVolume(string path) => Map(path) != path;

    public FileStatus? Stat(string path, bool followLinks = false)
    {
        if (!IsVolume(path))
        {
            return _files.Stat(path, followLinks);
        }

        // An active volume's node is a block device; here its stand-in file plays it.
        return _files.Stat(Map(path), followLinks) is { } status
            ? status with { Kind = FileKind.BlockDevice, DeviceNumber = $"253:{status.Inode % 1000}" }
            : null;
    }

    public long AvailableBytes(string directory) => _files.AvailableBytes(directory);

    public bool IsAllZero(string path, long length) => _files.IsAllZero(Map(path), length);

    public bool IsDeviceBusy(string path) => !IsVolume(path) && _files.IsDeviceBusy(path);

    public string ResolveLinks(string path) => IsVolume(path) ? path : _files.ResolveLinks(path);

    public string RealPath(string path) => IsVolume(path) ? path : _files.RealPath(path);

    public void DeleteFile(string path) => _files.DeleteFile(path);

    public IReadOnlyList<int> ProcessesHolding(string path) => _files.ProcessesHolding(Map(path));

    public string? ReadText(string path) => _files.ReadText(path);

    public IReadOnlyList<string> ListDirectory(string path) => _files.ListDirectory(path);

    public void CreateSparseFile(string path, long length) => _files.CreateSparseFile(path, length);

    public void CreateDirectory(string path) => _files.CreateDirectory(path);

    public void WriteNewFile(string path, string content) => _files.WriteNewFile(path, content);
}
