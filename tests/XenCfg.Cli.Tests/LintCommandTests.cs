using XenCfg.TestKit;

namespace XenCfg.Cli.Tests;

public class LintCommandTests
{
    [Fact]
    public void Clean_file_exits_0_with_a_summary()
    {
        using var dir = new TempDirectory();
        dir.Write("vm1.cfg", "name = \"vm1\"\nmemory = 512\n");

        var (code, output, error) = CliRunner.Run(dir.Path, "lint", "vm1.cfg");

        Assert.Equal(0, code);
        Assert.Equal("0 errors, 0 warnings in 1 file\n", output);
        Assert.Empty(error);
    }

    [Fact]
    public void Syntax_errors_are_reported_as_path_line_column_and_exit_1()
    {
        using var dir = new TempDirectory();
        dir.Write("vm1.cfg", "name = \"vm1\"\nmemory = 512M\nvcpus = 2 maxvcpus = 4\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "vm1.cfg");

        Assert.Equal(1, code);
        Assert.Equal(
            "vm1.cfg(2,10): error XCFG0060: `512M` is not a number xl can read: a unit suffix is not part of an xl number; write the plain number in the setting's unit (memory and maxmem are in MiB: `512`)\n" +
            "vm1.cfg(3,11): error XCFG0014: a second setting starts on the same line: put `;` before it or start a new line\n" +
            "2 errors, 0 warnings in 1 file\n",
            output);
    }

    [Fact]
    public void Python_under_the_xm_dialect_is_a_warning_and_exits_0()
    {
        using var dir = new TempDirectory();
        dir.Write("old.cfg", "name = \"vm%d\" % vmid\n");

        var xl = CliRunner.Run(dir.Path, "lint", "old.cfg");
        var xm = CliRunner.Run(dir.Path, "lint", "--dialect", "xm", "old.cfg");

        Assert.Equal(1, xl.ExitCode);
        Assert.Contains("old.cfg(1,8): error XCFG0052: Python string formatting", xl.Output, StringComparison.Ordinal);
        Assert.Equal(0, xm.ExitCode);
        Assert.Contains("old.cfg(1,8): warning XCFG0052: Python string formatting", xm.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Directories_are_searched_recursively_for_config_files()
    {
        using var dir = new TempDirectory();
        dir.Write("etc/xen/a.cfg", "name = \"a\"\n");
        dir.Write("etc/xen/sub/b.xl", "name = 'b'\nName = 'b'\n");
        dir.Write("etc/xen/xl.conf", "autoballoon = 'off'\n");
        dir.Write("etc/xen/notes.txt", "not a config\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "etc/xen");

        Assert.Equal(1, code);
        Assert.StartsWith("etc/xen/sub/b.xl(2,1): error XCFG0010:", output, StringComparison.Ordinal);
        Assert.EndsWith("1 error, 0 warnings in 2 files\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_one_line_and_exit_2()
    {
        using var dir = new TempDirectory();
        dir.Write("ok.cfg", "name = 'ok'\n");

        var (code, output, error) = CliRunner.Run(dir.Path, "lint", "ok.cfg", "missing.cfg");

        Assert.Equal(2, code);
        Assert.Equal("missing.cfg: error: no such file\n0 errors, 0 warnings in 1 file, 1 file could not be read\n", output);
        Assert.Empty(error);
    }

    [Fact]
    public void Binary_file_is_refused_in_one_line()
    {
        using var dir = new TempDirectory();
        dir.WriteBytes("image.cfg", [0x7f, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1, 2]);

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "image.cfg");

        Assert.Equal(2, code);
        Assert.StartsWith("image.cfg: error: is a binary file (it contains NUL bytes), not a Xen config\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_without_configs_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        dir.Write("readme.txt", "nothing here\n");

        var (code, _, error) = CliRunner.Run(dir.Path, "lint", ".");

        Assert.Equal(2, code);
        Assert.StartsWith("xcfg: no config files found in .", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("lint", "--dialect", "python", "a.cfg")]
    [InlineData("frobnicate")]
    public void Usage_errors_exit_2_without_a_stack_trace(params string[] args)
    {
        using var dir = new TempDirectory();

        var (code, _, error) = CliRunner.Run(dir.Path, args);

        Assert.Equal(2, code);
        Assert.StartsWith("xcfg: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_executable_runs_as_a_separate_process()
    {
        using var dir = new TempDirectory();
        dir.Write("vm.cfg", "name = 'vm'\nmemory = -1\n");

        var (code, output, _) = CliRunner.RunProcess(dir.Path, "lint", "vm.cfg");

        Assert.Equal(1, code);
        Assert.StartsWith("vm.cfg(2,10): error XCFG0057:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_executable_reads_standard_input_and_writes_json()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".git"));

        var (code, output, error) = CliRunner.RunProcess(dir.Path, "name = 'vm'\nmemroy = 1\n"u8.ToArray(), "lint", "-", "--stdin-filename", "vm.cfg", "--format", "json", "--max-warnings", "0");

        Assert.Equal(1, code);
        Assert.Empty(error);
        Assert.Contains("\"file\": \"vm.cfg\",\n      \"line\": 2,", output, StringComparison.Ordinal);
        Assert.EndsWith("\"maxWarnings\": 0,\n    \"exitCode\": 1\n  }\n}\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_executable_finds_the_project_config_and_reports_a_bad_one_with_exit_2()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".git"));
        dir.Write("vm.cfg", "name = 'vm'\n");
        dir.Write(".xcfg.toml", "[rules]\nXCFG0100 = \"loud\"\n");

        var (code, output, error) = CliRunner.RunProcess(dir.Path, "lint", ".");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("xcfg: bad config file .xcfg.toml(2,12): `XCFG0100`: the severity is one of error, warning, info, hint, off, not \"loud\"\n", error);
    }

    [SkippableFact]
    public void Seed_scenarios_report_the_read_write_conflict_both_ways_and_no_conflict_for_the_read_only_share()
    {
        Corpus.Require();

        var (code, output, _) = CliRunner.Run(Corpus.SeedScenarios, "lint", ".", "--no-config", "--format", "json");

        Assert.Equal(1, code);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var crossFile = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Where(diagnostic => diagnostic.GetProperty("id").GetString()!.StartsWith("XCFG03", StringComparison.Ordinal))
            .Select(diagnostic => $"{diagnostic.GetProperty("file").GetString()} {diagnostic.GetProperty("id").GetString()} -> " +
                string.Join(",", diagnostic.GetProperty("related").EnumerateArray().Select(related => related.GetProperty("file").GetString())))
            .ToList();
        Assert.Contains("shared-rw-a.cfg XCFG0300 -> shared-rw-b.cfg", crossFile);
        Assert.Contains("shared-rw-b.cfg XCFG0300 -> shared-rw-a.cfg", crossFile);
        Assert.DoesNotContain(crossFile, line => line.Contains("shared-ro-ok.cfg", StringComparison.Ordinal));
    }
}
