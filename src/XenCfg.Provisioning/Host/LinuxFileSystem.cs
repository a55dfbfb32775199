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
    private const int ErrorIsDirectory = 21;
    private const int ErrorLoop = 40;
    private const int AtEmptyPath = 0x1000;

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

    /// <summary>
    /// Opens a file for appending, creating it with mode 0600, without following a symbolic link (O_NOFOLLOW: a link
    /// planted at the path makes the open fail instead of writing into its target). The file must be a regular file
    /// with one link (a hard link to another file is refused too); an existing one is set to mode 0600.
    /// </summary>
    public static unsafe FileStream OpenAppendNoFollow(string path)
    {
        const int ReadWrite = 2, Create = 0x40, Append = 0x400, NoFollow = 0x20000;
        var descriptor = OpenWithMode(path, ReadWrite | Create | Append | NoFollow | OpenCloseOnExec, 0b110_000_000);
        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno switch
            {
                ErrorLoop => $"{path} is a symbolic link; it is never followed: name the file itself",
                ErrorIsDirectory => $"{path} is a directory; name a file",
                ErrorNotFound or ErrorNotDirectory => $"the directory of {path} does not exist",
                _ => $"cannot open {path}: {Marshal.GetPInvokeErrorMessage(errno)}",
            });
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            var buffer = stackalloc byte[256];
            if (Statx(descriptor, string.Empty, AtEmptyPath, StatxBasicStats, buffer) != 0)
            {
                throw new IOException($"cannot stat {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }

            // struct statx: stx_nlink at 16 (u32), stx_mode at 28 (u16).
            var mode = *(ushort*)(buffer + 28);
            var links = *(uint*)(buffer + 16);
            if ((mode & 0xF000) != 0x8000)
            {
                throw new IOException($"{path} is not a regular file");
            }

            if (links != 1)
            {
                throw new IOException($"{path} has {links} hard links (it is also another file); name a file of its own");
            }

            if ((mode & 0xFFF) != 0b110_000_000 && ChangeMode(descriptor, 0b110_000_000) != 0)
            {
                throw new IOException($"cannot set mode 0600 on {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }

            return new FileStream(handle, FileAccess.ReadWrite);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
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

    public string RealPath(string path)
    {
        // realpath(3) resolves what exists; the rest is what the run will create, appended as written.
        var existing = path;
        var rest = new Stack<string>();
        while (true)
        {
            var resolved = RealPathNative(existing, out var errno);
            if (resolved is not null)
            {
                return rest.Count == 0 ? resolved : (resolved == "/" ? string.Empty : resolved) + "/" + string.Join('/', rest);
            }

            if (errno is not (ErrorNotFound or ErrorNotDirectory) || existing is "/" or "" || Path.GetDirectoryName(existing) is not { } parent)
            {
                throw new IOException($"cannot resolve the real path of {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            rest.Push(Path.GetFileName(existing));
            existing = parent;
        }
    }

    public void DeleteFile(string path)
    {
        if (Stat(path) is { Kind: FileKind.Directory })
        {
            throw new IOException($"{path} is a directory");
        }

        File.Delete(path);
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
        try
        {
            stream.SetLength(length);
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // The file is ours (created exclusively just now): take it away again, so a failure leaves nothing behind.
            stream.Dispose();
            File.Delete(path);
            throw new IOException($"cannot make {path} {length} bytes long: {exception.Message}; the empty file was removed again", exception);
        }
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
        try
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.Write(content);
        }
        catch (IOException exception)
        {
            stream.Dispose();
            File.Delete(path);
            throw new IOException($"cannot write {path}: {exception.Message}; the partial file was removed again", exception);
        }
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

    private static string? RealPathNative(string path, out int errno)
    {
        var resolved = RealPathC(path, IntPtr.Zero);
        errno = resolved == IntPtr.Zero ? Marshal.GetLastPInvokeError() : 0;
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial IntPtr RealPathC(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "statvfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int StatVfs(string path, ulong* buffer);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long Seek(int descriptor, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenWithMode(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    private static partial int ChangeMode(int descriptor, uint mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
