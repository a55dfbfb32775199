using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace XenCfg.TestKit;

/// <summary>
/// Golden-file assertions. A baseline is a reviewed file in the test project's source folder; set
/// XCFG_UPDATE_BASELINES=1 to rewrite the baselines, then review the change with git diff before committing.
/// Under CI (CI=true) rewriting is refused: a CI run checks the reviewed files, it never replaces them.
/// </summary>
public static class Baseline
{
    public const string UpdateVariable = "XCFG_UPDATE_BASELINES";

    /// <summary>Whether the baselines are being rewritten; fails the calling test when that is asked for under CI.</summary>
    public static bool Updating => IsUpdating(Environment.GetEnvironmentVariable(UpdateVariable), SharedData.IsCi);

    /// <summary>The folder of the calling test's source file.</summary>
    public static string SourceDirectory([CallerFilePath] string callerPath = "") =>
        Path.GetDirectoryName(callerPath) ?? throw new InvalidOperationException("no caller path");

    /// <summary>
    /// Whether <paramref name="update"/> (the value of XCFG_UPDATE_BASELINES) asks for the baselines to be rewritten;
    /// any value asking for it under CI is refused.
    /// </summary>
    public static bool IsUpdating(string? update, bool ci)
    {
        if (string.IsNullOrEmpty(update) || update == "0")
        {
            return false;
        }

        if (ci)
        {
            throw new XunitException(
                $"{UpdateVariable}={update} is refused under CI (CI=true): baselines are reviewed files, rewritten on a " +
                "developer's machine and reviewed with git diff, never by a CI run.");
        }

        return update == "1";
    }

    public static void Verify(string baselinePath, string actual)
    {
        actual = actual.ReplaceLineEndings("\n");
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(baselinePath)!);
            File.WriteAllText(baselinePath, actual);
            return;
        }

        if (!File.Exists(baselinePath))
        {
            throw new XunitException($"Baseline {baselinePath} does not exist. Run the tests with {UpdateVariable}=1 to create it, then review it.");
        }

        var expected = File.ReadAllText(baselinePath);
        if (expected != actual)
        {
            var actualPath = baselinePath + ".actual";
            File.WriteAllText(actualPath, actual);
            throw new XunitException(
                $"Baseline {baselinePath} differs from the result.\n" +
                $"See the difference: git diff --no-index {baselinePath} {actualPath}\n" +
                $"If the new result is right, rerun with {UpdateVariable}=1 and review the change.");
        }
    }

    /// <summary>
    /// Asserts that <paramref name="folder"/> holds exactly <paramref name="expectedFiles"/> (names relative to it,
    /// with '/'), ignoring the *.actual files failed comparisons leave: a baseline whose sample or test case is gone,
    /// or a sample or case whose baseline is missing, is a failure rather than a file nobody reads.
    /// </summary>
    public static void AssertFolderHolds(string folder, IEnumerable<string> expectedFiles)
    {
        var expected = expectedFiles.ToHashSet(StringComparer.Ordinal);
        var present = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .Where(name => !name.EndsWith(".actual", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        var problems = present.Except(expected).Order(StringComparer.Ordinal).Select(name => $"{name}: no sample or test case uses it (remove it, or restore what used it)")
            .Concat(expected.Except(present).Order(StringComparer.Ordinal).Select(name => $"{name}: missing (create it with {UpdateVariable}=1, then review it)"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new XunitException($"{folder} does not hold exactly the baselines of its samples:\n" + string.Join("\n", problems));
        }
    }
}
