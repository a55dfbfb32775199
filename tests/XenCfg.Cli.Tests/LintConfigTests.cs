using XenCfg.Cli.Tests.TestSupport;

namespace XenCfg.Cli.Tests;

/// <summary>.xcfg.toml: discovery, what each setting does, command-line overrides, and bad files.</summary>
public class LintConfigTests
{
    private const string Typo = "name = 'vm'\nmemroy = 512\n";
    private const string Python = "name = \"vm%d\" % 1\n";

    [Fact]
    public void Rules_table_sets_severities_and_off_removes_a_finding()
    {
        using var dir = LintSamples.Repository();
        dir.Write("a.cfg", Typo);
        dir.Write("b.cfg", "name = 'b'\nvif = [ 'bridge=xenbr0' ]\n");
        dir.Write(".xcfg.toml", "[rules]\nXCFG0100 = \"error\"\nxcfg0183 = \"off\"\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", ".");

        Assert.Equal(1, code);
        Assert.Equal(
            "a.cfg(2,1): error XCFG0100: `memroy` is not a key xl or xm knows; it is ignored without a word: did you mean `memory`?\n" +
            "1 error, 0 warnings in 2 files\n",
            output);
    }

    [Theory]
    [InlineData("rules = { XCFG0100 = \"off\" }\n")]
    [InlineData("rules.XCFG0100 = \"off\"\n")]
    [InlineData("[rules]\n\"XCFG0100\" = 'off'\n")]
    public void Rules_may_be_written_as_an_inline_table_dotted_keys_or_quoted_keys(string config)
    {
        using var dir = LintSamples.Repository();
        dir.Write("a.cfg", Typo);
        dir.Write(".xcfg.toml", config);

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "a.cfg");

