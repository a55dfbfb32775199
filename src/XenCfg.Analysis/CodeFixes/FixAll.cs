using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.CodeFixes;

/// <summary>
/// Every fix of a file at once: <c>xcfg lint --fix</c> and the editor's "fix all" (<c>source.fixAll.xcfg</c>) run
/// this one loop, so both change a file the same way.
/// </summary>
public static class FixAll
{
    /// <summary>Enough passes for fixes that were skipped because they overlapped an earlier one.</summary>
    public const int MaxPasses = 10;

    /// <summary>
    /// Applies the fixes (safe ones, or all with <paramref name="includeUnsafe"/>) pass after pass until nothing more
    /// applies, analysing the file again between passes. The first pass fixes <paramref name="diagnostics"/> when
    /// given (the editor passes what it shows, cross-file findings included), else the file's own findings.
    /// </summary>
    public static (SyntaxTree Tree, int Applied) Apply(SyntaxTree tree, AnalysisOptions options, bool includeUnsafe, IEnumerable<ConfigDiagnostic>? diagnostics = null)
    {
        var applied = 0;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var found = pass == 0 && diagnostics is not null ? diagnostics : ConfigAnalyzer.Analyze(tree, options);
            var (text, count) = CodeFixRegistry.ApplyAll(tree, found, includeUnsafe);
            if (count == 0)
            {
                break;
            }

            applied += count;
            tree = tree.WithText(text);
        }

        return (tree, applied);
    }
}
