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
    public void A_bad_project_configuration_or_no_config_at_all_is_an_error_that_changes_nothing()
    {
        Config();
        _directory.Write(".xcfg.toml", "dialect = \"xq\"\n");
        Directory.CreateDirectory(Path.Combine(_directory.Path, "empty"));

        Assert.Equal((ProvisionExitCodes.Error, "", "xcfg provision: bad config file .xcfg.toml(1,11): `dialect` is \"xl\" or \"xm\", not \"xq\"\n"), Xcfg("provision", "--apply", "--journal", "j", "vm1.cfg"));
        Assert.Equal((ProvisionExitCodes.Error, "", "xcfg provision: no config files found in empty\n"), Xcfg("provision", "--no-config", "empty"));
        Assert.False(File.Exists(Path.Combine(_directory.Path, "vm1.img")));
        Assert.False(File.Exists(Path.Combine(_directory.Path, "j")));
    }

    [Fact]
    public void A_config_without_annotations_has_nothing_to_do()
    {
        _directory.Write("plain.cfg", "name = \"plain\"\ndisk = [ 'phy:/dev/vg/root,xvda,w' ]\n");

        var (code, output, _) = Xcfg("provision", "plain.cfg");

        Assert.Equal(ProvisionExitCodes.Success, code);
        Assert.Equal(
            "Nothing to provision: no disk or NFS root of these configs carries a `# xcfg:` annotation.\n" +
            "note: " + Path.Combine(_directory.Path, "plain.cfg") + ": disk xvda (/dev/vg/root) has no `# xcfg:` annotation; left alone\n\n" +
            "Plan: 0 to create, 0 unchanged, 0 refused.\n",
            output);
    }

    [Fact]
    public void Plan_then_apply_then_nothing_to_do_all_exit_0_so_and_chains_work()
    {
        var config = Config();
        var journal = Path.Combine(_directory.Path, "journal.jsonl");

        Assert.Equal(0, Xcfg("provision", "vm1.cfg").Code);
        Assert.False(File.Exists(Path.Combine(_directory.Path, "vm1.img")));
        var applied = Xcfg("provision", "--apply", "--journal", "journal.jsonl", "vm1.cfg");
        Assert.Equal(0, applied.Code);
        Assert.Contains("Applied: 1 created.", applied.Output, StringComparison.Ordinal);
        Assert.Contains($"journal: {journal}", applied.Output, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(journal).Length);
        Assert.Equal("600", Convert.ToString((int)File.GetUnixFileMode(journal), 8));
        Assert.Equal(0, Xcfg("provision", "--apply", "--journal", "journal.jsonl", config).Code);
    }

    [Fact]
    public void Detailed_exit_code_tells_changes_from_nothing_to_do_as_terraform_does()
    {
        Config();

        Assert.Equal(ProvisionExitCodes.Changes, Xcfg("provision", "--detailed-exitcode", "vm1.cfg").Code);
        Assert.Equal(ProvisionExitCodes.Changes, Xcfg("provision", "--detailed-exitcode", "--apply", "--journal", "j", "vm1.cfg").Code);
        Assert.Equal(ProvisionExitCodes.Success, Xcfg("provision", "--detailed-exitcode", "--apply", "--journal", "j", "vm1.cfg").Code);
        Assert.Equal(ProvisionExitCodes.Success, Xcfg("provision", "--detailed-exitcode", "vm1.cfg").Code);
    }

    [Fact]
    public void After_double_dash_a_name_starting_with_a_dash_is_a_file()
    {
        _directory.Write("-x.cfg", $"name = \"vm1\"\ndisk = [ 'file:{_directory.Path}/vm1.img,xvda,w' ]  # xcfg: size=8M\n");

        var (code, output, error) = Xcfg("provision", "--", "-x.cfg");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.StartsWith("+ image  " + Path.Combine(_directory.Path, "vm1.img") + " — 8M sparse file, mode 0600  [-x.cfg:2 xvda]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void After_double_dash_a_missing_file_is_no_such_file_and_before_it_a_dash_word_is_an_unknown_option()
    {
        _directory.Write("-x.cfg", "name = \"vm1\"\n");

        Assert.Equal((ProvisionExitCodes.Error, "-y.cfg: error: no such file\n"), Pick(Xcfg("provision", "--", "-y.cfg")));
        // Even when a file of that name exists: without `--` it is an option this command does not have.
        Assert.Equal(
            (ProvisionExitCodes.Usage, "xcfg provision: unknown option '-x.cfg' (to name a file that starts with '-', write ./-x.cfg or put it after `--`)\nRun 'xcfg --help' for usage.\n"),
            Pick(Xcfg("provision", "-x.cfg")));

        static (int, string) Pick((int Code, string Output, string Error) result) => (result.Code, result.Error);
    }

    [Fact]
    public void A_journal_that_is_a_symbolic_link_is_never_followed_and_nothing_is_changed()
    {
        Config();
        var victim = _directory.Write("victim.img", "precious data\n");
        File.CreateSymbolicLink(Path.Combine(_directory.Path, "xcfg-provision.journal"), victim);

        var (code, output, error) = Xcfg("provision", "--apply", "--journal", "xcfg-provision.journal", "vm1.cfg");

        Assert.Equal(ProvisionExitCodes.Error, code);
        Assert.Equal($"xcfg provision: cannot open the journal: {Path.Combine(_directory.Path, "xcfg-provision.journal")} is a symbolic link; it is never followed: name the file itself; nothing was changed\n", error);
        Assert.DoesNotContain("internal error", output + error, StringComparison.Ordinal);
        Assert.Equal("precious data\n", File.ReadAllText(victim));
        Assert.False(File.Exists(Path.Combine(_directory.Path, "vm1.img")), "nothing is created without a journal");
    }

    [Theory]
    [InlineData("journal-dir", "is a directory; name a file")]
    [InlineData("victim.img", "exists and is not an xcfg journal (it does not begin with a journal entry), and it is never appended to; choose another --journal")]
    [InlineData("no/such/dir/journal", "the directory of")]
    [InlineData("hardlink.journal", "has 2 hard links (it is also another file); name a file of its own")]
    [InlineData("/dev/full", "/dev/full is not a regular file")]
    public void A_journal_that_cannot_be_a_journal_is_a_clear_error_and_nothing_is_changed(string journal, string message)
    {
        Config();
        Directory.CreateDirectory(Path.Combine(_directory.Path, "journal-dir"));
        var victim = _directory.Write("victim.img", "precious data\n");
        File.WriteAllText(Path.Combine(_directory.Path, "empty.journal"), string.Empty);
        var other = _directory.Write("other.img", "other data\n");
        Assert.Equal(0, Commands.Run("ln", other, Path.Combine(_directory.Path, "hardlink.journal")).ExitCode);

        var (code, output, error) = Xcfg("provision", "--apply", "--journal", journal, "vm1.cfg");

        Assert.Equal(ProvisionExitCodes.Error, code);
        Assert.StartsWith("xcfg provision: cannot open the journal: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.EndsWith("; nothing was changed\n", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", output + error, StringComparison.Ordinal);
        Assert.Equal("precious data\n", File.ReadAllText(victim));
        Assert.False(File.Exists(Path.Combine(_directory.Path, "vm1.img")));
    }

    [Theory]
    [InlineData("--allow-system-path", "etc", "xcfg provision: --allow-system-path: the path `etc` is relative; write an absolute path (what a relative path means depends on the directory a tool runs in)\n")]
    [InlineData("--allow-system-path", "/srv/nfs/vm1", "xcfg provision: --allow-system-path /srv/nfs/vm1: not a system directory xcfg provision refuses (see docs/provisioning.md)\n")]
    [InlineData("--size", "8E", "xcfg provision: --size 8E: not a size a disk can have; write a number and a unit, e.g. 512M or 2G (at most 8E less one byte)\n")]
    public void Bad_option_values_are_usage_errors(string option, string value, string message)
    {
        Config();

        var (code, output, error) = Xcfg("provision", option, value, "vm1.cfg");

        Assert.Equal((ProvisionExitCodes.Usage, string.Empty, message), (code, output, error));
    }

    [Fact]
    public void Size_and_fs_on_the_command_line_replace_the_annotations()
    {
        Config("fs=ext4");

        var (code, output, _) = Xcfg("provision", "--size", "16M", "--fs", "none", "vm1.cfg");

        Assert.Equal(0, code);
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
