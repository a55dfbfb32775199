using XenCfg.TestKit;

namespace XenCfg.Analysis.Tests.Specs;

/// <summary>
/// A theory over a file of the shared corpus (located by <see cref="Corpus"/>: XCFG_CORPUS, or ../shared/corpus).
/// When the file is absent the theory is reported as skipped, with the reason, rather than passing with no cases;
/// under CI (CI=true) it is not skipped, and its data source (<see cref="Corpus.FileOrNull"/>) fails it.
/// </summary>
internal sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute(string relativePath)
    {
        if (!SharedData.IsCi && Corpus.FileOrNull(relativePath) is null)
            Skip = $"{Corpus.SkipReason} (needed: {relativePath})";
    }
}
