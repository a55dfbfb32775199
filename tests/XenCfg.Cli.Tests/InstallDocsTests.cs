using XenCfg.Cli.Tests.TestSupport;
using XenCfg.TestKit;
using Xunit.Abstractions;

namespace XenCfg.Cli.Tests;

/// <summary>
/// One way to install xcfg, written the same everywhere a user may read it, and working as written: the commands of
/// docs/cli.md are run, as a script, in a clean clone of this repository's committed state (HEAD) with a home folder of
/// their own, and the `xcfg` they put on PATH must run. Needs git and the .NET SDK (and NuGet, for the dependencies
/// missing from the machine's package cache): skipped, with the reason, when git or dotnet is missing, except under
/// XCFG_REQUIRE_HOST_TESTS=1 (CI).
/// </summary>
public sealed class InstallDocsTests(ITestOutputHelper log)
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Where the install commands are shown to a user.</summary>
    private static readonly string[] Places = ["README.md", "docs/cli.md", "docs/editors.md", "editors/vscode/README.md"];

    /// <summary>The install block of docs/cli.md: the `sh` block after its "## Install" heading.</summary>
    private static string InstallBlock(string root)
    {
        var doc = File.ReadAllText(Path.Combine(root, "docs", "cli.md"));
        var start = doc.IndexOf("```sh\n", doc.IndexOf("## Install", StringComparison.Ordinal), StringComparison.Ordinal) + "```sh\n".Length;
        return doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void Every_place_shows_the_same_install_commands_and_none_shows_another_way()
    {
        var root = HostTools.RepositoryRoot();
        var block = InstallBlock(root);

        Assert.Contains("dotnet tool install --global --add-source artifacts XenCfgTools\n", block, StringComparison.Ordinal);
        Assert.Contains("export PATH=\"$PATH:$HOME/.dotnet/tools\"", block, StringComparison.Ordinal);
        foreach (var place in Places)
        {
            var text = File.ReadAllText(Path.Combine(root, place));
            Assert.True(text.Contains("```sh\n" + block + "```", StringComparison.Ordinal), $"{place} does not show the install commands of docs/cli.md");
            Assert.DoesNotContain("-o nupkg", text, StringComparison.Ordinal);
            Assert.DoesNotContain("dotnet tool install --global XenCfgTools", text, StringComparison.Ordinal);
        }

        var hooks = File.ReadAllText(Path.Combine(root, ".pre-commit-hooks.yaml"));
        Assert.Contains("docs/cli.md", hooks, StringComparison.Ordinal);
        Assert.DoesNotContain("rev: v0.1.0", hooks, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_install_commands_work_as_written_in_a_clean_clone()
    {
        var git = HostTools.Require("git", "the install test clones this repository");
        HostTools.Require("dotnet", "the install commands use the .NET SDK");
        var bash = HostTools.Require("bash", "the install commands are a shell script");
        var root = HostTools.RepositoryRoot();
        var (headCode, head) = HostTools.Run(git, ["rev-parse", "HEAD"], root, TimeSpan.FromMinutes(1));
        if (headCode != 0)
        {
            Assert.False(HostTools.Required, $"{root} is not a git checkout, and XCFG_REQUIRE_HOST_TESTS=1 requires the install test: {head}");
            Skip.If(true, $"{root} is not a git checkout: the install is tried on a clone of a commit");
        }

        using var scratch = new TempDirectory("xcfg-install");
        var clone = Path.Combine(scratch.Path, "xencfgtools");
        var cloned = HostTools.Run(git, ["clone", "-q", "--no-checkout", root, clone], scratch.Path, TimeSpan.FromMinutes(2));
        Assert.True(cloned.ExitCode == 0, cloned.Output);
        Assert.Equal(0, HostTools.Run(git, ["checkout", "-q", head.Trim()], clone, TimeSpan.FromMinutes(2)).ExitCode);
        var home = Path.Combine(scratch.Path, "home");
        Directory.CreateDirectory(home);
        var environment = new Dictionary<string, string?>
        {
            // A home of its own: the tool goes to its ~/.dotnet/tools, the user's tools are left alone. The machine's
            // package cache still serves the dependencies (tools are not put there).
            ["HOME"] = home,
            ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        var script = "set -eu\n" + InstallBlock(root) + "xcfg lint tests/samples/pv-guest.cfg\n";

        var (code, output) = HostTools.Run(bash, ["-c", script], clone, InstallTimeout, environment);
        log.WriteLine(output);

        Assert.True(code == 0, output);
        Assert.Contains($"0.1.0+{head.Trim()}", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(home, ".dotnet", "tools", "xcfg")));
        Assert.Contains("0 errors, 0 warnings in 1 file", output, StringComparison.Ordinal);
    }
}
