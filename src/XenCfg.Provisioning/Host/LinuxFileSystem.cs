using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace XenCfg.Provisioning.Host;

/// <summary>
/// <see cref="IHostFileSystem"/> on Linux. .NET has no stat with block counts and inodes, no statvfs for an arbitrary
/// directory, no SEEK_DATA and no O_EXCL open of a block device, so these few calls go to libc directly
/// (statx and statvfs have the same layout on every 64-bit Linux).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class LinuxFileSystem : IHostFileSystem
{
    public static LinuxFileSystem Instance { get; } = new();

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int SeekData = 3;
    private const int SeekHole = 4;
    private const int OpenReadOnly = 0;
    private const int OpenExclusive = 0x80;
    private const int OpenCloseOnExec = 0x80000;
    private const int ErrorNoSuchDevice = 6;
    private const int ErrorBusy = 16;
    private const int ErrorNotFound = 2;
    private const int ErrorNotDirectory = 20;

    public unsafe FileStatus? Stat(string path, bool followLinks = false)
    {
        var buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ErrorNotFound or ErrorNotDirectory)
            {
                return null;
            }

            throw new IOException($"cannot stat {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        // struct statx: stx_mode at 28 (u16), stx_ino at 32, stx_size at 40, stx_blocks at 48, stx_rdev_major/minor
        // at 128/132, stx_dev_major/minor at 136/140.
        var mode = *(ushort*)(buffer + 28);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x6000 => FileKind.BlockDevice,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
        var device = $"{*(uint*)(buffer + 136)}:{*(uint*)(buffer + 140)}";
        var deviceNumber = kind == FileKind.BlockDevice ? $"{*(uint*)(buffer + 128)}:{*(uint*)(buffer + 132)}" : null;
        return new FileStatus(kind, *(long*)(buffer + 40), *(long*)(buffer + 48), mode & 0xFFF, *(ulong*)(buffer + 32), device, deviceNumber);
    }

    public unsafe long AvailableBytes(string directory)
    {
        // struct statvfs on 64-bit Linux: f_bsize, f_frsize, f_blocks, f_bfree, f_bavail, ... each 8 bytes.
        var buffer = stackalloc ulong[32];
        if (StatVfs(directory, buffer) != 0)
        {
            throw new IOException($"cannot statvfs {directory}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        var available = buffer[4] * buffer[1];
        return available > long.MaxValue ? long.MaxValue : (long)available;
    }

    public bool IsAllZero(string path, long length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var descriptor = (int)handle.DangerousGetHandle();
        var position = 0L;
        while (position < length)
        {
            var dataStart = Seek(descriptor, position, SeekData);
            if (dataStart < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == ErrorNoSuchDevice)
                {
                    return true; // ENXIO: no data after position, only a hole to the end
                }

                // No SEEK_DATA here (a block device, or a file system without it): read everything.
                return ReadZeros(handle, position, length);
            }

            if (dataStart >= length)
            {
                return true;
            }

            var holeStart = Seek(descriptor, dataStart, SeekHole);
            var dataEnd = holeStart < 0 ? length : Math.Min(holeStart, length);
            if (!ReadZeros(handle, dataStart, dataEnd))
            {
                return false;
            }

            position = dataEnd;
        }

        return true;
    }

    public bool IsDeviceBusy(string path)
    {
        var descriptor = Open(path, OpenReadOnly | OpenExclusive | OpenCloseOnExec);
        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == ErrorBusy ? true : throw new IOException($"cannot open {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        _ = Close(descriptor);
        return false;
    }

    public string ResolveLinks(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return path;
        }
    }

    public IReadOnlyList<int> ProcessesHolding(string path)
    {
        var holders = new List<int>();
        // Descriptors link to the final target (/dev/dm-3, not /dev/vg/lv).
        var resolved = ResolveLinks(path);
        foreach (var process in SafeEnumerate("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == Environment.ProcessId)
            {
                continue;
            }

            foreach (var descriptor in SafeEnumerate(Path.Combine(process, "fd")))
            {
                string? target;
                try
                {
                    target = new FileInfo(descriptor).LinkTarget;
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                if (target == resolved)
                {
                    holders.Add(id);
                    break;
                }
            }
        }

        return holders;
    }

    public string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public IReadOnlyList<string> ListDirectory(string path) =>
        [.. Directory.EnumerateFileSystemEntries(path).Select(entry => Path.GetFileName(entry)).Order(StringComparer.Ordinal)];

    public void CreateSparseFile(string path, long length)
    {
        // CreateNew is O_CREAT|O_EXCL: an existing file (or a symbolic link planted there) makes this fail.
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        stream.SetLength(length);
    }

    public void CreateDirectory(string path)
    {
        if (Path.Exists(path))
        {
            throw new IOException($"{path} exists");
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    public void WriteNewFile(string path, string content)
    {
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        });
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(content);
    }

    private static bool ReadZeros(SafeFileHandle handle, long start, long end)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var position = start;
            while (position < end)
            {
                var wanted = (int)Math.Min(buffer.Length, end - position);
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, wanted), position);
                if (read == 0)
                {
                    return true;
                }

                if (buffer.AsSpan(0, read).ContainsAnyExcept((byte)0))
                {
                    return false;
                }

                position += read;
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IEnumerable<string> SafeEnumerate(string directory)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(directory).ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "statvfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int StatVfs(string path, ulong* buffer);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long Seek(int descriptor, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
