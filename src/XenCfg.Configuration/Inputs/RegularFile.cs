using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace XenCfg.Configuration.Inputs;

/// <summary>
/// Reads a file only when it is a regular file of at most a given size, and never waits: a FIFO opened for reading
/// blocks until a writer comes, and a device such as <c>/dev/zero</c> never ends. So the path is stat-ed first
/// (following links), and then opened with <c>O_NONBLOCK</c> and checked again on the open descriptor, so a file
/// swapped for a FIFO in between cannot hang the run either; the read stops one byte past the limit. .NET has no
/// stat with the file type and no non-blocking open, so on Linux these calls go to libc (statx has the same layout on
/// every 64-bit Linux). Elsewhere, .NET's own checks are used.
/// </summary>
public static partial class RegularFile
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int OpenReadOnlyNonBlocking = 0x800 | 0x100 | 0x80000; // O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC
    private const int ErrorInterrupted = 4;

    /// <summary>The file's bytes, or null with a one-line reason it was not read (the caller prefixes the path).</summary>
    public static byte[]? Read(string path, long maxBytes, out string? reason)
    {
        try
        {
            return OperatingSystem.IsLinux() ? ReadLinux(path, maxBytes, out reason) : ReadPortable(path, maxBytes, out reason);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            reason = exception is UnauthorizedAccessException ? "permission denied" : "cannot be read: " + exception.Message;
            return null;
        }
    }

    /// <summary>The message for a file larger than the limit (its size, when known).</summary>
    public static string TooLarge(long? size, long maxBytes)
    {
        var limit = SettingValues.FormatFileSize(maxBytes);
        var what = size is { } bytes
            ? string.Create(CultureInfo.InvariantCulture, $"is {bytes:N0} bytes, more than the limit of {limit} for a config")
            : $"is larger than the limit of {limit} for a config";
        return what + ": not read (raise it with max-file-size in .xcfg.toml or --max-file-size)";
    }

    /// <summary>The canonical path of an existing file or directory (every link resolved), or null when it cannot be resolved.</summary>
    public static string? RealPath(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            return RealPathLinux(path);
        }

        try
        {
            var full = Path.GetFullPath(path);
            var info = Directory.Exists(full) ? (FileSystemInfo)new DirectoryInfo(full) : new FileInfo(full);
            return info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [SupportedOSPlatform("linux")]
    private static unsafe byte[]? ReadLinux(string path, long maxBytes, out string? reason)
    {
        var status = stackalloc byte[256];
        if (Statx(AtFdCwd, path, 0, StatxBasicStats, status) != 0)
        {
            reason = StatFailure(path, Marshal.GetLastPInvokeError());
            return null;
        }

        if (NotRegular(path, status) is { } notRegular)
        {
            reason = notRegular;
            return null;
        }

        int descriptor;
        do
        {
            descriptor = Open(path, OpenReadOnlyNonBlocking);
        }
        while (descriptor < 0 && Marshal.GetLastPInvokeError() == ErrorInterrupted);

        if (descriptor < 0)
        {
            reason = StatFailure(path, Marshal.GetLastPInvokeError());
            return null;
        }

        try
        {
            // What was opened is what counts: the path may name something else by now.
            if (Statx(descriptor, string.Empty, AtEmptyPath, StatxBasicStats, status) != 0)
            {
                reason = "cannot be read: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
                return null;
            }

            if (NotRegular(path, status) is { } swapped)
            {
                reason = swapped;
                return null;
            }

            var size = *(long*)(status + 40);
            if (size > maxBytes)
            {
                reason = TooLarge(size, maxBytes);
                return null;
            }

            return ReadDescriptor(descriptor, size, maxBytes, out reason);
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    /// <summary>Reads to the end, at most one byte past the limit: a file that grew past it since the stat is refused too.</summary>
    private static unsafe byte[]? ReadDescriptor(int descriptor, long size, long maxBytes, out string? reason)
    {
        var buffer = new byte[Math.Min(size, maxBytes) + 1];
        var length = 0L;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > maxBytes)
                {
                    // Grown since the stat, or a file that reports no size (/proc): how large it is stays unknown.
                    reason = TooLarge(null, maxBytes);
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, Math.Max(buffer.Length * 2L, 4096)));
            }

            nint read;
            fixed (byte* start = &buffer[length])
            {
                read = ReadBytes(descriptor, start, (nint)(buffer.Length - length));
            }

            if (read < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == ErrorInterrupted)
                {
                    continue;
                }

                reason = "cannot be read: " + Marshal.GetPInvokeErrorMessage(errno);
                return null;
            }

            if (read == 0)
            {
                break;
            }

            length += read;
        }

        reason = null;
        return length == buffer.Length ? buffer : buffer.AsSpan(0, (int)length).ToArray();
    }

    /// <summary>Why a stat-ed thing is not a regular file to read, or null when it is one.</summary>
    [SupportedOSPlatform("linux")]
    private static unsafe string? NotRegular(string path, byte* status)
    {
        var kind = (*(ushort*)(status + 28) & 0xF000) switch
        {
            0x8000 => null,
            0x4000 => "a directory",
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
        if (kind is null)
        {
            return null;
        }

        if (kind == "a directory")
        {
            return "is a directory; give files, or a directory to search";
        }

        var link = LinkTarget(path);
        return link is null
            ? $"is {kind}, not a regular file: only regular files are read"
            : $"is a symbolic link to {link}, which is {kind}, not a regular file: only regular files are read";
    }

    [SupportedOSPlatform("linux")]
    private static unsafe string StatFailure(string path, int errno)
    {
        switch (errno)
        {
            case 2:
                // ENOENT: nothing there, or a link to nothing.
                var status = stackalloc byte[256];
                if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, status) == 0 && LinkTarget(path) is { } target)
                {
                    return $"is a symbolic link to {target}, which does not exist";
                }

                return Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))) ? "no such file" : "no such file or directory";
            case 20:
                return "no such file or directory";
            case 13 or 1:
                return "permission denied";
            case 40:
                return "is a symbolic link that leads back to itself (a link cycle)";
            default:
                return "cannot be read: " + Marshal.GetPInvokeErrorMessage(errno);
        }
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static byte[]? ReadPortable(string path, long maxBytes, out string? reason)
    {
        if (Directory.Exists(path))
        {
            reason = "is a directory; give files, or a directory to search";
            return null;
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            reason = Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))) ? "no such file" : "no such file or directory";
            return null;
        }

        if (info.Length > maxBytes)
        {
            reason = TooLarge(info.Length, maxBytes);
            return null;
        }

        reason = null;
        return File.ReadAllBytes(path);
    }

    [SupportedOSPlatform("linux")]
    private static unsafe string? RealPathLinux(string path)
    {
        var resolved = RealPathNative(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeMemory.Free((void*)resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadBytes(int descriptor, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint RealPathNative(string path, nint resolved);
}
