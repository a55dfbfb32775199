using Xunit.Sdk;

namespace XenCfg.TestKit;

/// <summary>
/// Where the tests find data kept beside the repository rather than in it: the folder <c>shared</c> next to the
/// clone (<c>../shared</c>, holding <c>corpus/</c> and <c>xen-sources/</c>). For a git worktree the clone is its main
/// checkout, whose <c>../shared</c> is used when the worktree has none of its own. Nothing else outside the
/// repository is read. A test that needs such data is skipped, with the reason shown, when it is absent; under CI
/// (<c>CI=true</c>, set by .ci/run) the data must be there, and its absence fails the test.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Repository = new(FindRepositoryRoot);

    /// <summary>Whether this is a CI run (<c>CI=true</c>), where shared data must be present and baselines may not be rewritten.</summary>
    public static bool IsCi => IsCiValue(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The repository's root (the folder holding XenCfgTools.sln above the test binaries), or null.</summary>
    public static string? RepositoryRoot => Repository.Value;

    /// <summary>The candidates for <c>shared/NAME</c>, in the order they are tried.</summary>
    public static IEnumerable<string> Candidates(string name)
    {
        if (RepositoryRoot is not { } root)
        {
            yield break;
        }

        yield return Path.GetFullPath(Path.Combine(root, "..", "shared", name));
        if (MainCheckoutOfWorktree(root) is { } main)
        {
            yield return Path.GetFullPath(Path.Combine(main, "..", "shared", name));
        }
    }

    /// <summary>
    /// The folder named by <paramref name="environmentVariable"/> when it is set (null when that folder does not
    /// exist), else the first candidate <c>shared/NAME</c> that holds <paramref name="marker"/>.
    /// </summary>
    public static string? Locate(string environmentVariable, string name, string marker)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }

        return Candidates(name).FirstOrDefault(candidate => Path.Exists(Path.Combine(candidate, marker)));
    }

    /// <summary>Skips the calling test when <paramref name="present"/> is false; under CI, fails it instead.</summary>
    public static void Require(bool present, string skipReason)
    {
        if (present)
        {
            return;
        }

        throw IsCi ? MissingUnderCi(skipReason) : new Xunit.SkipException(skipReason);
    }

    /// <summary>The failure of a test whose shared data is absent under CI.</summary>
    public static XunitException MissingUnderCi(string reason) => new($"CI=true requires shared test data that is absent: {reason}");

    public static bool IsCiValue(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "XenCfgTools.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// For a linked git worktree (its .git is a file "gitdir: MAIN/.git/worktrees/NAME"), the main checkout MAIN;
    /// otherwise null.
    /// </summary>
    public static string? MainCheckoutOfWorktree(string root)
    {
        var dotGit = Path.Combine(root, ".git");
        if (!File.Exists(dotGit))
        {
            return null;
        }

        var line = File.ReadLines(dotGit).FirstOrDefault() ?? string.Empty;
        if (!line.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            return null;
        }

        var gitDirectory = Path.GetFullPath(line["gitdir:".Length..].Trim(), root);
        var commonFile = Path.Combine(gitDirectory, "commondir");
        var common = File.Exists(commonFile) ? Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDirectory) : null;
        return common is not null && Path.GetFileName(common.TrimEnd('/')) == ".git" ? Path.GetDirectoryName(common.TrimEnd('/')) : null;
    }
}
