namespace XenCfg.TestKit;

/// <summary>
/// The shared config corpus (real-world configs and what Xen's own parser says about them) lives outside the
/// repository, beside it in ../shared/corpus. Tests that use it are skipped, visibly, when it is absent, so a
/// fresh clone's tests still pass on their own.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string?> Location = new(Find);

    /// <summary>The corpus folder, or null when it cannot be found.</summary>
    public static string? Root => Location.Value;

    public const string SkipReason = "the shared corpus (../shared/corpus, or XCFG_CORPUS) is not present";

    public static string RealWorld => Path.Combine(Required, "real-world");

    public static string Oracle => Path.Combine(Required, "oracle");

    public static string SeedScenarios => Path.Combine(Required, "seed-scenarios");

    private static string Required => Root ?? throw new InvalidOperationException(SkipReason);

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("XCFG_CORPUS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "corpus");
            if (Directory.Exists(Path.Combine(candidate, "real-world")))
            {
                return candidate;
            }
        }

        return null;
    }
}
