using System.Text;
using XenCfg.Cli.Tests.TestSupport;

namespace XenCfg.Cli.Tests;

/// <summary>Exit codes (0 clean, 1 errors or too many warnings, 2 usage or I/O) and suppressions, end to end.</summary>
public class LintExitCodeTests
{
    private const string TwoWarnings = "name = 'vm'\nmemroy = 512\nvcpu = 2\n";

    [Theory]
    [InlineData(null, 0)]
    [InlineData("2", 0)]
    [InlineData("1", 1)]
    [InlineData("0", 1)]
    public void Max_warnings_fails_the_run_only_when_there_are_more_warnings(string? limit, int expected)
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", TwoWarnings);
        string[] args = limit is null ? ["lint", "vm.cfg"] : ["lint", "vm.cfg", "--max-warnings", limit];

        var (code, output, _) = CliRunner.Run(dir.Path, args);

        Assert.Equal(expected, code);
        Assert.EndsWith(expected == 1 ? $"2 warnings (more than --max-warnings {limit}) in 1 file\n" : "2 warnings in 1 file\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_exit_1_whatever_the_warning_limit()
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", "name = 'vm'\nmemory = 512M\n");

        var (code, _, _) = CliRunner.Run(dir.Path, "lint", "vm.cfg", "--max-warnings", "100");

        Assert.Equal(1, code);
    }

    [Fact]
    public void Notes_never_fail_the_run()
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", "name = 'vm'\nvif = [ 'bridge=xenbr0' ]\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "vm.cfg", "--max-warnings", "0");

        Assert.Equal(0, code);
        Assert.EndsWith("0 errors, 0 warnings, 1 note in 1 file\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_exits_2_even_with_errors_elsewhere()
    {
        using var dir = LintSamples.Repository();
        dir.Write("bad.cfg", "name = 'vm'\nmemory = 512M\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "bad.cfg", "missing.cfg", "--format", "github");

        Assert.Equal(2, code);
        Assert.Contains("::error file=missing.cfg,title=xcfg::no such file\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_output_file_exits_2()
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", "name = 'vm'\n");

        var (code, _, error) = CliRunner.Run(dir.Path, "lint", "vm.cfg", "--output", "no/such/dir/report.json", "--format", "json");

        Assert.Equal(2, code);
        Assert.StartsWith("xcfg: cannot write no/such/dir/report.json: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Suppressions_silence_findings_across_files_and_unused_ones_are_reported()
    {
        using var dir = LintSamples.MultiFile();
        var webA = Path.Combine(dir.Path, "web-a.cfg");
        File.WriteAllText(webA, File.ReadAllText(webA)
            .Replace("disk   = [", "# xcfg-disable-next-line XCFG0300\ndisk   = [", StringComparison.Ordinal)
            .Replace("vif    = [", "# xcfg-disable XCFG0306 XCFG0183\nvif    = [", StringComparison.Ordinal)
            + "# xcfg-enable\n# xcfg-disable-next-line XCFG0100\nvcpus = 2\n# xcfg-disable-next-line XCFG100\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "lint", "web-a.cfg", "web-b.cfg");

        Assert.Equal(1, code);
        Assert.Equal(
            "web-a.cfg(8,1): warning XCFG0901: this `xcfg-disable` comment suppresses nothing (XCFG0183 is not reported there): remove it, or correct the ID\n" +
            "web-a.cfg(11,1): warning XCFG0901: this `xcfg-disable-next-line` comment suppresses nothing (XCFG0100 is not reported there): remove it, or correct the ID\n" +
            "web-a.cfg(13,1): warning XCFG0902: `XCFG100` is not a diagnostic ID; run `xcfg explain` for the list\n" +
            "web-b.cfg(4,54): error XCFG0300: `/dev/vg/shared` is written by `web-b` here and also used by `web-a` (web-a.cfg): a disk written by one domain must not be used by any other (the old Xen manual: \"a sure fire way to cause irreparable damage\"); share it read-only, or use NFS or a cluster file system\n" +
            "    web-a.cfg(6,17): disk xvdb of `web-a` (written)\n" +
            "web-b.cfg(7,17): error XCFG0306: the MAC 00:16:3e:00:00:01 of `web-b` is also used by `web-a` (web-a.cfg): two NICs with one MAC on a network lose packets and DHCP leases; give each its own\n" +
            "    web-a.cfg(9,17): also in `web-a`\n" +
            "2 errors, 3 warnings in 2 files\n",
            output);
    }

    [Fact]
    public void A_suppression_comment_works_through_standard_input_too()
    {
        using var dir = LintSamples.Repository();
        var text = "name = 'vm'\n# xcfg-disable-next-line XCFG0100\nmemroy = 512\n";

        var (code, output, _) = CliRunner.Run(dir.Path, Encoding.UTF8.GetBytes(text), "lint", "-", "--stdin-filename", "vm.cfg", "--max-warnings", "0");

        Assert.Equal(0, code);
        Assert.Equal("0 errors, 0 warnings in 1 file\n", output);
    }
}
