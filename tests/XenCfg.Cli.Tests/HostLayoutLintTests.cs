using System.Diagnostics;
using XenCfg.Cli.Tests.TestSupport;
using XenCfg.TestKit;

namespace XenCfg.Cli.Tests;

/// <summary>
/// `xcfg lint` of a host's configs as they are: configs without an extension, the auto/ links, link cycles, and
/// things that are not files, each answered at once (the runs have a deadline: a hang fails the test).
/// </summary>
public class HostLayoutLintTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static string Guest(string name, string mac) =>
        $"name = \"{name}\"\nmemory = 512\nkernel = \"/boot/vmlinuz\"\nroot = \"/dev/xvda ro\"\ndisk = [ 'phy:/dev/vg/{name},xvda,w' ]\nvif = [ 'mac=00:16:3e:00:00:{mac}, bridge=xenbr0' ]\n";

    private static (int ExitCode, string Output, string Error) RunWithDeadline(string directory, params string[] args)
    {
        var run = Task.Run(() => CliRunner.Run(directory, args));
        Assert.True(run.Wait(Deadline), $"xcfg {string.Join(' ', args)} did not finish within {Deadline.TotalSeconds} s");
        return run.Result;
    }

    [SkippableFact]
    public void An_etc_xen_with_auto_links_is_linted_once_per_domain_without_duplicates()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "symbolic links as on a dom0");
        using var dir = LintSamples.Repository();
        dir.Write("etc/xen/web", Guest("web", "01"));
        dir.Write("etc/xen/db", Guest("db", "02"));
        dir.Write("etc/xen/xl.conf", "autoballoon = \"off\"\n");
        dir.Write("etc/xen/cpupool", "name = \"Pool-0\"\nsched = \"credit\"\n");
        dir.Write("etc/xen/web~", Guest("web", "01"));
        dir.Write("etc/xen/scripts/block", "#!/bin/sh\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "etc", "xen", "auto"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "etc", "xen", "auto", "web"), "../web");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "etc", "xen", "auto", "db"), Path.Combine(dir.Path, "etc", "xen", "db"));

        var (code, output, error) = RunWithDeadline(dir.Path, "lint", "--format", "json", "etc/xen");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.DoesNotContain("XCFG03", output, StringComparison.Ordinal);
        Assert.Contains("\"files\": 2,", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_folder_with_two_link_cycles_ends_and_reads_each_file_once()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "symbolic links as on a dom0");
        using var dir = LintSamples.Repository();
        dir.Write("a/web.cfg", Guest("web", "01"));
        dir.Write("b/db.cfg", Guest("db", "02"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "a", "self"), Path.Combine(dir.Path, "a"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "a", "b"), Path.Combine(dir.Path, "b"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "b", "a"), "../a");

        var (code, output, _) = RunWithDeadline(dir.Path, "lint", ".");

        Assert.Equal(0, code);
        Assert.EndsWith("0 errors, 0 warnings in 2 files\n", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_fifo_a_device_and_a_socket_each_get_one_line_and_exit_2_at_once()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/dev/zero"), "needs Linux's mkfifo and /dev/zero");
        using var dir = LintSamples.Repository();
        dir.Write("web.cfg", Guest("web", "01"));
        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(dir.Path, "pipe.cfg")]))
        {
            mkfifo.WaitForExit();
        }

        File.CreateSymbolicLink(Path.Combine(dir.Path, "x.cfg"), "/dev/zero");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(dir.Path, "sock.cfg")));

        var (code, output, _) = RunWithDeadline(dir.Path, "lint", ".");

        Assert.Equal(2, code);
        Assert.Equal(
            "pipe.cfg: error: is a FIFO (named pipe), not a regular file: only regular files are read\n" +
            "sock.cfg: error: is a socket, not a regular file: only regular files are read\n" +
            "x.cfg: error: is a symbolic link to /dev/zero, which is a character device, not a regular file: only regular files are read\n" +
            "0 errors, 0 warnings in 1 file, 3 files could not be read\n",
            output);
    }

    [Fact]
    public void A_file_claimed_by_two_hosts_stops_lint_with_the_config_error()
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", "[hosts]\ndom0-a = [\"hosts/**\"]\ndom0-b = [\"hosts/b/\"]\n");
        dir.Write("hosts/a/web.cfg", Guest("web", "01"));
        dir.Write("hosts/b/web.cfg", Guest("web", "02"));

        var (code, output, error) = RunWithDeadline(dir.Path, "lint", ".");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("xcfg: bad config file .xcfg.toml(3,1): `hosts/b/web.cfg` belongs to two hosts, `dom0-a` (by `hosts/**`) and `dom0-b` (by `hosts/b/`): a domain config runs on one dom0, so make the patterns of [hosts] exclusive\n", error);
    }

    [Fact]
    public void A_host_folder_with_no_domain_config_is_an_empty_run()
    {
        using var dir = LintSamples.Repository();
        dir.Write("xen/xl.conf", "autoballoon = \"off\"\n");
        dir.Write("xen/notes", "just text\n");

        var (code, _, error) = RunWithDeadline(dir.Path, "lint", "xen");

        Assert.Equal(2, code);
        Assert.StartsWith("xcfg: no config files found in xen", error, StringComparison.Ordinal);
    }
}
