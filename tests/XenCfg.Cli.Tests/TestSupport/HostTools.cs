using System.Diagnostics;

namespace XenCfg.Cli.Tests.TestSupport;

/// <summary>
/// Programs of the host that some tests need (node and npm for the SARIF validator, git and pre-commit for the hook
/// test). Such a test is skipped, with the reason shown, when its program is missing, except under
/// XCFG_REQUIRE_HOST_TESTS=1 (CI), where a missing program is a failure.
/// </summary>
internal static class HostTools
{
    public static bool Required => Environment.GetEnvironmentVariable("XCFG_REQUIRE_HOST_TESTS") == "1";

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The program's path; skips the test (or fails it under XCFG_REQUIRE_HOST_TESTS=1) when it is not on PATH.</summary>
    public static string Require(string name, string purpose)
    {
        var found = FindOnPath(name);
        if (found is null)
        {
            Assert.False(Required, $"{name} is not on PATH, and XCFG_REQUIRE_HOST_TESTS=1 requires this test to run ({purpose})");
            Skip.If(true, $"{name} is not on PATH: {purpose}");
        }

        return found!;
    }

    /// <summary>The repository root (the folder with XenCfgTools.sln) above the test binaries.</summary>
    public static string RepositoryRoot()
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

    /// <summary>Runs a program to the end (or kills it after <paramref name="timeout"/>), with standard output and error together.</summary>
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, string directory, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
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

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} {string.Join(' ', arguments)} timed out after {timeout}\n{stdout.Result}\n{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
