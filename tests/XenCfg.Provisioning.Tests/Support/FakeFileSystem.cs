using XenCfg.Provisioning.Host;

namespace XenCfg.Provisioning.Tests.Support;

/// <summary>
/// An in-memory host file system for the tests of what this machine cannot do for real (activated volumes with
/// device nodes, a live NFS server's /etc): paths, their kinds and contents, set by the test or by a simulated tool.
/// </summary>
internal sealed class FakeFileSystem : IHostFileSystem
{
    private readonly Dictionary<string, FileStatus> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _withData = new(StringComparer.Ordinal);
    private ulong _nextInode = 100;

    public long Available { get; set; } = long.MaxValue;

    public HashSet<string> Busy { get; } = new(StringComparer.Ordinal);

    public List<string> Changes { get; } = [];

    public FakeFileSystem Directory(string path)
    {
        _entries[path] = new FileStatus(FileKind.Directory, 4096, 8, 0b111_101_101, _nextInode++, "254:0", null);
        return this;
    }

    public FakeFileSystem BlockDevice(string path, string number, bool withData = false)
    {
        _entries[path] = new FileStatus(FileKind.BlockDevice, 0, 0, 0b110_110_000, _nextInode++, "0:5", number);
        if (withData)
        {
            _withData.Add(path);
        }

        return this;
    }

    public FakeFileSystem Text(string path, string content)
    {
        _texts[path] = content;
        _entries[path] = new FileStatus(FileKind.Regular, content.Length, 8, 0b110_100_100, _nextInode++, "254:0", null);
        return this;
    }

    public FileStatus? Stat(string path, bool followLinks = false) => _entries.GetValueOrDefault(path);

    public long AvailableBytes(string directory) => Available;

    public bool IsAllZero(string path, long length) => !_withData.Contains(path);

    public bool IsDeviceBusy(string path) => Busy.Contains(path);

    public string ResolveLinks(string path) => path;

    /// <summary>Symbolic links of directories: a path under a key leads to the same path under its value.</summary>
    public Dictionary<string, string> Links { get; } = new(StringComparer.Ordinal);

    public string RealPath(string path)
    {
        foreach (var (link, target) in Links)
        {
            if (path == link || path.StartsWith(link + "/", StringComparison.Ordinal))
            {
                return target + path[link.Length..];
            }
        }

        return path;
    }

    public void DeleteFile(string path)
    {
        _entries.Remove(path);
        _texts.Remove(path);
        Changes.Add($"delete-file {path}");
    }

    public IReadOnlyList<int> ProcessesHolding(string path) => [];

    public string? ReadText(string path) => _texts.GetValueOrDefault(path);

    public IReadOnlyList<string> ListDirectory(string path) =>
        [.. _entries.Keys.Where(entry => Path.GetDirectoryName(entry) == path).Select(entry => Path.GetFileName(entry)).Order(StringComparer.Ordinal)];

    public void CreateSparseFile(string path, long length)
    {
        Create(path);
        _entries[path] = new FileStatus(FileKind.Regular, length, 0, 0b110_000_000, _nextInode++, "254:0", null);
        Changes.Add($"create-sparse-file {path} {length}");
    }

    public void CreateDirectory(string path)
    {
        Create(path);
        Directory(path);
        Changes.Add($"create-directory {path}");
    }

    public void WriteNewFile(string path, string content)
    {
        Create(path);
        Text(path, content);
        Changes.Add($"write-file {path} {content}");
    }

    private void Create(string path)
    {
        if (_entries.ContainsKey(path))
        {
            throw new IOException($"{path} exists");
        }
    }
}
