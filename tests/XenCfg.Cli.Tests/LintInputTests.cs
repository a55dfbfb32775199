using System.Text;
using XenCfg.Cli.Tests.TestSupport;

namespace XenCfg.Cli.Tests;

/// <summary>Which files lint reads: include and exclude patterns, standard input, context paths.</summary>
public class LintInputTests
{
    private const string Typo = "name = 'typo'\nmemroy = 512\n";

    [Fact]
    public void Include_on_the_command_line_replaces_the_default_patterns_relative_to_the_directory()
    {
        using var dir = LintSamples.Repository();
        dir.Write("etc/xen/web.conf", "name = 'web'\nmemroy = 1\n");
        dir.Write("etc/xen/skipped.cfg", Typo);
        dir.Write("etc/xen/auto/db.conf", "name = 'db'\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "etc/xen", "--include", "/*.conf");

        Assert.Equal(0, code);
        Assert.Equal("etc/xen/web.conf(2,1): warning XCFG0100: `memroy` is not a key xl or xm knows; it is ignored without a word: did you mean `memory`?\n" +
            "0 errors, 1 warning in 1 file\n", output);
    }

    [Fact]
    public void Exclude_on_the_command_line_leaves_out_files_and_directories()
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", "name = 'vm'\n");
        dir.Write("attic/old.cfg", Typo);
        dir.Write("copies/vm.bak.cfg", Typo);

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", ".", "--exclude", "attic/", "--exclude", "*.bak.cfg");

        Assert.Equal(0, code);
        Assert.Equal("0 errors, 0 warnings in 1 file (2 excluded)\n", output);
    }

    [Fact]
    public void Config_include_and_exclude_are_relative_to_the_config_file()
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", "include = [\"guests/*.conf\", \"*.cfg\"]\nexclude = [\"/guests/retired-*\"]\n");
        dir.Write("guests/web.conf", "name = 'web'\n");
        dir.Write("guests/retired-db.conf", Typo);
        dir.Write("guests/notes.txt", "not a config\n");
        dir.Write("other/web.conf", Typo);

        var (code, output, _) = CliRunner.Run(Path.Combine(dir.Path, "guests"), "lint", ".");

        Assert.Equal(0, code);
        Assert.Equal("0 errors, 0 warnings in 1 file (1 excluded)\n", output);
    }

    [Fact]
    public void Excluded_files_stay_excluded_when_named_on_the_command_line_as_pre_commit_does()
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", "exclude = [\"vendor/\"]\n");
        dir.Write("vendor/theirs.cfg", Typo);
        dir.Write("mine.cfg", "name = 'mine'\n");

        var some = CliRunner.Run(dir.Path, "lint", "mine.cfg", "vendor/theirs.cfg");
        var all = CliRunner.Run(dir.Path, "lint", "vendor/theirs.cfg");

        Assert.Equal(0, some.ExitCode);
        Assert.Equal("0 errors, 0 warnings in 1 file (1 excluded)\n", some.Output);
        Assert.Equal(0, all.ExitCode);
        Assert.Equal("0 errors, 0 warnings in 0 files (1 excluded)\n", all.Output);
    }

    [Fact]
    public void Files_named_explicitly_are_linted_whatever_their_extension()
    {
        using var dir = LintSamples.Repository();
        dir.Write("web.conf", Typo);

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "web.conf");

        Assert.Equal(0, code);
        Assert.StartsWith("web.conf(2,1): warning XCFG0100:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_given_twice_is_linted_once()
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", Typo);

        var (_, output, _) = CliRunner.Run(dir.Path, "lint", "vm.cfg", ".", "./vm.cfg");

        Assert.EndsWith("0 errors, 1 warning in 1 file\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_is_shown_as_the_stdin_filename_and_seen_by_the_cross_file_checks()
    {
        using var dir = LintSamples.MultiFile();
        var edited = File.ReadAllText(Path.Combine(dir.Path, "web-b.cfg")).Replace("vg-shared", "vg-web-b-data", StringComparison.Ordinal);

        var (code, output, _) = CliRunner.Run(dir.Path, Encoding.UTF8.GetBytes(edited), "lint", "web-a.cfg", "-", "--stdin-filename", "web-b.cfg");

        Assert.Equal(1, code);
        Assert.DoesNotContain("XCFG0300", output, StringComparison.Ordinal);
        Assert.Contains("web-b.cfg(7,17): error XCFG0306: the MAC 00:16:3e:00:00:01 of `web-b` is also used by `web-a` (web-a.cfg)", output, StringComparison.Ordinal);
        Assert.EndsWith("2 errors, 0 warnings in 2 files\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_without_a_name_is_shown_as_a_dash()
    {
        using var dir = LintSamples.Repository();

        var (code, output, _) = CliRunner.Run(dir.Path, Encoding.UTF8.GetBytes(Typo), "lint", "-");

        Assert.Equal(0, code);
        Assert.StartsWith("-(2,1): warning XCFG0100:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stdin_filename_finds_its_config_and_its_excludes()
    {
        using var dir = LintSamples.Repository();
        dir.Write("strict/.xcfg.toml", "exclude = [\"gen-*\"]\n[rules]\nXCFG0100 = \"error\"\n");

        var configured = CliRunner.Run(dir.Path, Encoding.UTF8.GetBytes(Typo), "lint", "-", "--stdin-filename", "strict/vm.cfg");
        var excluded = CliRunner.Run(dir.Path, Encoding.UTF8.GetBytes(Typo), "lint", "-", "--stdin-filename", "strict/gen-vm.cfg");

        Assert.Equal(1, configured.ExitCode);
        Assert.StartsWith("strict/vm.cfg(2,1): error XCFG0100:", configured.Output, StringComparison.Ordinal);
        Assert.Equal(0, excluded.ExitCode);
        Assert.Equal("0 errors, 0 warnings in 0 files (1 excluded)\n", excluded.Output);
    }

    [Theory]
    [InlineData(new[] { "-", "-" }, "xcfg lint: `-` (standard input) can be given only once\n")]
    [InlineData(new[] { "vm.cfg", "--stdin-filename", "x.cfg" }, "xcfg lint: --stdin-filename names standard input: add `-` to the paths\n")]
    public void Standard_input_misuse_is_a_usage_error(string[] args, string expected)
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", "name = 'vm'\n");

        var (code, _, error) = CliRunner.Run(dir.Path, ["lint", .. args]);

        Assert.Equal(2, code);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Context_files_take_part_in_cross_file_checks_without_being_reported()
    {
        using var dir = LintSamples.MultiFile();

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "web-a.cfg", "--context", ".");

        Assert.Equal(1, code);
        Assert.Equal(
            "web-a.cfg(5,17): error XCFG0300: `/dev/vg/shared` is written by `web-a` here and also used by `web-b` (web-b.cfg): a disk written by one domain must not be used by any other (the old Xen manual: \"a sure fire way to cause irreparable damage\"); share it read-only, or use NFS or a cluster file system\n" +
            "    web-b.cfg(4,54): disk xvdb of `web-b` (written)\n" +
            "web-a.cfg(7,17): error XCFG0306: the MAC 00:16:3e:00:00:01 of `web-a` is also used by `web-b` (web-b.cfg): two NICs with one MAC on a network lose packets and DHCP leases; give each its own\n" +
            "    web-b.cfg(7,17): also in `web-b`\n" +
            "2 errors, 0 warnings in 1 file\n",
            output);
    }

    [Fact]
    public void Unreadable_context_files_are_left_out_quietly()
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", "name = 'vm'\n");
        dir.WriteBytes("junk.cfg", [0, 1, 2]);

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "vm.cfg", "--context", ".");

        Assert.Equal(0, code);
        Assert.Equal("0 errors, 0 warnings in 1 file\n", output);
    }

    [Fact]
    public void Resolve_asks_the_host_so_a_symlink_to_a_written_image_is_the_same_storage()
    {
        using var dir = LintSamples.Repository();
        var image = dir.Write("images/vm.img", "");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "images/alias.img"), image);
        dir.Write("a.cfg", $"name = 'a'\ndisk = [ 'file:{image},xvda,w' ]\n");
        dir.Write("b.cfg", $"name = 'b'\ndisk = [ 'file:{Path.Combine(dir.Path, "images/alias.img")},xvda,w' ]\n");

        var asWritten = CliRunner.Run(dir.Path, "lint", "a.cfg", "b.cfg");
        var resolved = CliRunner.Run(dir.Path, "lint", "a.cfg", "b.cfg", "--resolve");

        Assert.DoesNotContain("XCFG0300", asWritten.Output, StringComparison.Ordinal);
        Assert.Equal(1, resolved.ExitCode);
        Assert.Contains("a.cfg(2,16): error XCFG0300:", resolved.Output, StringComparison.Ordinal);
        Assert.Contains("b.cfg(2,16): error XCFG0300:", resolved.Output, StringComparison.Ordinal);
    }
}
