using XenCfg.Cli.Tests.TestSupport;
using XenCfg.TestKit;

namespace XenCfg.Cli.Tests;

/// <summary>
/// Every command's command line: an unknown option is a usage error before anything is read or written, `--` ends
/// the options, and each documented exit code (docs/cli.md) is what the command returns.
/// </summary>
public class CommandLineTests
{
    private const string Unformatted = "name='vm'\nmemory=512\n";

    [Theory]
    [InlineData("lint", "--chek", "f.cfg")]
    [InlineData("fmt", "--chek", "f.cfg")]
    [InlineData("fmt", "f.cfg", "-x")]
    [InlineData("inspect", "--jsn", "f.cfg")]
    [InlineData("explain", "--list")]
    [InlineData("lsp", "--bogus")]
    public void An_unknown_option_is_a_usage_error_and_nothing_is_read_or_written(params string[] args)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("f.cfg", Unformatted);

        var (code, output, error) = CliRunner.Run(dir.Path, args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("Run 'xcfg --help' for usage.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("f.cfg:", error, StringComparison.Ordinal);
        Assert.Equal(Unformatted, File.ReadAllText(path));
    }

    [Fact]
    public void The_unknown_option_is_named_with_how_to_give_a_file_of_that_name()
    {
        using var dir = new TempDirectory();
        dir.Write("f.cfg", Unformatted);

        var (_, _, error) = CliRunner.Run(dir.Path, "fmt", "--chek", "f.cfg");

        Assert.Equal("xcfg fmt: unknown option '--chek' (to name a file that starts with '-', write ./--chek or put it after `--`)\nRun 'xcfg --help' for usage.\n", error);
    }

    [Fact]
    public void Provision_keeps_its_own_usage_exit_code_for_an_unknown_option()
    {
        using var dir = new TempDirectory();
        dir.Write("f.cfg", Unformatted);

        var (code, _, error) = CliRunner.Run(dir.Path, "provision", "--aply", "f.cfg");

        Assert.Equal(64, code);
        Assert.StartsWith("xcfg provision: unknown option '--aply'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Double_dash_ends_the_options_so_a_file_may_start_with_a_dash()
    {
        using var dir = new TempDirectory();
        var odd = dir.Write("-odd.cfg", Unformatted);

        var (code, output, error) = CliRunner.Run(dir.Path, "fmt", "--", "-odd.cfg");
        var (lintCode, lintOutput, _) = CliRunner.Run(dir.Path, "lint", "--", "-odd.cfg", "./-odd.cfg");

        Assert.Equal(0, code);
        Assert.Equal("-odd.cfg: reformatted\n", output);
        Assert.Empty(error);
        Assert.Equal("name = 'vm'\nmemory = 512\n", File.ReadAllText(odd));
        Assert.NotEqual(2, lintCode);
        Assert.EndsWith(" in 1 file\n", lintOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Fmt_writes_nothing_when_a_path_cannot_be_read()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("a.cfg", Unformatted);

        var (code, output, error) = CliRunner.Run(dir.Path, "fmt", "a.cfg", "typo.cfg");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("typo.cfg: error: no such file\nxcfg fmt: nothing was written: 1 file could not be read\n", error);
        Assert.Equal(Unformatted, File.ReadAllText(path));
    }

    [Fact]
    public void Fmt_exit_codes_for_syntax_errors_an_empty_folder_and_excluded_files()
    {
        using var dir = LintSamples.Repository();
        dir.Write("broken/vm.cfg", "name = 'vm\n");
        dir.Write("ugly/vm.cfg", Unformatted);
        Directory.CreateDirectory(Path.Combine(dir.Path, "empty"));
        dir.Write("attic/.xcfg.toml", "exclude = [\"*.cfg\"]\n");
        dir.Write("attic/old.cfg", Unformatted);

        var broken = CliRunner.Run(dir.Path, "fmt", "--check", "broken", "ugly");
        var empty = CliRunner.Run(dir.Path, "fmt", "--check", "empty");
        var excluded = CliRunner.Run(dir.Path, "fmt", "attic");

        Assert.Equal((2, "ugly/vm.cfg: would be reformatted\n", "broken/vm.cfg: error: not formatted, it has syntax errors (see `xcfg lint broken/vm.cfg`)\n"), broken);
        Assert.Equal(2, empty.ExitCode);
        Assert.Equal("xcfg: no config files found in empty (directories are searched for *.cfg, *.xl, *.xm, and a host's xen/ folder for domain configs without an extension)\n", empty.Error);
        Assert.Equal((0, string.Empty, string.Empty), excluded);
        Assert.Equal(Unformatted, File.ReadAllText(Path.Combine(dir.Path, "attic", "old.cfg")));
    }

    [Fact]
    public void Fmt_reads_each_file_in_its_configured_dialect()
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", "dialect = \"xm\"\n");
        var path = dir.Write("vm.cfg", "name='vm'\nmemory = 256*2\n");

        var (code, _, error) = CliRunner.Run(dir.Path, "fmt", "vm.cfg");
        var (xlCode, _, xlError) = CliRunner.Run(dir.Path, "fmt", "--dialect", "xl", "--check", "vm.cfg");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal("name = 'vm'\nmemory = 256*2\n", File.ReadAllText(path));
        Assert.Equal(2, xlCode);
        Assert.Contains("it has syntax errors", xlError, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_exit_codes_for_an_empty_folder_and_a_folder_whose_files_are_all_excluded()
    {
        using var dir = LintSamples.Repository();
        Directory.CreateDirectory(Path.Combine(dir.Path, "empty"));
        dir.Write("attic/.xcfg.toml", "exclude = [\"*.cfg\"]\n");
        dir.Write("attic/old.cfg", "name = 'vm\n");

        var empty = CliRunner.Run(dir.Path, "lint", "empty");
        var excluded = CliRunner.Run(dir.Path, "lint", "attic");

        Assert.Equal(2, empty.ExitCode);
        Assert.StartsWith("xcfg: no config files found in empty", empty.Error, StringComparison.Ordinal);
        Assert.Equal(0, excluded.ExitCode);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("fmt")]
    [InlineData("inspect")]
    public void Xen_version_and_max_file_size_are_checked_on_every_command_that_reads_configs(string command)
    {
        using var dir = new TempDirectory();
        dir.Write("f.cfg", Unformatted);

        var version = CliRunner.Run(dir.Path, command, "--xen-version", "5.0", "f.cfg");
        var size = CliRunner.Run(dir.Path, command, "--max-file-size", "lots", "f.cfg");
        var tooSmall = CliRunner.Run(dir.Path, command, "--max-file-size", "8", "f.cfg");

        Assert.Equal(2, version.ExitCode);
        Assert.Contains("--xen-version: Xen 5.0 is not one xcfg knows", version.Error, StringComparison.Ordinal);
        Assert.Equal(2, size.ExitCode);
        Assert.Contains("--max-file-size: `lots` is not a size", size.Error, StringComparison.Ordinal);
        Assert.Equal(2, tooSmall.ExitCode);
        Assert.Contains("f.cfg: error: is 21 bytes, more than the limit of 8 bytes for a config: not read (raise it with max-file-size in .xcfg.toml or --max-file-size)", tooSmall.Output + tooSmall.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_size_limit_comes_from_the_config_and_the_command_line_overrides_it()
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", "max-file-size = 16\n");
        dir.Write("f.cfg", Unformatted);

        var refused = CliRunner.Run(dir.Path, "lint", "f.cfg");
        var allowed = CliRunner.Run(dir.Path, "lint", "--max-file-size", "1K", "f.cfg");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("f.cfg: error: is 21 bytes, more than the limit of 16 bytes for a config", refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, allowed.ExitCode);
    }

    [Fact]
    public void Inspect_reads_the_project_configuration_like_lint()
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", "name = 'vm'\nmemory = 512\n");
        dir.Write(".xcfg.toml", "xen-version = \"3.4\"\n");

        var bad = CliRunner.Run(dir.Path, "inspect", "vm.cfg");
        var without = CliRunner.Run(dir.Path, "inspect", "--no-config", "vm.cfg");

        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("xcfg: bad config file .xcfg.toml(1,15): `xen-version`: Xen 3.4 is not one xcfg knows", bad.Error, StringComparison.Ordinal);
        Assert.Equal((0, "name = \"vm\"\nmemory = \"512\"\n", string.Empty), without);
    }
}
