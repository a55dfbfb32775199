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
            "},\n" +
            "\"domain\": {\"name\": \"vm2\", \"type\": \"pv\"},\n" +
            "\"disks\": [\n" +
            "  {\"error\": \"xl refuses a disk without a virtual device (\\\"no vdev specified\\\"). Add the guest device name, e.g. `vdev=xvda` or as the third positional parameter (`/path,,xvda`).\"}\n" +
            "],\n" +
            "\"vifs\": [\n" +
            "],\n" +
            "\"kernel\": {\"xl\": \"a b\", \"xm\": \"a b\"}}\n",
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
    public void Output_starts_with_exactly_what_xl_reads_for_every_real_world_file_xl_accepts()
    {
        Corpus.Require();

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

            // The oracle's text is the start of ours; the model follows it.
            Assert.Equal(0, code);
            var oracleJson = expected["OK\n".Length..];
            Assert.StartsWith(oracleJson[..^"}}\n".Length] + "},\n\"domain\": ", output, StringComparison.Ordinal);
            checkedFiles++;
        }

        Assert.True(checkedFiles >= 130, $"only {checkedFiles} oracle files checked");
    }

    [Theory]
    [InlineData(new[] { "/dev/vg/guest-volume,,hda" }, "{\"pdev_path\":\"/dev/vg/guest-volume\",\"vdev\":\"hda\",\"format\":\"raw\",\"readwrite\":1}")]
    [InlineData(new[] { "format=raw", "vdev=hdc", "access=ro", "devtype=cdrom", "target=/root/image.iso" }, "{\"pdev_path\":\"/root/image.iso\",\"vdev\":\"hdc\",\"format\":\"raw\",\"removable\":1,\"is_cdrom\":1}")]
    public void Disk_specs_are_interpreted_as_xl_block_attach_does(string[] specs, string expected)
    {
        using var dir = new TempDirectory();
        var args = new List<string> { "inspect" };
        foreach (var spec in specs)
        {
            args.Add("--disk");
            args.Add(spec);
        }

        var (code, output, _) = CliRunner.Run(dir.Path, [.. args]);

        Assert.Equal(0, code);
        Assert.Equal(expected + "\n", output);
    }

    [Fact]
    public void A_disk_spec_xl_refuses_exits_1_with_the_reason()
    {
        using var dir = new TempDirectory();

        var (code, output, error) = CliRunner.Run(dir.Path, "inspect", "--disk", "/dev/sda1,xvda,w");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith("xcfg: disk spec refused: ", error, StringComparison.Ordinal);
        Assert.Contains("/dev/sda1,,xvda,w", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Every_row_of_the_xl_disk_oracle_agrees()
    {
        Corpus.Require();

        var rows = File.ReadAllLines(Path.Combine(Corpus.Oracle, "disk-cases.tsv")).Skip(1).Where(line => line.Length > 0).ToList();
        foreach (var row in rows)
        {
            var columns = row.Split('\t');
            var specs = columns[0].StartsWith('[') ? System.Text.Json.JsonSerializer.Deserialize<string[]>(columns[0])! : [columns[0]];
            var args = new List<string> { "inspect" };
            foreach (var spec in specs)
            {
                args.Add("--disk");
                args.Add(spec);
            }

            var (code, output, _) = CliRunner.Run(Corpus.Root!, [.. args]);

            Assert.True(int.Parse(columns[1], System.Globalization.CultureInfo.InvariantCulture) == code, $"{columns[0]}: exit {code}");
            Assert.Equal(columns[2], output.TrimEnd('\n'));
        }

        Assert.Equal(100, rows.Count);
    }
}
