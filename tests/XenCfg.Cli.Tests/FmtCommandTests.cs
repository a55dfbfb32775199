using System.Text;
using XenCfg.TestKit;

namespace XenCfg.Cli.Tests;

public class FmtCommandTests
{
    [Fact]
    public void The_repository_samples_are_formatted_already_alignment_included()
    {
        var samples = Path.Combine(TestSupport.HostTools.RepositoryRoot(), "tests", "samples");
        string[] readable = ["hvm-guest.cfg", "nfs-root-xm.cfg", "pv-guest.cfg", "web-a.cfg", "web-b.cfg"];

        var (code, output, error) = CliRunner.Run(samples, ["fmt", "--check", .. readable]);
        var (xmCode, xmOutput, _) = CliRunner.Run(samples, "fmt", "--check", "--dialect", "xm", "xm-python.cfg");

        Assert.Equal((0, string.Empty, string.Empty), (code, output, error));
        Assert.Equal((0, string.Empty), (xmCode, xmOutput));
    }

    [Fact]
    public void Formatting_rewrites_only_blanks_and_keeps_bytes_that_are_not_utf8()
    {
        using var dir = new TempDirectory();
        byte[] latin1Comment = [.. "# caf"u8, 0xE9, .. " \xff\r\n"u8];
        byte[] original = [.. latin1Comment, .. "name='vm1'   \ndisk=['phy:/dev/vg/a,xvda,w']\n"u8];
        var path = dir.WriteBytes("vm.cfg", original);

        var (code, output, error) = CliRunner.Run(dir.Path, "fmt", "vm.cfg");

        Assert.Equal(0, code);
        Assert.Equal("vm.cfg: reformatted\n", output);
        Assert.Empty(error);
        byte[] expected = [.. latin1Comment, .. "name = 'vm1'\ndisk = [ 'phy:/dev/vg/a,xvda,w' ]\n"u8];
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void Check_lists_unformatted_files_and_changes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("vm.cfg", "name='vm1'\n");
        dir.Write("ok.cfg", "name = 'ok'\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "fmt", "--check", ".");

        Assert.Equal(1, code);
        Assert.Equal("vm.cfg: would be reformatted\n", output);
        Assert.Equal("name='vm1'\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_file_with_syntax_errors_is_refused_and_left_alone()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.cfg", "name = 'vm1\nmemory=1\n");

        var (code, _, error) = CliRunner.Run(dir.Path, "fmt", "bad.cfg");

        Assert.Equal(2, code);
        Assert.Equal("bad.cfg: error: not formatted, it has syntax errors (see `xcfg lint bad.cfg`)\n", error);
        Assert.Equal("name = 'vm1\nmemory=1\n", File.ReadAllText(path));
    }

    [Fact]
    public void Standard_input_is_formatted_to_standard_output()
    {
        using var dir = new TempDirectory();

        var (code, output, _) = CliRunner.Run(dir.Path, Encoding.UTF8.GetBytes("a=1\n"), "fmt", "-");

        Assert.Equal(0, code);
        Assert.Equal("a = 1\n", output);
    }
}
