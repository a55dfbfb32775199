using System.Diagnostics;
using XenCfg.Cli.Tests.TestSupport;
using XenCfg.TestKit;
using Xunit.Abstractions;

namespace XenCfg.Cli.Tests;

/// <summary>
/// The pre-commit hook for real, set up as docs/cli.md says: a scratch git repository whose .pre-commit-config.yaml is
/// the documented snippet, as written apart from the repository's address, which points at a scratch copy of this
/// repository whose `main` is this repository's committed state (HEAD). So pre-commit resolves `rev: main`, builds and
/// installs xcfg as a dotnet tool exactly as a user's machine would, and runs it on commits; then `pre-commit
/// autoupdate`, as the docs say, pins the commit. Needs git and pre-commit (Debian's package; .ci/run installs it):
/// skipped, with the reason, when they are missing, except under XCFG_REQUIRE_HOST_TESTS=1 (CI). Uncommitted changes
/// to this repository are not seen: the hook is built from HEAD.
/// </summary>
public sealed class PreCommitHookTests(ITestOutputHelper log)
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The first commit builds the tool (dotnet pack and tool install of this repository).</summary>
    private static readonly TimeSpan CommitTimeout = TimeSpan.FromMinutes(10);

    private const string WebA =
        "name   = \"web-a\"\nmemory = 512\nkernel = \"/boot/vmlinuz\"\n" +
        "disk   = [ 'phy:/dev/vg/shared,xvdb,w', 'phy:/dev/vg/web-a-root,xvda,w' ]\n" +
        "root   = \"/dev/xvda ro\"\nvif    = [ 'mac=00:16:3e:00:00:01, bridge=xenbr0' ]\n";

    /// <summary>The address the documented snippet gives for this repository.</summary>
    private const string DocumentedRepository = "https://github.com/xencfgtools/xencfgtools";

    /// <summary>The `.pre-commit-config.yaml` docs/cli.md shows, exactly as written there.</summary>
    private static string DocumentedSnippet(string repositoryRoot)
    {
        var doc = File.ReadAllText(Path.Combine(repositoryRoot, "docs", "cli.md"));
        var start = doc.IndexOf("```yaml\n# .pre-commit-config.yaml", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/cli.md shows no .pre-commit-config.yaml");
        start = doc.IndexOf('\n', start) + 1;
        return doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [SkippableFact]
    public void The_hook_blocks_a_commit_with_a_conflict_against_an_unchanged_file_and_passes_once_it_is_fixed()
    {
        var git = HostTools.Require("git", "the pre-commit test makes git repositories");
        var preCommit = HostTools.Require("pre-commit", "the pre-commit hook is tested with pre-commit itself (Debian package pre-commit)");
        HostTools.Require("dotnet", "pre-commit builds the hook with the .NET SDK");
        var source = HostTools.RepositoryRoot();
        var (headCode, head) = HostTools.Run(git, ["rev-parse", "HEAD"], source, GitTimeout);
        if (headCode != 0)
        {
            Assert.False(HostTools.Required, $"{source} is not a git checkout, and XCFG_REQUIRE_HOST_TESTS=1 requires the pre-commit test: {head}");
            Skip.If(true, $"{source} is not a git checkout: the hook is built from a commit of this repository");
        }

        using var scratch = new TempDirectory("xcfg-precommit");
        var repo = Path.Combine(scratch.Path, "configs");
        Directory.CreateDirectory(repo);
        var environment = new Dictionary<string, string?>
        {
            // A cache of its own: pre-commit builds the hook from scratch, and the user's cache is left alone.
            ["PRE_COMMIT_HOME"] = Path.Combine(scratch.Path, "pre-commit-cache"),
            ["GIT_AUTHOR_NAME"] = "xcfg test",
            ["GIT_AUTHOR_EMAIL"] = "test@example.invalid",
            ["GIT_COMMITTER_NAME"] = "xcfg test",
            ["GIT_COMMITTER_EMAIL"] = "test@example.invalid",
            ["NO_COLOR"] = "1",
        };
        (int ExitCode, string Output) Git(params string[] args) => HostTools.Run(git, args, repo, CommitTimeout, environment);

        // Where the documented address would lead: a repository whose main is this one's HEAD.
        var published = Path.Combine(scratch.Path, "xencfgtools.git");
        Assert.Equal(0, HostTools.Run(git, ["init", "-q", "--bare", "--initial-branch=main", published], scratch.Path, GitTimeout, environment).ExitCode);
        var push = HostTools.Run(git, ["push", "-q", published, "HEAD:refs/heads/main"], source, GitTimeout, environment);
        Assert.True(push.ExitCode == 0, push.Output);

        var snippet = DocumentedSnippet(source);
        Assert.Contains($"  - repo: {DocumentedRepository}\n    rev: main ", snippet, StringComparison.Ordinal);
        Assert.Equal(0, Git("init", "-q").ExitCode);
        var configPath = Path.Combine(repo, ".pre-commit-config.yaml");
        File.WriteAllText(configPath, snippet.Replace(DocumentedRepository, published, StringComparison.Ordinal));
        var install = HostTools.Run(preCommit, ["install"], repo, GitTimeout, environment);
        Assert.True(install.ExitCode == 0, install.Output);

        File.WriteAllText(Path.Combine(repo, "web-a.cfg"), WebA);
        Git("add", ".");
        var started = Stopwatch.StartNew();
        var first = Git("commit", "-q", "-m", "web-a");
        log.WriteLine($"first commit (builds and installs the hook): {started.Elapsed.TotalSeconds:F1} s\n{first.Output}");
        Assert.True(first.ExitCode == 0, "a clean config was refused:\n" + first.Output);

        var webB = Path.Combine(repo, "web-b.cfg");
        File.WriteAllText(webB, WebA.Replace("web-a", "web-b", StringComparison.Ordinal).Replace(":01,", ":02,", StringComparison.Ordinal));
        Git("add", "web-b.cfg");
        started.Restart();
        var blocked = Git("commit", "-q", "-m", "web-b");
        log.WriteLine($"blocked commit: {started.Elapsed.TotalSeconds:F1} s\n{blocked.Output}");
        Assert.NotEqual(0, blocked.ExitCode);
        Assert.Contains("xcfg lint (Xen domain configs)", blocked.Output, StringComparison.Ordinal);
        Assert.Contains("web-b.cfg(4,17): error XCFG0300: `/dev/vg/shared` is written by `web-b` here and also used by `web-a` (web-a.cfg)", blocked.Output, StringComparison.Ordinal);
        Assert.Contains("\n1 error, 0 warnings in 1 file\n", blocked.Output, StringComparison.Ordinal);

        File.WriteAllText(webB, File.ReadAllText(webB).Replace("/dev/vg/shared", "/dev/vg/web-b-data", StringComparison.Ordinal));
        Git("add", "web-b.cfg");
        started.Restart();
        var fixedCommit = Git("commit", "-q", "-m", "web-b, own data volume");
        log.WriteLine($"fixed commit: {started.Elapsed.TotalSeconds:F1} s\n{fixedCommit.Output}");
        Assert.True(fixedCommit.ExitCode == 0, "the fixed config was refused:\n" + fixedCommit.Output);
        Assert.Equal("2\n", Git("rev-list", "--count", "HEAD").Output);

        // As the docs say: `pre-commit autoupdate` pins the commit main had (there is no tag), keeping the comment.
        var update = HostTools.Run(preCommit, ["autoupdate"], repo, CommitTimeout, environment);
        Assert.True(update.ExitCode == 0, update.Output);
        Assert.Contains($"    rev: {head.Trim()} ", File.ReadAllText(configPath), StringComparison.Ordinal);
    }
}
