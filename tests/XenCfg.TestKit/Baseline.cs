using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace XenCfg.TestKit;

/// <summary>
/// Golden-file assertions. A baseline is a reviewed file in the test project's source folder; set
/// XCFG_UPDATE_BASELINES=1 to rewrite the baselines, then review the change with git diff before committing.
/// </summary>
public static class Baseline
{
    public static bool Updating => Environment.GetEnvironmentVariable("XCFG_UPDATE_BASELINES") == "1";

    /// <summary>The folder of the calling test's source file.</summary>
    public static string SourceDirectory([CallerFilePath] string callerPath = "") =>
        Path.GetDirectoryName(callerPath) ?? throw new InvalidOperationException("no caller path");

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
            throw new XunitException($"Baseline {baselinePath} does not exist. Run the tests with XCFG_UPDATE_BASELINES=1 to create it, then review it.");
        }

        var expected = File.ReadAllText(baselinePath);
        if (expected != actual)
        {
            var actualPath = baselinePath + ".actual";
            File.WriteAllText(actualPath, actual);
            throw new XunitException(
                $"Baseline {baselinePath} differs from the result.\n" +
                $"See the difference: git diff --no-index {baselinePath} {actualPath}\n" +
                "If the new result is right, rerun with XCFG_UPDATE_BASELINES=1 and review the change.");
        }
    }
}