        Assert.Equal(0, code);
        Assert.Equal("0 errors, 0 warnings in 1 file\n", output);
    }

    [Fact]
    public void The_nearest_config_applies_and_configs_do_not_merge()
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", "[rules]\nXCFG0100 = \"off\"\nXCFG0183 = \"error\"\n");
        dir.Write("top.cfg", Typo);
        dir.Write("strict/.xcfg.toml", "[rules]\nXCFG0100 = \"error\"\n");
        dir.Write("strict/deeper/nested.cfg", Typo.Replace("'vm'", "'nested'", StringComparison.Ordinal) + "vif = [ 'bridge=xenbr0' ]\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", ".");

        Assert.Equal(1, code);
        Assert.Equal(
            "strict/deeper/nested.cfg(2,1): error XCFG0100: `memroy` is not a key xl or xm knows; it is ignored without a word: did you mean `memory`?\n" +
            "strict/deeper/nested.cfg(3,9): info XCFG0183: interface 1 has no `mac`: it gets a new random MAC at every start, so DHCP leases and interface names in the guest change; add `mac=00:16:3e:XX:XX:XX`\n" +
            "1 error, 0 warnings, 1 note in 2 files\n",
            output);
    }

    [Fact]
    public void The_search_starts_at_each_file_not_at_the_current_directory()
    {
        using var dir = LintSamples.Repository();
        dir.Write("project/.xcfg.toml", "[rules]\nXCFG0100 = \"error\"\n");
        dir.Write("project/vm.cfg", Typo);
        Directory.CreateDirectory(Path.Combine(dir.Path, "elsewhere"));

        var (code, output, _) = CliRunner.Run(Path.Combine(dir.Path, "elsewhere"), "lint", "../project/vm.cfg");

        Assert.Equal(1, code);
        Assert.StartsWith("../project/vm.cfg(2,1): error XCFG0100:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_search_stops_at_the_repository_root()
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", "[rules]\nXCFG0100 = \"off\"\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "repo", ".git"));
        dir.Write("repo/vm.cfg", Typo);

        var (code, output, _) = CliRunner.Run(Path.Combine(dir.Path, "repo"), "lint", "vm.cfg");

        Assert.Equal(0, code);
        Assert.StartsWith("vm.cfg(2,1): warning XCFG0100:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dialect_comes_from_the_config_and_the_command_line_overrides_it()
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", "dialect = \"xm\"\n");
        dir.Write("old.cfg", Python);

        var fromConfig = CliRunner.Run(dir.Path, "lint", "old.cfg");
        var overridden = CliRunner.Run(dir.Path, "lint", "old.cfg", "--dialect", "xl");

        Assert.Equal(0, fromConfig.ExitCode);
        Assert.StartsWith("old.cfg(1,8): warning XCFG0052:", fromConfig.Output, StringComparison.Ordinal);
        Assert.Equal(1, overridden.ExitCode);
        Assert.StartsWith("old.cfg(1,8): error XCFG0052:", overridden.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_under_configs_with_different_dialects_are_linted_together_each_in_its_dialect()
    {
        using var dir = LintSamples.Repository();
        dir.Write("new.cfg", Python);
        dir.Write("legacy/.xcfg.toml", "dialect = \"xm\"\n");
        dir.Write("legacy/old.cfg", Python.Replace("vm%d", "old%d", StringComparison.Ordinal));

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", ".");

        Assert.Equal(1, code);
        Assert.Contains("legacy/old.cfg(1,8): warning XCFG0052:", output, StringComparison.Ordinal);
        Assert.Contains("new.cfg(1,8): error XCFG0052:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_on_the_command_line_overrides_the_config()
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", "[rules]\nXCFG0100 = \"off\"\n");
        dir.Write("vm.cfg", Typo);

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "vm.cfg", "--rule", "xcfg0100=error");

        Assert.Equal(1, code);
        Assert.StartsWith("vm.cfg(2,1): error XCFG0100:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void No_config_ignores_config_files()
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", "[rules]\nXCFG0100 = \"error\"\n");
        dir.Write("vm.cfg", Typo);

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "vm.cfg", "--no-config");

        Assert.Equal(0, code);
        Assert.StartsWith("vm.cfg(2,1): warning XCFG0100:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_option_applies_one_file_to_every_input_instead_of_searching()
    {
        using var dir = LintSamples.Repository();
        dir.Write("sub/.xcfg.toml", "[rules]\nXCFG0100 = \"off\"\n");
        dir.Write("sub/vm.cfg", Typo);
        dir.Write("ci/strict.toml", "[rules]\nXCFG0100 = \"error\"\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "sub", "--config", "ci/strict.toml");

        Assert.Equal(1, code);
        Assert.StartsWith("sub/vm.cfg(2,1): error XCFG0100:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_warnings_in_the_config_fails_the_run_and_the_command_line_overrides_it()
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", "max-warnings = 0\n");
        dir.Write("vm.cfg", Typo);

        var fromConfig = CliRunner.Run(dir.Path, "lint", "vm.cfg");
        var overridden = CliRunner.Run(dir.Path, "lint", "vm.cfg", "--max-warnings", "1");

        Assert.Equal(1, fromConfig.ExitCode);
        Assert.EndsWith("0 errors, 1 warning (more than --max-warnings 0) in 1 file\n", fromConfig.Output, StringComparison.Ordinal);
        Assert.Equal(0, overridden.ExitCode);
        Assert.EndsWith("0 errors, 1 warning in 1 file\n", overridden.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dialect = \"xn\"\n", ".xcfg.toml(1,11): `dialect` is \"xl\" or \"xm\", not \"xn\"")]
    [InlineData("dialect = 1\n", ".xcfg.toml(1,11): `dialect` is a string (in quotes)")]
    [InlineData("dialect = xm\n", ".xcfg.toml(1,11): not valid TOML: Unexpected token `xm` for a value")]
    [InlineData("colour = true\n", ".xcfg.toml(1,1): unknown setting `colour`; the settings are `dialect`, `xen-version`, `max-warnings`, `max-file-size`, `include`, `exclude`, `rules`, `hosts`")]
    [InlineData("\n[rules]\nXCFG9999 = \"off\"\n", ".xcfg.toml(3,1): `XCFG9999` is not a diagnostic ID; run `xcfg explain` for the list")]
    [InlineData("[rules]\nXCFG0100 = \"of\"\n", ".xcfg.toml(2,12): `XCFG0100`: the severity is one of error, warning, info, hint, off, not \"of\"")]
    [InlineData("[rules.XCFG0100]\nlevel = \"off\"\n", ".xcfg.toml(2,1): `[rules]` maps diagnostic IDs to severities: `XCFG0183 = \"off\"`")]
    [InlineData("[[rules]]\n", ".xcfg.toml(1,1): `[[rules]]`: arrays of tables mean nothing here; write `[rules]` or `[hosts]`")]
    [InlineData("max-warnings = -1\n", ".xcfg.toml(1,16): `max-warnings` is a whole number, 0 or more")]
    [InlineData("include = \"*.cfg\"\n", ".xcfg.toml(1,11): `include` is a list of patterns: `[\"*.cfg\"]`")]
    [InlineData("exclude = [\"ok/\", \"a/**b\"]\n", ".xcfg.toml(1,19): `a/**b`: `**` must be a whole path segment (`**/x`, `a/**/b`, `a/**`)")]
    [InlineData("dialect = \"xl\"\ndialect = \"xm\"\n", ".xcfg.toml(2,1): not valid TOML: The key `dialect` is already defined at (1,1) with `dialect = \"xl\"` and cannot be redefined")]
    public void A_bad_config_is_a_usage_error_naming_file_line_and_column(string config, string expected)
    {
        using var dir = LintSamples.Repository();
        dir.Write(".xcfg.toml", config);
        dir.Write("vm.cfg", "name = 'vm'\n");

        var (code, output, error) = CliRunner.Run(dir.Path, "lint", "vm.cfg");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"xcfg: bad config file {expected}\n", error);
    }

    [Fact]
    public void A_missing_config_file_is_a_usage_error()
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", "name = 'vm'\n");

        var (code, _, error) = CliRunner.Run(dir.Path, "lint", "vm.cfg", "--config", "nope.toml");

        Assert.Equal(2, code);
        Assert.StartsWith("xcfg: bad config file nope.toml: cannot be read: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--config", "x.toml", "--no-config")]
    [InlineData("--rule", "XCFG0100")]
    [InlineData("--rule", "XCFG9999=off")]
    [InlineData("--rule", "XCFG0100=loud")]
    [InlineData("--max-warnings", "-1")]
    [InlineData("--format", "xml")]
    [InlineData("--include", "a/**b")]
    public void Bad_options_are_usage_errors(params string[] options)
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", "name = 'vm'\n");

        var (code, output, error) = CliRunner.Run(dir.Path, ["lint", "vm.cfg", .. options]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("xcfg", error, StringComparison.Ordinal);
    }
}
