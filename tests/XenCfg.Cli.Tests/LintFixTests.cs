using XenCfg.TestKit;

namespace XenCfg.Cli.Tests;

public class LintFixTests
{
    [Fact]
    public void Fix_applies_safe_fixes_in_place_and_reports_what_is_left()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("vm.cfg", "name = 'vm'\r\nvcpus = 2 maxvcpus = 4\r\nmemroy = 512\r\n");

        var (code, output, error) = CliRunner.Run(dir.Path, "lint", "--fix", "vm.cfg");

        Assert.Equal("name = 'vm'\nvcpus = 2 ;maxvcpus = 4\nmemroy = 512\n", File.ReadAllText(path));
        Assert.Equal("vm.cfg: fixed 2 problems\nxcfg: fixed 2 problems in 1 file\n", error);
        Assert.Equal(0, code);
        Assert.Contains("vm.cfg(3,1): warning XCFG0100: `memroy` is not a key xl or xm knows", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsafe_fixes_also_change_behaviour()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("vm.cfg", "name = 'vm'\nmemroy = 512\ndisk = [ 'phy:/dev/vg/a,xvda,w!' ]\n");

        var (code, _, error) = CliRunner.Run(dir.Path, "lint", "--fix", "--unsafe-fixes", "vm.cfg");

        Assert.Equal("name = 'vm'\nmemory = 512\ndisk = [ 'phy:/dev/vg/a,xvda,w' ]\n", File.ReadAllText(path));
        Assert.Equal(0, code);
        Assert.EndsWith("xcfg: fixed 2 problems in 1 file\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_file_is_not_rewritten()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("vm.cfg", "name='vm'\n");
        var before = File.GetLastWriteTimeUtc(path);

        var (code, _, error) = CliRunner.Run(dir.Path, "lint", "--fix", "vm.cfg");

        Assert.Equal(0, code);
        Assert.Equal("xcfg: fixed 0 problems in 0 files\n", error);
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
        Assert.Equal("name='vm'\n", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("--unsafe-fixes", "vm.cfg")]
    [InlineData("--fix", "-")]
    public void Fix_misuse_is_a_usage_error(params string[] args)
    {
        using var dir = new TempDirectory();
        dir.Write("vm.cfg", "name = 'vm'\n");

        var (code, _, error) = CliRunner.Run(dir.Path, ["lint", .. args]);

        Assert.Equal(2, code);
        Assert.StartsWith("xcfg lint: ", error, StringComparison.Ordinal);
    }
}
