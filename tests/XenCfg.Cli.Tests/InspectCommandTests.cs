using XenCfg.TestKit;

namespace XenCfg.Cli.Tests;

public class InspectCommandTests
{
    [Fact]
    public void Json_lists_settings_in_file_order_and_effective_values_in_the_oracle_layout()
    {
        using var dir = new TempDirectory();
        dir.Write("vm.cfg", "name = 'vm1'\nmemory = 0x200\nextra = 'a'\nextra += ' b'\ndisk = [ 'x',\n  [ 'y' ] ]\nname = \"vm2\"\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "inspect", "vm.cfg", "--json");

        Assert.Equal(0, code);
        Assert.Equal(
            "{\"settings\": [\n" +
            "  {\"line\": 1, \"name\": \"name\", \"op\": \"=\", \"value\": \"vm1\"},\n" +
            "  {\"line\": 2, \"name\": \"memory\", \"op\": \"=\", \"value\": \"0x200\"},\n" +
            "  {\"line\": 3, \"name\": \"extra\", \"op\": \"=\", \"value\": \"a\"},\n" +
            "  {\"line\": 4, \"name\": \"extra\", \"op\": \"+=\", \"value\": \" b\"},\n" +
            "  {\"line\": 5, \"name\": \"disk\", \"op\": \"=\", \"value\": [\"x\",[\"y\"]]},\n" +
            "  {\"line\": 7, \"name\": \"name\", \"op\": \"=\", \"value\": \"vm2\"}\n" +
            "],\n\"effective\": {\n" +
            "  \"name\": \"vm2\",\n" +
            "  \"memory\": \"0x200\",\n" +
            "  \"extra\": \"a b\",\n" +
            "  \"disk\": [\"x\",[\"y\"]]\n" +
            "}}\n",
            output);
    }

    [Fact]
    public void A_file_xl_cannot_read_exits_1_with_its_errors()
    {
        using var dir = new TempDirectory();
        dir.Write("vm.cfg", "memory = 256 * 2\n");

        var (code, output, _) = CliRunner.Run(dir.Path, "inspect", "vm.cfg", "--json");

        Assert.Equal(1, code);
        Assert.Equal(
            "{\"errors\": [\n  {\"line\": 1, \"column\": 10, \"id\": \"XCFG0051\", \"message\": \"Python expression `256 * 2`: xl cannot compute values; write the result\"}\n]}\n",
            output);
    }

    [Fact]
    public void Under_the_xm_dialect_the_exit_code_still_says_whether_xl_can_read_the_file()
    {
        using var dir = new TempDirectory();
        dir.Write("vm.cfg", "acpi = True\n");

        var (code, _, _) = CliRunner.Run(dir.Path, "inspect", "--dialect", "xm", "vm.cfg", "--json");

        Assert.Equal(1, code);
    }

    [SkippableFact]
    public void Output_is_identical_to_xl_for_every_real_world_file_xl_accepts()
    {
        Skip.If(Corpus.Root is null, Corpus.SkipReason);

        var checkedFiles = 0;
        foreach (var oracle in Directory.EnumerateFiles(Path.Combine(Corpus.Oracle, "cfg"), "*.out", SearchOption.AllDirectories))
        {
            var expected = File.ReadAllText(oracle);
            if (!expected.StartsWith("OK\n", StringComparison.Ordinal))
            {
                continue;
            }

            var relative = Path.GetRelativePath(Path.Combine(Corpus.Oracle, "cfg"), oracle)[..^".out".Length];
            var (code, output, _) = CliRunner.Run(Corpus.RealWorld, "inspect", relative, "--json");

            Assert.Equal(0, code);
            Assert.Equal(expected["OK\n".Length..], output);
            checkedFiles++;
        }

        Assert.True(checkedFiles >= 130, $"only {checkedFiles} oracle files checked");
    }
}
