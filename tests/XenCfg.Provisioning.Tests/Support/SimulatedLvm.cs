using System.Globalization;
using System.Text;
using XenCfg.Provisioning.Host;

namespace XenCfg.Provisioning.Tests.Support;

/// <summary>
/// A host with device-mapper, which this kernel lacks: volume groups, volumes that are active (with device nodes in a
/// <see cref="FakeFileSystem"/>), copy-on-write snapshots, and the file systems mkfs makes on them. It answers vgs,
/// lvs, lvcreate, mkfs, blkid and the checks, and records every argv, so a test asserts exactly what the
/// provisioner would run on a real host.
/// </summary>
internal sealed class SimulatedLvm
{
    private const long Extent = 4L << 20;
    private readonly Dictionary<string, long> _freeExtents = new(StringComparer.Ordinal);
    private readonly List<(string Group, string Name, long Size, string? Origin)> _volumes = [];
    private readonly Dictionary<string, string> _signatures = new(StringComparer.Ordinal);
    private int _minor;

    public SimulatedLvm(FakeFileSystem files)
    {
        Files = files;
        Runner = new RecordingRunner()
            .On(["vgs"], _ => Ok(Report("vg", _freeExtents.Select(group =>
                $"{{\"vg_name\":\"{group.Key}\", \"vg_size\":\"{1000 * Extent}\", \"vg_free\":\"{group.Value * Extent}\", \"vg_extent_size\":\"{Extent}\", \"vg_free_count\":\"{group.Value}\"}}"))))
            .On(["lvs"], _ => Ok(Report("lv", _volumes.Select(volume =>
                $"{{\"vg_name\":\"{volume.Group}\", \"lv_name\":\"{volume.Name}\", \"lv_size\":\"{volume.Size}\", \"origin\":\"{volume.Origin}\"}}"))))
            .On(["lvcreate"], Create)
            .On(argv => argv[0].StartsWith("mkfs.", StringComparison.Ordinal) || argv[0] == "mkswap", argv =>
            {
                var type = argv[0] == "mkswap" ? "swap" : argv[0]["mkfs.".Length..];
                var label = argv.ToList().IndexOf("-L") is var l and >= 0 ? $"ID_FS_LABEL_ENC={argv[l + 1]}\n" : string.Empty;
                var uuid = argv.ToList().IndexOf("-U") is var u and >= 0 ? $"ID_FS_UUID_ENC={argv[u + 1]}\n" : string.Empty;
                _signatures[argv[^1]] = $"{label}{uuid}ID_FS_TYPE={type}\n";
                return Ok(string.Empty);
            })
            .On(["blkid"], argv => _signatures.TryGetValue(argv[^1], out var signature) ? Ok(signature) : new CommandResult(2, string.Empty, string.Empty))
            .On(["losetup"], 0, "{\"loopdevices\": []}")
            .On(["xenstore-ls"], CommandResult.NotFound, error: "xenstore-ls: No such file or directory")
            .On(["dumpe2fs"], 0)
            .On(["e2fsck"], 0)
            .On(["debugfs"], 0, "/2/040755/0/0/.//\n/2/040755/0/0/..//\n/11/040700/0/0/lost+found//\n");
        Files.Text("/proc/self/mountinfo", string.Empty).Text("/proc/swaps", "Filename Type Size Used Priority\n");
    }

    public FakeFileSystem Files { get; }

    public RecordingRunner Runner { get; }

    public HostTools Host => new(Runner, Files);

    public SimulatedLvm Group(string name, long freeExtents)
    {
        _freeExtents[name] = freeExtents;
        Files.Directory("/dev/" + name);
        return this;
    }

    public SimulatedLvm Volume(string group, string name, long size, string? origin = null, string? filesystem = null)
    {
        _volumes.Add((group, name, size, origin));
        Files.BlockDevice($"/dev/{group}/{name}", $"253:{_minor++}");
        if (filesystem is not null)
        {
            _signatures[$"/dev/{group}/{name}"] = $"ID_FS_TYPE={filesystem}\n";
        }

        return this;
    }

    private CommandResult Create(IReadOnlyList<string> argv)
    {
        var size = argv[argv.ToList().IndexOf("-L") + 1];
        var name = argv[argv.ToList().IndexOf("-n") + 1];
        var target = argv[^1];
        var group = target.Split('/')[0];
        var origin = argv.Contains("-s") ? target.Split('/')[1] : null;
        var bytes = (long)XenCfg.Analysis.Specs.Values.SizeParser.Parse(size).Value!.Value.Bytes;
        var extents = (bytes + Extent - 1) / Extent;
        if (_freeExtents[group] < extents)
        {
            return new CommandResult(5, string.Empty, $"  Volume group \"{group}\" has insufficient free space ({_freeExtents[group]} extents): {extents} required.");
        }

        _freeExtents[group] -= extents;
        Volume(group, name, extents * Extent, origin);
        if (origin is not null && _signatures.TryGetValue($"/dev/{group}/{origin}", out var originFs))
        {
            _signatures[$"/dev/{group}/{name}"] = originFs;
        }

        return Ok(string.Empty);
    }

    private static CommandResult Ok(string output) => new(0, output, string.Empty);

    private static string Report(string section, IEnumerable<string> rows)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"  {{\n      \"report\": [\n          {{\n              \"{section}\": [\n");
        builder.AppendJoin(",\n", rows.Select(row => "                  " + row));
        builder.Append("\n              ]\n          }\n      ]\n  }\n");
        return builder.ToString();
    }
}
