namespace XenCfg.TestKit;

/// <summary>
/// The shared config corpus (real-world configs and what Xen's own parser says about them), kept beside the
/// repository in ../shared/corpus or in the folder named by XCFG_CORPUS (see <see cref="SharedData"/>). Tests that
/// use it call <see cref="Require"/>: skipped, visibly, when it is absent, so a fresh clone's tests pass on their
/// own; a failure under CI.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string?> Location = new(() => SharedData.Locate("XCFG_CORPUS", "corpus", "real-world"));

    /// <summary>The corpus folder, or null when it cannot be found.</summary>
    public static string? Root => Location.Value;

    public const string SkipReason = "the shared corpus (../shared/corpus, or XCFG_CORPUS) is not present";

    public static string RealWorld => Path.Combine(Required, "real-world");

    public static string Oracle => Path.Combine(Required, "oracle");

    public static string SeedScenarios => Path.Combine(Required, "seed-scenarios");

    /// <summary>Skips the calling test when the corpus is absent (fails it under CI).</summary>
    public static void Require() => SharedData.Require(Root is not null, SkipReason);

    /// <summary>
    /// The path of a file of the corpus, or null when the corpus or the file is absent and this is not CI (under CI
    /// that is a failure), for test data sources that must not throw on a developer's machine.
    /// </summary>
    public static string? FileOrNull(string relativePath)
    {
        var path = Root is { } root ? Path.Combine(root, relativePath) : null;
        if (path is not null && File.Exists(path))
        {
            return path;
        }

        return SharedData.IsCi ? throw SharedData.MissingUnderCi($"{SkipReason} (needed: {relativePath})") : null;
    }

    private static string Required => Root ?? throw new InvalidOperationException(SkipReason);
}
