using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace XenCfg.LanguageServer.Tests;

/// <summary>
/// Runs the Node end-to-end test in tests/lsp-e2e: the real `xcfg lsp` process driven by VS Code's own protocol
/// client library. Skipped, with the reason shown, when node or npm is missing, except under
/// XCFG_REQUIRE_HOST_TESTS=1 (CI), where a missing tool is a failure.
/// </summary>
public sealed class EndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task Vscode_protocol_client_drives_the_real_server_through_open_edit_fix_and_exit()
    {
        var node = FindOnPath("node");
        var npm = FindOnPath("npm");
        var required = Environment.GetEnvironmentVariable("XCFG_REQUIRE_HOST_TESTS") == "1";
        if (node is null || npm is null)
        {
            var missing = node is null ? "node" : "npm";
            Assert.False(required, $"{missing} is not on PATH, and XCFG_REQUIRE_HOST_TESTS=1 requires the end-to-end test to run");
            Skip.If(true, $"{missing} is not on PATH: the end-to-end test of xcfg lsp with VS Code's client library needs Node.js");
        }

        var folder = Path.Combine(RepositoryRoot(), "tests", "lsp-e2e");
        var xcfg = Path.Combine(AppContext.BaseDirectory, "xcfg.dll");
        Assert.True(File.Exists(xcfg), $"{xcfg} was not built beside the tests");

        var install = await RunAsync(npm!, ["ci", "--no-audit", "--no-fund"], folder, [], NpmTimeout);
        Assert.True(install.ExitCode == 0, $"npm ci failed ({install.ExitCode}):\n{install.Output}");

        var started = Stopwatch.StartNew();
        var run = await RunAsync(node!, ["--test", "--test-reporter=spec"], folder, [("XCFG_PATH", xcfg)], TestTimeout);
        output.WriteLine(run.Output);
        output.WriteLine($"end-to-end test took {started.Elapsed.TotalSeconds:F1} s");
        Assert.True(run.ExitCode == 0, $"the end-to-end test failed ({run.ExitCode}):\n{run.Output}");

        // Every test the file declares ran and passed: none failed, was cancelled, skipped or left to do.
        var declared = Regex.Count(File.ReadAllText(Path.Combine(folder, "lsp.test.js")), @"^test\(", RegexOptions.Multiline);
        Assert.True(declared >= 2, $"lsp.test.js declares {declared} tests");
        Assert.Equal(
            [("tests", declared), ("pass", declared), ("fail", 0), ("cancelled", 0), ("skipped", 0), ("todo", 0)],
            NodeSummary(run.Output, "tests", "pass", "fail", "cancelled", "skipped", "todo"));
    }

    /// <summary>The counts node's spec reporter ends with ("ℹ pass 2"), in the order asked; a missing one fails.</summary>
    private static (string Name, int Count)[] NodeSummary(string output, params string[] names) =>
        [.. names.Select(name => Regex.Match(output, $@"^\u2139 {name} (\d+)$", RegexOptions.Multiline) is { Success: true } match
            ? (name, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            : throw new Xunit.Sdk.XunitException($"node's summary has no \"{name}\" line:\n{output}"))];

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "XenCfgTools.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (with XenCfgTools.sln) is not above " + AppContext.BaseDirectory);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, string directory, (string Name, string Value)[] environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
