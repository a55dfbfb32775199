using XenCfg.Cli.Output;
using XenCfg.Cli.Tests.TestSupport;
using XenCfg.TestKit;

namespace XenCfg.Cli.Tests;

/// <summary>
/// Every output format on the same three files, compared with reviewed baselines in Baselines/lint (rewrite them with
/// XCFG_UPDATE_BASELINES=1, then review the diff). The scratch directory's URI and the tool version are replaced by
/// placeholders, so the baselines do not depend on the machine or the release.
/// </summary>
public class LintFormatTests
{
    private static readonly string Baselines = Path.Combine(Baseline.SourceDirectory(), "Baselines", "lint");

    /// <summary>Each output format and its baseline file in Baselines/lint.</summary>
    public static TheoryData<string, string> Formats => new()
    {
        { "text", "multi-file.text.txt" },
        { "json", "multi-file.json" },
        { "sarif", "multi-file.sarif" },
        { "github", "multi-file.github.txt" },
    };

    [Fact]
    public void The_baseline_folder_holds_the_baseline_of_each_format_and_nothing_else() =>
        Baseline.AssertFolderHolds(Baselines, Formats.Select(row => (string)row[1]));

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_reports_the_multi_file_case_exactly(string format, string baseline)
    {
        using var dir = LintSamples.MultiFile();

        var (code, output, error) = CliRunner.Run(dir.Path, "lint", ".", "--format", format);

        Assert.Equal(1, code);
        Assert.Empty(error);
        Baseline.Verify(Path.Combine(Baselines, baseline), Normalise(output, dir.Path));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("github")]
    [InlineData("text")]
    public void Output_option_writes_the_same_report_to_a_file(string format)
    {
        using var dir = LintSamples.MultiFile();

        var toStdout = CliRunner.Run(dir.Path, "lint", ".", "--format", format);
        var toFile = CliRunner.Run(dir.Path, "lint", ".", "--format", format, "--output", "report.out");

        Assert.Equal(1, toFile.ExitCode);
        Assert.Empty(toFile.Output);
        Assert.Equal(toStdout.Output, File.ReadAllText(Path.Combine(dir.Path, "report.out")));
    }

    [Fact]
    public void Unreadable_files_are_in_the_json_document_and_on_standard_error()
    {
        using var dir = LintSamples.Repository();
        dir.Write("ok.cfg", LintSamples.Clean);

        var (code, output, error) = CliRunner.Run(dir.Path, "lint", "ok.cfg", "missing.cfg", "--format", "json");

        Assert.Equal(2, code);
        Assert.Contains("\"inputErrors\": [\n    {\n      \"file\": \"missing.cfg\",\n      \"message\": \"no such file\"\n    }\n  ]", output, StringComparison.Ordinal);
        Assert.Contains("\"exitCode\": 2", output, StringComparison.Ordinal);
        Assert.Equal("xcfg: missing.cfg: no such file\n", error);
    }

    [Fact]
    public void Sarif_gives_files_outside_the_current_directory_absolute_file_uris_and_reports_unreadable_files_as_notifications()
    {
        using var outside = LintSamples.Repository();
        var file = outside.Write("far.cfg", "name = 'far'\nmemroy = 1\n");
        using var here = LintSamples.Repository();

        var (code, output, _) = CliRunner.Run(here.Path, "lint", file, "missing.cfg", "--format", "sarif");

        Assert.Equal(2, code);
        Assert.Contains($"\"uri\": \"{new Uri(file).AbsoluteUri}\"", output, StringComparison.Ordinal);
        Assert.Contains("\"executionSuccessful\": false", output, StringComparison.Ordinal);
        Assert.Contains("\"text\": \"missing.cfg: no such file\"", output, StringComparison.Ordinal);
        Assert.Matches("\"uri\": \"missing.cfg\",\\s+\"uriBaseId\": \"%SRCROOT%\"", output);
    }

    [Fact]
    public void Json_replaces_bytes_that_are_not_utf8_with_the_replacement_character()
    {
        using var dir = LintSamples.Repository();
        dir.WriteBytes("latin1.cfg", [.. "name = 'vm'\nmemory = \"5"u8, 0xE9, .. "\"\n"u8]);

        var (_, output, _) = CliRunner.Run(dir.Path, "lint", "latin1.cfg", "--format", "json");

        Assert.Contains("`5\uFFFD` is not one", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100%\r\nsure", "100%25%0D%0Asure")]
    [InlineData("a,b:c", "a,b:c")]
    public void GitHub_messages_escape_percent_and_line_breaks(string message, string expected) =>
        Assert.Equal(expected, GitHubReporter.Data(message));

    [Theory]
    [InlineData("dir/a,b:c.cfg", "dir/a%2Cb%3Ac.cfg")]
    [InlineData("50%\n.cfg", "50%25%0A.cfg")]
    public void GitHub_properties_also_escape_commas_and_colons(string value, string expected) =>
        Assert.Equal(expected, GitHubReporter.Property(value));

    [Theory]
    [InlineData("Storage written by one domain and used by another", "StorageWrittenByOneDomainAndUsedByAnother")]
    [InlineData("Key with upper-case letters", "KeyWithUpperCaseLetters")]
    [InlineData("Sharing forced with w!", "SharingForcedWithW")]
    public void Sarif_rule_names_are_the_titles_in_pascal_case(string title, string expected) =>
        Assert.Equal(expected, SarifReporter.RuleName(title));

    [Fact]
    public void Text_on_a_terminal_shows_the_source_line_and_colour_unless_NO_COLOR()
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", "name = 'vm'\nmemroy = 1\n");

        var coloured = RunOnTerminal(dir.Path, useColour: true);
        var plain = RunOnTerminal(dir.Path, useColour: false);

        Assert.Contains("\u001b[33mwarning XCFG0100\u001b[0m", coloured, StringComparison.Ordinal);
        Assert.StartsWith(
            "vm.cfg(2,1): warning XCFG0100: `memroy` is not a key xl or xm knows; it is ignored without a word: did you mean `memory`?\n" +
            "2 | memroy = 1\n" +
            "  | ^^^^^^\n",
            plain,
            StringComparison.Ordinal);
    }

    internal static string Normalise(string output, string directory) =>
        output.Replace(new Uri(directory + "/").AbsoluteUri, "file:///SCRATCH/", StringComparison.Ordinal)
            .Replace($"\"version\": \"{ToolInfo.Version}\"", "\"version\": \"VERSION\"", StringComparison.Ordinal)
            .Replace($"\"semanticVersion\": \"{ToolInfo.Version}\"", "\"semanticVersion\": \"VERSION\"", StringComparison.Ordinal);

    private static string RunOnTerminal(string directory, bool useColour)
    {
        var output = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(output, new StringWriter(), () => new MemoryStream(), outputIsTerminal: true, directory, useColour);
        XcfgApp.Run(["lint", "vm.cfg"], console);
        return output.ToString();
    }
}
