using System.Diagnostics;
using System.Net.Sockets;
using XenCfg.Configuration.Inputs;
using XenCfg.TestKit;

namespace XenCfg.Configuration.Tests;

/// <summary>
/// Only regular files are read, at once: FIFOs, devices and sockets are refused without being opened for reading
/// (a FIFO would block until a writer comes; /dev/zero never ends), links are followed, cycles and dangling links
/// are named, and a file above the size limit is refused. Each read runs with a deadline, so a regression fails the
/// test instead of hanging it.
/// </summary>
public class RegularFileTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static (byte[]? Bytes, string? Reason) ReadWithDeadline(string path, long maxBytes = 1024 * 1024)
    {
        var read = Task.Run(() => (RegularFile.Read(path, maxBytes, out var reason), reason));
        Assert.True(read.Wait(Deadline), $"reading {path} did not return within {Deadline.TotalSeconds} s");
        return read.Result;
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public void A_regular_file_is_read_whole()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("vm.cfg", "name = \"vm\"\n");

        var (bytes, reason) = ReadWithDeadline(path);

        Assert.Null(reason);
        Assert.Equal("name = \"vm\"\n"u8.ToArray(), bytes);
    }

    [SkippableFact]
    public void A_fifo_is_refused_at_once_without_waiting_for_a_writer()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "FIFOs and the non-blocking open are tested on Linux");
        using var dir = new TempDirectory();
        var fifo = Path.Combine(dir.Path, "vm.cfg");
        MakeFifo(fifo);

        var (bytes, reason) = ReadWithDeadline(fifo);

        Assert.Null(bytes);
        Assert.Equal("is a FIFO (named pipe), not a regular file: only regular files are read", reason);
    }

    [SkippableFact]
    public void A_link_to_dev_zero_is_refused_naming_the_device()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/dev/zero"), "needs Linux's /dev/zero");
        using var dir = new TempDirectory();
        var link = Path.Combine(dir.Path, "x.cfg");
        File.CreateSymbolicLink(link, "/dev/zero");

        var (bytes, reason) = ReadWithDeadline(link);

        Assert.Null(bytes);
        Assert.Equal("is a symbolic link to /dev/zero, which is a character device, not a regular file: only regular files are read", reason);
    }

    [SkippableFact]
    public void A_socket_is_refused()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Unix sockets are tested on Linux");
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "vm.cfg");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        var (bytes, reason) = ReadWithDeadline(path);

        Assert.Null(bytes);
        Assert.Equal("is a socket, not a regular file: only regular files are read", reason);
    }

    [SkippableFact]
    public void A_link_cycle_and_a_dangling_link_are_named()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "link errors are told apart on Linux");
        using var dir = new TempDirectory();
        var a = Path.Combine(dir.Path, "a.cfg");
        var b = Path.Combine(dir.Path, "b.cfg");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);
        var dangling = Path.Combine(dir.Path, "gone.cfg");
        File.CreateSymbolicLink(dangling, Path.Combine(dir.Path, "nothing.cfg"));

        Assert.Equal("is a symbolic link that leads back to itself (a link cycle)", ReadWithDeadline(a).Reason);
        Assert.Equal($"is a symbolic link to {Path.Combine(dir.Path, "nothing.cfg")}, which does not exist", ReadWithDeadline(dangling).Reason);
        Assert.Equal("no such file", ReadWithDeadline(Path.Combine(dir.Path, "missing.cfg")).Reason);
        Assert.Equal("no such file or directory", ReadWithDeadline(Path.Combine(dir.Path, "no-dir", "missing.cfg")).Reason);
    }

    [Fact]
    public void A_directory_is_refused()
    {
        using var dir = new TempDirectory();

        Assert.Equal("is a directory; give files, or a directory to search", ReadWithDeadline(dir.Path).Reason);
    }

    [Fact]
    public void A_file_above_the_limit_is_refused_and_one_at_the_limit_is_read()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes("big.cfg", new byte[2049]);

        Assert.Equal("is 2,049 bytes, more than the limit of 2K for a config: not read (raise it with max-file-size in .xcfg.toml or --max-file-size)", ReadWithDeadline(path, 2048).Reason);
        Assert.Equal(2049, ReadWithDeadline(path, 2049).Bytes!.Length);
    }

    [SkippableFact]
    public void A_file_that_reports_no_size_is_still_read_to_its_end_and_held_to_the_limit()
    {
        // Files in /proc have size 0 in stat, yet content: the size from stat is only a first guess.
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/proc/self/status"), "needs Linux's /proc");

        var (bytes, reason) = ReadWithDeadline("/proc/self/status");
        var (_, tooLarge) = ReadWithDeadline("/proc/self/status", 16);

        Assert.Null(reason);
        Assert.Contains("Name:", System.Text.Encoding.ASCII.GetString(bytes!), StringComparison.Ordinal);
        Assert.Equal("is larger than the limit of 16 bytes for a config: not read (raise it with max-file-size in .xcfg.toml or --max-file-size)", tooLarge);
    }

    [SkippableFact]
    public void The_real_path_resolves_every_link_in_the_path()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "realpath is tested on Linux");
        using var dir = new TempDirectory();
        var target = dir.Write("real/xen/web", "name = 'web'\n");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "linked"), Path.Combine(dir.Path, "real"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "real", "xen", "alias"), "web");

        Assert.Equal(RegularFile.RealPath(target), RegularFile.RealPath(Path.Combine(dir.Path, "linked", "xen", "alias")));
        Assert.Null(RegularFile.RealPath(Path.Combine(dir.Path, "nothing")));
    }
}
