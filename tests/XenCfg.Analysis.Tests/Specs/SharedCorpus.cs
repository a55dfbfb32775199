using XenCfg.TestKit;

namespace XenCfg.Analysis.Tests.Specs;

/// <summary>
/// A theory over a file of the shared corpus (located by <see cref="Corpus"/>: XCFG_CORPUS, or shared/corpus
/// above the test assembly). When the file is absent the theory is reported as skipped, with the reason,
/// rather than passing with no cases.
/// </summary>
internal sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute(string relativePath)
    {
        if (PathOrNull(relativePath) is null)
            Skip = $"{Corpus.SkipReason} (needed: {relativePath})";
    }

    public static string? PathOrNull(string relativePath)
    {
        if (Corpus.Root is not { } root)
            return null;
        string path = Path.Combine(root, relativePath);
        return File.Exists(path) ? path : null;
    }
}
