using XenCfg.Cli;
using XenCfg.Provisioning.Tests.Support;
using XenCfg.TestKit;

namespace XenCfg.Provisioning.Tests;

/// <summary>`xcfg provision` through the command line: its own exit codes, 64 for usage errors.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _directory = new("xcfg-provision-cli");

    public void Dispose() => _directory.Dispose();

    private (int Code, string Output, string Error) Xcfg(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = XcfgApp.Run(args, new CliConsole(output, error, () => new MemoryStream(), outputIsTerminal: false, _directory.Path));
        return (code, output.ToString(), error.ToString());
    }

    private string Config(string annotation = "size=8M") =>
        _directory.Write("vm1.cfg", $"name = \"vm1\"\ndisk = [ 'file:{_directory.Path}/vm1.img,xvda,w' ]  # xcfg: {annotation}\n");

    [Theory]
    [InlineData("provision")]
    [InlineData("provision", "--format", "xml", "vm1.cfg")]
    [InlineData("provision", "--apply", "--format", "sh", "vm1.cfg")]
    [InlineData("provision", "--size", "2GB", "vm1.cfg")]
    [InlineData("provision", "--fs", "xfs", "vm1.cfg")]
    [InlineData("provision", "--exports-dir", "exports.d", "vm1.cfg")]
    [InlineData("provision", "--bogus", "vm1.cfg")]
    public void Usage_errors_exit_64(params string[] args)
    {
        Config();

        var (code, output, error) = Xcfg(args);

        Assert.Equal(ProvisionExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Other_commands_keep_their_usage_exit_code() => Assert.Equal(ExitCodes.UsageOrIo, Xcfg("lint", "--dialect", "xq", "x.cfg").Code);

    [Fact]
    public void A_missing_file_is_an_error()
    {
        var (code, _, error) = Xcfg("provision", "missing.cfg");

        Assert.Equal(ProvisionExitCodes.Error, code);
        Assert.Equal("missing.cfg: error: no such file\n", error);
    }

    [Fact]
    public void A_config_without_annotations_has_nothing_to_do()
    {
        _directory.Write("plain.cfg", "name = \"plain\"\ndisk = [ 'phy:/dev/vg/root,xvda,w' ]\n");

        var (code, output, _) = Xcfg("provision", "plain.cfg");

        Assert.Equal(ProvisionExitCodes.NothingToDo, code);
        Assert.Equal(
            "Nothing to provision: no disk or NFS root of these configs carries a `# xcfg:` annotation.\n" +
            "note: " + Path.Combine(_directory.Path, "plain.cfg") + ": disk xvda (/dev/vg/root) has no `# xcfg:` annotation; left alone\n\n" +
            "Plan: 0 to create, 0 unchanged, 0 refused.\n",
            output);
    }

    [Fact]
    public void Plan_then_apply_then_nothing_to_do()
    {
        var config = Config();
        var journal = Path.Combine(_directory.Path, "journal.jsonl");

        Assert.Equal(ProvisionExitCodes.Changes, Xcfg("provision", "vm1.cfg").Code);
        Assert.False(File.Exists(Path.Combine(_directory.Path, "vm1.img")));
        var applied = Xcfg("provision", "--apply", "--journal", "journal.jsonl", "vm1.cfg");
        Assert.Equal(ProvisionExitCodes.Changes, applied.Code);
        Assert.Contains($"journal: {journal}", applied.Output, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(journal).Length);
        Assert.Equal(ProvisionExitCodes.NothingToDo, Xcfg("provision", "--apply", "--journal", "journal.jsonl", config).Code);
    }

    [Fact]
    public void Size_and_fs_on_the_command_line_replace_the_annotations()
    {
        Config("fs=ext4");

        var (code, output, _) = Xcfg("provision", "--size", "16M", "--fs", "none", "vm1.cfg");

        Assert.Equal(ProvisionExitCodes.Changes, code);
        Assert.Contains("+ image  " + Path.Combine(_directory.Path, "vm1.img") + " — 16M sparse file, mode 0600  [vm1.cfg:2 xvda]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ext4", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_exits_3()
    {
        Config("fs=ext4");

        var (code, output, _) = Xcfg("provision", "vm1.cfg");

        Assert.Equal(ProvisionExitCodes.Refused, code);
        Assert.Contains("! disk  " + Path.Combine(_directory.Path, "vm1.img") + " — refused: line 2: the annotation gives no size for the image: xcfg provision has no default size; add size=, e.g. size=2G (XCFG0408)", output, StringComparison.Ordinal);
    }
}
