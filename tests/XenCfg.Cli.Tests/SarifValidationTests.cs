using System.Text.Json;
using XenCfg.Cli.Tests.TestSupport;
using XenCfg.TestKit;
using Xunit.Abstractions;

namespace XenCfg.Cli.Tests;

/// <summary>Installs Microsoft's SARIF validator once (npm ci in tests/sarif-validate, from its committed lock file).</summary>
public sealed class SarifValidator
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private readonly Lazy<string> _folder = new(Install);

    /// <summary>The folder holding the installed validator (skips or fails the test when npm is missing).</summary>
    public string Folder => _folder.Value;

    private static string Install()
    {
        var npm = HostTools.Require("npm", "SARIF output is checked with Microsoft's validator from npm (@microsoft/sarif-multitool)");
        var folder = Path.Combine(HostTools.RepositoryRoot(), "tests", "sarif-validate");
        var (code, output) = HostTools.Run(npm, ["ci", "--no-audit", "--no-fund"], folder, InstallTimeout);
        Assert.True(code == 0, $"npm ci in {folder} failed ({code}):\n{output}");
        return folder;
    }
}

/// <summary>
/// `--format sarif` output checked by Microsoft's own validator (`sarif-multitool validate`: the SARIF 2.1.0 schema
/// plus Microsoft's rules). Errors and warnings fail the test; the validator's notes (no version-control provenance,
/// plain message text rather than message ids, a schema URI it cannot fetch offline) are accepted and printed.
/// </summary>
public sealed class SarifValidationTests(SarifValidator validator, ITestOutputHelper log) : IClassFixture<SarifValidator>
{
    private static readonly TimeSpan ValidateTimeout = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public void The_multi_file_report_with_related_locations_is_valid_sarif()
    {
        using var dir = LintSamples.MultiFile();

        AssertValid(dir, "lint", ".", "--format", "sarif", "--output", "report.sarif");
    }

    [SkippableFact]
    public void A_report_with_unreadable_files_absolute_uris_and_every_level_is_valid_sarif()
    {
        using var outside = LintSamples.Repository();
        var far = outside.Write("far away.cfg", "name = 'far'\nmemroy = 1\nvif = [ 'bridge=xenbr0' ]\n");
        using var dir = LintSamples.MultiFile();
        dir.Write(".xcfg.toml", "[rules]\nXCFG0100 = \"hint\"\n");

        AssertValid(dir, "lint", ".", far, "missing.cfg", "--format", "sarif", "--output", "report.sarif");
    }

    [SkippableFact]
    public void A_clean_report_is_valid_sarif()
    {
        using var dir = LintSamples.Repository();
        dir.Write("vm.cfg", LintSamples.Clean);

        AssertValid(dir, "lint", "vm.cfg", "--format", "sarif", "--output", "report.sarif");
    }

    [SkippableFact]
    public void The_check_itself_catches_a_broken_log()
    {
        using var dir = LintSamples.MultiFile();
        CliRunner.Run(dir.Path, "lint", ".", "--format", "sarif", "--output", "report.sarif");
        var report = Path.Combine(dir.Path, "report.sarif");
        File.WriteAllText(report, File.ReadAllText(report).Replace("\"startColumn\": 10", "\"startColumn\": 0", StringComparison.Ordinal).Replace("\"ruleIndex\": 3", "\"ruleIndex\": 9", StringComparison.Ordinal));

        var problems = Validate(dir, report);

        Assert.Contains(problems, problem => problem.StartsWith("JSON1008", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("SARIF1009", StringComparison.Ordinal));
    }

    private void AssertValid(TempDirectory dir, params string[] args)
    {
        CliRunner.Run(dir.Path, args);
        var report = Path.Combine(dir.Path, "report.sarif");
        Assert.True(File.Exists(report), "xcfg wrote no report");

        var problems = Validate(dir, report);

        Assert.True(problems.Count == 0, "the validator found problems:\n" + string.Join('\n', problems));
    }

    /// <summary>The validator's errors and warnings about <paramref name="report"/>, as "RULE: arguments".</summary>
    private List<string> Validate(TempDirectory dir, string report)
    {
        var folder = validator.Folder;
        var npx = HostTools.Require("npx", "npx runs the SARIF validator");
        var results = Path.Combine(dir.Path, $"validation-{Guid.NewGuid():N}.sarif");

        var (code, output) = HostTools.Run(npx, ["sarif-multitool", "validate", "--output", results, report], folder, ValidateTimeout);
        log.WriteLine(output);

        Assert.True(code == 0, $"sarif-multitool validate exited {code}:\n{output}");
        using var validation = JsonDocument.Parse(File.ReadAllText(results));
        return validation.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(result => result.TryGetProperty("level", out var level) && level.GetString() is "error" or "warning")
            .Select(result => $"{result.GetProperty("ruleId").GetString()}: {string.Join(", ", result.GetProperty("message").GetProperty("arguments").EnumerateArray())}")
            .ToList();
    }
}
