using XenCfg.Provisioning.Host;
using XenCfg.Provisioning.Rendering;
using XenCfg.Provisioning.Tests.Support;
using XenCfg.Syntax;

namespace XenCfg.Provisioning.Tests.Rendering;

/// <summary>The --format sh script: valid bash, every value quoted, guards that stop rather than overwrite.</summary>
public sealed class ShellScriptTests : IDisposable
{
    private readonly Harness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", "'it'\"'\"'s'")]
    [InlineData("$(rm -rf /) `id` \"q\" a b", "'$(rm -rf /) `id` \"q\" a b'")]
    [InlineData("-rf", "'-rf'")]
    [InlineData("", "''")]
    public void Words_are_single_quoted_with_quotes_closed_and_reopened(string word, string quoted) =>
        Assert.Equal(quoted, ShellQuoting.Quote(word));

    [SkippableFact]
    public void Hostile_paths_and_labels_are_quoted_and_the_script_creates_exactly_what_was_written()
    {
        HostRequirements.Tools("bash", "mkfs.ext4", "truncate", "blkid", "dumpe2fs");
        _harness.Directory("images");
        var rootfs = _harness.Directory("root $(touch PWNED3) `x`");
        File.WriteAllText(Path.Combine(rootfs, "motd"), "hello\n");
        var image = _harness.PathOf("images/vm $(touch PWNED1) `touch PWNED2` 'q' \"d\" ;ls.img");
        var config = _harness.Config("vm1.cfg",
            "name = \"vm1\"\nkernel = \"/boot/vmlinuz\"\n" +
            "disk = [ 'file:{root}/images/vm $(touch PWNED1) `touch PWNED2` \\'q\\' \"d\" ;ls.img,xvda,w' ]" +
            $"  # xcfg: size=8M fs=ext4 label=\"-x $(id) 'q'\" populate=\"{rootfs}\"\n");

        var (code, script, error) = _harness.Run(apply: false, ProvisionFormat.Sh, config);

        Assert.True(code == ProvisionExitCodes.Changes, error);
        Assert.Contains("'mkfs.ext4' '-F' '-q' '-b' '4096' '-E' 'root_owner=0:0' '-L' '-x $(id) '\"'\"'q'\"'\"'' '-d'", script, StringComparison.Ordinal);
        var path = _harness.PathOf("provision.sh");
        File.WriteAllText(path, script);
        Assert.Equal(0, Commands.Run("bash", "-n", path).ExitCode);

        var run = RunIn(_harness.Root, "bash", path);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.True(File.Exists(image), "the image has the name written in the config, byte for byte");
        Assert.Contains("Filesystem volume name:   -x $(id) 'q'\n", Commands.Must("dumpe2fs", "-h", image), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_harness.Root, "PWNED*", SearchOption.AllDirectories));

        // Run again: the guard stops it before anything is touched.
        var again = RunIn(_harness.Root, "bash", path);
        Assert.Equal(ProvisionExitCodes.Refused, again.ExitCode);
        Assert.Equal($"xcfg: stopping: {image} exists\n", again.StandardError);
    }

    [SkippableFact]
    public void Hostile_values_are_applied_and_verified_as_written()
    {
        HostRequirements.Tools("mkfs.ext4", "blkid", "dumpe2fs", "e2fsck");
        _harness.Directory("images");
        var config = _harness.Config("vm1.cfg",
            "name = \"vm1\"\ndisk = [ 'file:{root}/images/a $(b) `c` \\'d\\'.img,xvda,w' ]  # xcfg: size=8M fs=ext4 label=\"-x $(id) 'q'\"\n");

        var applied = _harness.Run(apply: true, config);

        Assert.True(applied.Code == ProvisionExitCodes.Changes, applied.Output);
        Assert.True(File.Exists(_harness.PathOf("images/a $(b) `c` 'd'.img")));
        Assert.Equal(ProvisionExitCodes.Success, _harness.Run(apply: false, config).Code);
    }

    [Fact]
    public void A_value_with_a_newline_is_refused_so_no_script_is_written()
    {
        _harness.Host = new HostTools(new RecordingRunner(), new FakeFileSystem().Directory("/srv"));
        var config = _harness.Config("vm1.cfg", "name = \"vm1\"\ndisk = [ 'file:/srv/vm1\\n.img,xvda,w' ]  # xcfg: size=8M\n");

        var (code, script, error) = _harness.Run(apply: false, ProvisionFormat.Sh, config);

        Assert.Equal(ProvisionExitCodes.Refused, code);
        Assert.Empty(script);
        Assert.Contains("contains the control character U+000A", error, StringComparison.Ordinal);
        Assert.Contains("xcfg provision: no script written: the plan refuses something.", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_script_for_volumes_snapshots_and_an_nfs_root_is_valid_bash_with_its_guards()
    {
        HostRequirements.Tools("bash");
        var lvm = new SimulatedLvm(new FakeFileSystem().Directory("/export").Directory("/etc/exports.d")).Group("vg", 2000);
        lvm.Runner.On(["exportfs", "-s"], 0);
        _harness.Host = lvm.Host;
        _harness.Dialect = Dialect.Xm;
        var master = _harness.Config("master.cfg", "name = \"master\"\ndisk = [ 'phy:vg/master,xvda,w' ]  # xcfg: size=4G fs=ext4\n");
        var clone = _harness.Config("clone.cfg", "name = \"clone\"\ndisk = [ 'phy:vg/clone,xvda,w' ]  # xcfg: snapshot-of=vg/master size=1G\n");
        var nfs = _harness.Config("nfs.cfg", "name = \"nfs\"\nvif = [ '' ]\nroot = '/dev/nfs'\nnfs_server = '192.0.2.1'\nnfs_root = '/export/nfs'  # xcfg: client=192.0.2.11\n");

        var (code, script, error) = _harness.Run(apply: false, ProvisionFormat.Sh, master, clone, nfs);

        Assert.True(code == ProvisionExitCodes.Changes, error);
        var path = _harness.PathOf("provision.sh");
        File.WriteAllText(path, script);
        Assert.Equal(0, Commands.Run("bash", "-n", path).ExitCode);
        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        Assert.Contains("\nset -eu\numask 077\n", script, StringComparison.Ordinal);
        string[] expected =
        [
            "if 'lvs' 'vg/master' >/dev/null 2>&1; then echo 'xcfg: stopping: logical volume vg/master exists' >&2; exit 3; fi",
            "'lvcreate' '--yes' '-W' 'y' '-Z' 'y' '-L' '4G' '-n' 'master' 'vg'",
            "'mkfs.ext4' '-F' '-q' '-b' '4096' '-E' 'root_owner=0:0' '--' '/dev/vg/master'",
            "if ! 'lvs' 'vg/master' >/dev/null 2>&1; then echo 'xcfg: stopping: logical volume vg/master does not exist' >&2; exit 3; fi",
            "'lvcreate' '-s' '-L' '1G' '-n' 'clone' 'vg/master'",
            "if [ ! -d '/export' ]; then echo 'xcfg: stopping: /export is not a directory' >&2; exit 3; fi",
            "'mkdir' '-m' '0755' '--' '/export/nfs'",
            "if [ -e '/etc/exports.d/xcfg-nfs.exports' ] || [ -L '/etc/exports.d/xcfg-nfs.exports' ]; then echo 'xcfg: stopping: /etc/exports.d/xcfg-nfs.exports exists' >&2; exit 3; fi",
            "( umask 022; set -C; 'printf' '%s\\n' '/export/nfs 192.0.2.11(rw,sync,no_subtree_check,no_root_squash)' > '/etc/exports.d/xcfg-nfs.exports' )",
            "'exportfs' '-i' '-o' 'rw,sync,no_subtree_check,no_root_squash' '192.0.2.11:/export/nfs'",
        ];
        var lines = script.Split('\n');
        var positions = expected.Select(line => Array.IndexOf(lines, line)).ToList();
        Assert.All(positions.Zip(expected), pair => Assert.True(pair.First >= 0, "missing: " + pair.Second));
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain("function", script, StringComparison.Ordinal);
    }

    private static CommandResult RunIn(string directory, params string[] argv)
    {
        var start = new System.Diagnostics.ProcessStartInfo(argv[0]) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        argv.Skip(1).ToList().ForEach(start.ArgumentList.Add);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.Result, error);
    }
}
